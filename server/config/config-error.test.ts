import { expect, test } from 'vitest'
import { ConfigError, configIssue } from './config-error'

test('a config issue line starts with the variable name', () => {
  expect(configIssue('PORT', 'must be a number; fix it')).toEqual({
    variable: 'PORT',
    message: 'PORT must be a number; fix it',
  })
})

test('a config error keeps every issue and joins their lines into its message', () => {
  const error = new ConfigError([
    configIssue('PORT', 'is bad; fix it'),
    configIssue('EXECUTOR_ORG_SLUG', 'is bad; fix it'),
  ])
  expect(error).toBeInstanceOf(Error)
  expect(error.name).toBe('ConfigError')
  expect(error.issues.map((issue) => issue.variable)).toEqual(['PORT', 'EXECUTOR_ORG_SLUG'])
  expect(error.message).toBe('PORT is bad; fix it\nEXECUTOR_ORG_SLUG is bad; fix it')
})
