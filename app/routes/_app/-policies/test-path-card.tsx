// "Test a tool path": asks the server how a call to a path would be decided now, naming the
// rule that decides it (or the tool's default) and the names the call goes by.
import { type FormEvent, useState } from 'react'
import type { PolicyTest } from '~/server/policies/policies'
import { Button } from '../../../components/button'
import { Card } from '../../../components/card'
import { FormAlert, TextField } from '../../../components/form-field'
import { api, errorMessage } from '../../../lib/api-client'
import { textValue } from '../../../lib/form-values'
import { useAction } from '../../../lib/use-action'
import { ActionBadge } from './policy-action'

export function TestPathCard() {
  const [result, setResult] = useState<PolicyTest | null>(null)
  const test = useAction(async (path: string) => {
    setResult(null)
    setResult(await api<PolicyTest>(`/api/policies/test?path=${encodeURIComponent(path)}`))
  })
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    void test.run(textValue(new FormData(event.currentTarget), 'path'))
  }
  return (
    <Card title="Test a tool path" description="See which rule decides a call, or which default applies, and why.">
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField label="Tool path" name="path" placeholder="e.g. github.issues.create" autoComplete="off" spellCheck={false} maxLength={500} className="min-w-0 flex-1" />
        <Button type="submit" variant="secondary" pending={test.pending} pendingLabel="Testing…">
          Test
        </Button>
      </form>
      <div aria-live="polite" className="mt-4 empty:hidden">
        {test.error ? <FormAlert>{errorMessage(test.error)}</FormAlert> : null}
        {result ? <TestResult result={result} /> : null}
      </div>
    </Card>
  )
}

function TestResult({ result }: { result: PolicyTest }) {
  const { decision } = result
  return (
    <section aria-label="Test result" className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <code className="font-mono break-all text-slate-900">{result.path}</code>
        <ActionBadge action={decision.action} />
        <span className="text-slate-500">{decision.source === 'rule' ? `by rule ${(decision.rule?.position ?? 0) + 1}` : 'by default'}</span>
      </p>
      <p className="text-slate-700">{sentence(decision.reason)}</p>
      {decision.rule?.note ? <p className="text-slate-600">Note: {decision.rule.note}</p> : null}
      <p className="text-xs text-slate-500">
        Tested as {result.names.map((name, i) => (
          <span key={name}>
            {i > 0 ? ' and ' : ''}
            <code className="font-mono break-all">{name}</code>
          </span>
        ))}
        {result.tool?.found ? '' : ' (no such tool found)'}
      </p>
    </section>
  )
}

/** The server's reason as a sentence: capital first letter, closing period. */
function sentence(reason: string) {
  return `${reason.charAt(0).toUpperCase()}${reason.slice(1)}${/[.!?]$/.test(reason) ? '' : '.'}`
}
