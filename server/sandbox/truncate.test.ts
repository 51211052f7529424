import { expect, test } from 'vitest'
import { createLogBuffer } from './log-buffer'
import { cutUtf8, formatBytes, truncationMarker, utf8Length } from './truncate'

test('counts UTF-8 bytes of ASCII, accented, CJK and astral text', () => {
  expect(utf8Length('abc')).toBe(3)
  expect(utf8Length('é')).toBe(2)
  expect(utf8Length('字')).toBe(3)
  expect(utf8Length('😀')).toBe(4)
  expect(utf8Length('a😀é字')).toBe(new TextEncoder().encode('a😀é字').length)
})

test('cuts within the byte budget without splitting a character', () => {
  expect(cutUtf8('abcdef', 4)).toEqual({ kept: 'abcd', droppedBytes: 2 })
  expect(cutUtf8('a😀b', 3)).toEqual({ kept: 'a', droppedBytes: 5 })
  expect(cutUtf8('字字', 4)).toEqual({ kept: '字', droppedBytes: 3 })
  expect(cutUtf8('short', 100)).toEqual({ kept: 'short', droppedBytes: 0 })
})

test('the marker names how much was dropped', () => {
  expect(truncationMarker(1.2 * 1024 * 1024)).toBe('…[truncated: 1.2 MiB more]')
  expect(formatBytes(512)).toBe('512 B')
  expect(formatBytes(2048)).toBe('2.0 KiB')
})

test('keeps log lines until the budget, cuts the line that crosses it and marks the last kept line', () => {
  const logs = createLogBuffer(10)
  logs.add('log', 'hello', 1)
  logs.add('warn', 'world!!', 2)
  logs.add('error', 'dropped', 3)
  expect(logs.full).toBe(true)
  expect(logs.finish()).toEqual({
    logs: [
      { level: 'log', message: 'hello', at: 1 },
      { level: 'warn', message: 'world…[truncated: 9 B more]', at: 2 },
    ],
    logsTruncated: true,
  })
})

test('leaves logs within the budget untouched', () => {
  const logs = createLogBuffer(100)
  logs.add('info', 'fine', 0)
  expect(logs.finish()).toEqual({ logs: [{ level: 'info', message: 'fine', at: 0 }], logsTruncated: false })
})
