// Finds what a test run left behind: processes started from this checkout (the Bun server,
// wrangler, workerd, Vite, browsers) and `executor-*` temporary directories. `npm test`
// (scripts/test.mjs) runs it at its end against what was there before; run by hand it reports
// every such process still up (exit code 1 if any).
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, sep } from 'node:path'

export const checkout = resolve(import.meta.dirname, '..')
const SERVER_KINDS = /bun|workerd|wrangler|vite|playwright|chrom|\.output/i

/**
 * Processes from this checkout (or from the other `roots`, such as a test run's temp dir holding
 * copies of it) other than this one and its ancestors: [{pid, command}].
 */
export function checkoutProcesses(roots = []) {
  const places = [checkout, ...roots]
  const table = execFileSync('ps', ['-axo', 'pid=,ppid=,command='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter(Boolean)
    .map(([, pid, ppid, command]) => ({ pid: Number(pid), ppid: Number(ppid), command }))
  const parents = new Map(table.map((p) => [p.pid, p.ppid]))
  const mine = new Set()
  for (let pid = process.pid; pid && !mine.has(pid); pid = parents.get(pid)) mine.add(pid)
  return table.filter(
    (p) => !mine.has(p.pid) && !p.command.startsWith('ps ') && SERVER_KINDS.test(p.command) && places.some((place) => startedIn(place, p)),
  )
}

function startedIn(place, { pid, command }) {
  if (command.includes(place + sep)) return true
  try {
    // Linux only; elsewhere the command line has to name the place.
    const cwd = readlinkSync(`/proc/${pid}/cwd`)
    return cwd === place || cwd.startsWith(place + sep)
  } catch {
    return false
  }
}

/** `executor-*` entries in `dir` (the system temp dir by default). */
export function executorTempDirs(dir = tmpdir()) {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => name.startsWith('executor-'))
    .map((name) => join(dir, name))
}

/** Prints what was left and returns whether anything was. */
export function reportLeftovers({ processes, dirs }) {
  for (const p of processes) console.error(`left running: pid ${p.pid}: ${p.command}`)
  for (const dir of dirs) console.error(`left behind: ${dir}`)
  return processes.length + dirs.length > 0
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const left = reportLeftovers({ processes: checkoutProcesses(), dirs: [] })
  if (left) process.exit(1)
  console.log('No process from this checkout is running.')
}
