import { StatusPage } from './status-page'

export function NotFound() {
  return (
    <StatusPage status="404" title="Page not found" back={{ to: '/', label: 'Back to overview' }}>
      There is nothing at this address.
    </StatusPage>
  )
}
