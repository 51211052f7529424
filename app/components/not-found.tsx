import { Link } from '@tanstack/react-router'
import { buttonClass } from './button'

export function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-slate-600">There is nothing at this address.</p>
      <Link to="/" className={buttonClass('primary', 'mt-6')}>
        Back to overview
      </Link>
    </div>
  )
}
