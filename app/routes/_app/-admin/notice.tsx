// The outcome of the last action in a section (role changed, person removed, or why not).
// The status region is always in the page so screen readers notice when its text changes.
export type Notice = { tone: 'success' | 'error'; text: string } | null

export function NoticeBar(props: { notice: Notice }) {
  const success = props.notice?.tone === 'success' ? props.notice.text : null
  const error = props.notice?.tone === 'error' ? props.notice.text : null
  return (
    <>
      <p role="status" className={success ? 'border-b border-emerald-200 bg-emerald-50 px-5 py-2.5 text-sm text-emerald-800 sm:px-6' : 'sr-only'}>
        {success}
      </p>
      {error ? (
        <p role="alert" className="border-b border-red-200 bg-red-50 px-5 py-2.5 text-sm text-red-800 sm:px-6">
          {error}
        </p>
      ) : null}
    </>
  )
}
