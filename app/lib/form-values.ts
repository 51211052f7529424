// Reading forms against the server's own zod schemas (`*.schema.ts` files are client-safe),
// so the browser and the API reject the same input with the same words.
import type { z } from 'zod'

/** The first message per top-level field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '')
    errors[field] ??= issue.message
  }
  return errors
}

/** A text or number input's value as text, trimmed; empty when absent. */
export function textValue(form: FormData, name: string): string {
  const value = form.get(name)
  return typeof value === 'string' ? value.trim() : ''
}

/** An optional number input: undefined when left empty, NaN (which the schema rejects) when not a number. */
export function optionalNumber(form: FormData, name: string): number | undefined {
  const text = textValue(form, name)
  return text === '' ? undefined : Number(text)
}

export function focusField(form: HTMLFormElement | null, name: string | undefined) {
  const field = name ? form?.elements.namedItem(name) : null
  if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement || field instanceof HTMLTextAreaElement) field.focus()
}

/**
 * `input` validated by `schema`: the data, or undefined after showing each field's first
 * message through `setErrors` and focusing the first invalid field.
 */
export function validateForm<TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
  form: HTMLFormElement | null,
  setErrors: (errors: Record<string, string>) => void,
): z.output<TSchema> | undefined {
  const parsed = schema.safeParse(input)
  if (parsed.success) {
    setErrors({})
    return parsed.data
  }
  const found = fieldErrors(parsed.error)
  setErrors(found)
  focusField(form, Object.keys(found)[0])
  return undefined
}
