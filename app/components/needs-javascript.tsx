// Shown, instead of a form that cannot work, when the browser runs no JavaScript.
export function NeedsJavaScript(props: { action: string }) {
  return (
    <noscript>
      <p className="mb-5 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        {`${props.action} needs JavaScript; turn it on for this site and reload the page.`}
      </p>
    </noscript>
  )
}
