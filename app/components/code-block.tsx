// Read-only source with syntax highlighting (agent code, JSON results and arguments). Long lines
// scroll inside the block, never the page, so a phone keeps its width. Tokenizing is pure, so the
// server render and hydration produce the same markup.
import { Highlight, type PrismTheme } from 'prism-react-renderer'

// The console's own palette (Tailwind slate, indigo, emerald, amber, sky, violet) on the light
// panels used everywhere else, instead of a stock theme with its own background and blues.
const theme: PrismTheme = {
  plain: { color: '#1e293b', backgroundColor: '#f8fafc' },
  styles: [
    { types: ['comment', 'prolog', 'doctype', 'cdata'], style: { color: '#64748b', fontStyle: 'italic' } },
    { types: ['punctuation', 'operator'], style: { color: '#64748b' } },
    { types: ['keyword', 'builtin', 'atrule', 'important'], style: { color: '#4338ca' } },
    { types: ['string', 'char', 'template-string', 'regex', 'attr-value'], style: { color: '#047857' } },
    { types: ['number', 'boolean', 'null', 'constant', 'symbol'], style: { color: '#b45309' } },
    { types: ['function', 'class-name'], style: { color: '#0369a1' } },
    { types: ['property', 'attr-name'], style: { color: '#6d28d9' } },
    { types: ['template-punctuation', 'interpolation-punctuation'], style: { color: '#047857' } },
  ],
}

// Results and logs may reach 1 MiB by default; tokenizing that much would freeze the tab and
// build a huge DOM, so big blocks are shown as plain text.
const HIGHLIGHT_LIMIT = 100_000

type CodeBlockProps = {
  code: string
  language: 'javascript' | 'typescript' | 'json'
  /** a gutter with line numbers, for programs people refer to by line */
  lineNumbers?: boolean
  /** names the block for screen readers, e.g. "Code" */
  label?: string
  /** scroll inside the block past about 28 lines, for values that can be long */
  capHeight?: boolean
  /** wrap long lines instead of scrolling sideways, for one-line blobs such as cut JSON text */
  wrap?: boolean
  /** a line to mark (1-based), e.g. where an error was thrown */
  markedLine?: number
  className?: string
}

export function CodeBlock(props: CodeBlockProps) {
  const frame = `overflow-auto rounded-lg border border-slate-200 bg-slate-50 py-3 font-mono text-[13px] leading-6 text-slate-800 ${props.capHeight ? 'max-h-[42rem]' : ''} ${props.className ?? ''}`
  if (props.code.length > HIGHLIGHT_LIMIT || props.wrap) {
    return (
      <pre
        tabIndex={0}
        role={props.label ? 'group' : undefined}
        aria-label={props.label}
        className={`${frame} px-4 ${props.wrap ? 'whitespace-pre-wrap wrap-anywhere' : ''}`}
      >
        {props.code}
      </pre>
    )
  }
  return (
    <Highlight code={props.code} language={props.language} theme={theme}>
      {({ tokens, getTokenProps }) => {
        const gutter = `${String(tokens.length).length + 1}ch`
        return (
          // Focusable so keyboard users can scroll a wide block sideways; a named group so focus
          // announces what it holds (a bare <pre> may not carry a name).
          <pre tabIndex={0} role={props.label ? 'group' : undefined} aria-label={props.label} className={frame}>
            <code className="block min-w-max">
              {tokens.map((line, index) => {
                const marked = props.markedLine === index + 1
                return (
                  <div key={index} className={`flex pr-4 ${props.lineNumbers ? '' : 'pl-4'} ${marked ? 'bg-red-50' : ''}`}>
                    {props.lineNumbers ? (
                      // Sticky, so the numbers stay put while a long line scrolls.
                      <span
                        aria-hidden
                        className={`sticky left-0 shrink-0 pr-4 pl-3 text-right select-none ${marked ? 'bg-red-100 font-semibold text-red-700' : 'bg-slate-50 text-slate-400'}`}
                        style={{ width: `calc(${gutter} + 1.75rem)` }}
                      >
                        {index + 1}
                      </span>
                    ) : null}
                    <span>
                      {line.map((token, key) => (
                        <span key={key} {...getTokenProps({ token })} />
                      ))}
                    </span>
                  </div>
                )
              })}
            </code>
          </pre>
        )
      }}
    </Highlight>
  )
}

/** Values for a JSON block: pretty, and `undefined` (never sent over JSON) spelt as null. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'null'
}
