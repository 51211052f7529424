// Adds a toolkit, or edits one in place. Patterns are one per line; while they are typed, the
// count of tools they hold (for the person typing) is fetched after a short pause. The form is
// checked with the API's own schema, so both refuse the same input with the same words.
import { useRouter } from '@tanstack/react-router'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { TOOLKIT_MODES, type ToolkitMode } from '~/db/enums'
import type { ToolkitPreview } from '~/server/toolkits/toolkit-preview'
import { AddToolkitSchema } from '~/server/toolkits/toolkit.schema'
import type { Toolkit } from '~/server/toolkits/toolkits'
import { Button } from '../../../components/button'
import { Card } from '../../../components/card'
import { FormAlert, SelectField, TextAreaField, TextField } from '../../../components/form-field'
import { api, errorMessage } from '../../../lib/api-client'
import { fieldErrors, textValue } from '../../../lib/form-values'
import { useAction } from '../../../lib/use-action'

const PREVIEW_DELAY_MS = 300

const modeOptions: Record<ToolkitMode, string> = {
  code: 'Code mode',
  direct: 'Direct tools',
}

export function ToolkitForm(props: { toolkit?: Toolkit; onDone?: () => void }) {
  const { toolkit } = props
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [patterns, setPatterns] = useState(toolkit?.patterns.join('\n') ?? '')
  const preview = usePreview(patterns)
  const save = useAction(async (input: unknown) => {
    if (toolkit) await api(`/api/toolkits/${toolkit.id}`, { method: 'PATCH', body: input })
    else await api('/api/toolkits', { body: input })
    formRef.current?.reset()
    setPatterns('')
    await router.invalidate()
    props.onDone?.()
  })

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const input = {
      slug: textValue(form, 'slug'),
      name: textValue(form, 'name'),
      description: textValue(form, 'description'),
      patterns: patterns.split('\n'),
      mode: TOOLKIT_MODES.find((mode) => mode === textValue(form, 'mode')) ?? 'code',
    }
    const checked = AddToolkitSchema.safeParse(input)
    if (!checked.success) {
      const found = fieldErrors(checked.error)
      setErrors(found)
      formRef.current?.querySelector<HTMLElement>(`[name="${Object.keys(found)[0]}"]`)?.focus()
      return
    }
    setErrors({})
    void save.run(checked.data)
  }

  const title = toolkit ? `Edit ${toolkit.name}` : 'Add a toolkit'
  return (
    <Card title={title} description="A tool is in the toolkit when a pattern matches its name: github.* is every GitHub tool, github.issues.* its issue tools, github.org.main.* only through that connection.">
      <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-4" aria-label={title}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" name="name" defaultValue={toolkit?.name} placeholder="e.g. Support desk" maxLength={100} autoComplete="off" error={errors.name} />
          <TextField
            label="Slug"
            name="slug"
            defaultValue={toolkit?.slug}
            placeholder="e.g. support-desk"
            hint="Its MCP URL ends in /mcp/<slug>"
            maxLength={40}
            autoComplete="off"
            spellCheck={false}
            error={errors.slug}
          />
        </div>
        <TextField label="Description" name="description" optional defaultValue={toolkit?.description} maxLength={500} autoComplete="off" error={errors.description} />
        <TextAreaField
          label="Patterns"
          name="patterns"
          rows={4}
          value={patterns}
          onChange={(event) => setPatterns(event.currentTarget.value)}
          placeholder={'petstore.pet.*\nexecutor.echo'}
          hint="One per line"
          spellCheck={false}
          error={errors.patterns}
        />
        <p role="status" className="text-sm text-slate-600" data-testid="toolkit-preview">
          {preview}
        </p>
        <SelectField
          label="Mode"
          name="mode"
          defaultValue={toolkit?.mode ?? 'code'}
          hint="Code mode: clients search, describe and run one program that calls many tools. Direct tools: each tool is an MCP tool of its own (up to 200)."
          error={errors.mode}
        >
          {TOOLKIT_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {modeOptions[mode]}
            </option>
          ))}
        </SelectField>
        {save.error ? <FormAlert>{errorMessage(save.error)}</FormAlert> : null}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" pending={save.pending} pendingLabel="Saving…">
            {toolkit ? 'Save toolkit' : 'Add toolkit'}
          </Button>
          {props.onDone ? (
            <Button variant="secondary" onClick={props.onDone}>
              Cancel
            </Button>
          ) : null}
        </div>
      </form>
    </Card>
  )
}

/** What the typed patterns hold, in words; fetched once typing pauses, the latest answer wins. */
function usePreview(patterns: string): string {
  const [text, setText] = useState('')
  useEffect(() => {
    const lines = patterns.split('\n').map((line) => line.trim()).filter(Boolean)
    if (lines.length === 0) {
      setText('')
      return
    }
    let current = true
    const timer = setTimeout(() => {
      api<ToolkitPreview>('/api/toolkits/preview', { body: { patterns: lines } }).then(
        (found) => {
          if (!current) return
          const shown = found.paths.slice(0, 5).join(', ')
          const more = found.count > 5 ? `, and ${found.count - 5} more` : ''
          setText(found.count === 0 ? 'Matches no tool you can see yet.' : `Matches ${found.count} tool${found.count === 1 ? '' : 's'}: ${shown}${more}.`)
        },
        (error: unknown) => current && setText(errorMessage(error)),
      )
    }, PREVIEW_DELAY_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [patterns])
  return text
}
