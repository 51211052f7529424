import { Link } from '@tanstack/react-router'

export function BackToIntegrations() {
  return (
    <Link to="/integrations" className="inline-flex items-center gap-1.5 text-sm font-medium text-slate-600 hover:text-slate-900">
      <span aria-hidden>←</span>
      Back to integrations
    </Link>
  )
}
