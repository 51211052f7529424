import { type ErrorComponentProps, useRouter } from '@tanstack/react-router'
import { Button } from './button'

export function DefaultCatchBoundary({ error }: ErrorComponentProps) {
  const router = useRouter()
  return (
    <div role="alert" className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="mt-2 text-slate-600">{error instanceof Error && error.message ? error.message : 'An unexpected error occurred.'}</p>
      <Button onClick={() => router.invalidate()} className="mt-6">
        Try again
      </Button>
    </div>
  )
}
