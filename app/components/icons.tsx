// The handful of 20×20 glyphs the console uses, drawn inline so they inherit text colour.
import type { ReactNode } from 'react'

function Glyph(props: { className?: string; children: ReactNode }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className={props.className ?? 'size-4'}>
      {props.children}
    </svg>
  )
}

type IconProps = { className?: string }

export function OverviewIcon(props: IconProps) {
  return (
    <Glyph {...props}>
      <path d="M3 3h6v6H3V3Zm8 0h6v4h-6V3ZM3 11h6v6H3v-6Zm8-2h6v8h-6V9Z" />
    </Glyph>
  )
}

export function ExecutionsIcon(props: IconProps) {
  return (
    <Glyph {...props}>
      <path
        fillRule="evenodd"
        d="M3.25 3A2.25 2.25 0 0 0 1 5.25v9.5A2.25 2.25 0 0 0 3.25 17h13.5A2.25 2.25 0 0 0 19 14.75v-9.5A2.25 2.25 0 0 0 16.75 3H3.25Zm.94 8.75a.75.75 0 0 1 .06-1.06L6.13 9l-1.88-1.69a.75.75 0 1 1 1-1.12l2.5 2.25a.75.75 0 0 1 0 1.12l-2.5 2.25a.75.75 0 0 1-1.06-.06ZM9.75 10.25a.75.75 0 0 0 0 1.5h2.5a.75.75 0 0 0 0-1.5h-2.5Z"
        clipRule="evenodd"
      />
    </Glyph>
  )
}

export function KeyIcon(props: IconProps) {
  return (
    <Glyph {...props}>
      <path
        fillRule="evenodd"
        d="M8 7a5 5 0 1 1 3.61 4.8l-1.4 1.4a1 1 0 0 1-.71.3H8v1.5a1 1 0 0 1-1 1H5.5V17a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1v-2.09a1 1 0 0 1 .3-.7l5.9-5.9A5 5 0 0 1 8 7Zm5-1.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Z"
        clipRule="evenodd"
      />
    </Glyph>
  )
}

export function PeopleIcon(props: IconProps) {
  return (
    <Glyph {...props}>
      <path d="M7 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm7.5 1a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM1.6 15.5a5.5 5.5 0 0 1 10.8 0 1 1 0 0 1-.97 1.5H2.57a1 1 0 0 1-.97-1.5ZM14.5 17h3.1a1 1 0 0 0 .96-1.3 4.5 4.5 0 0 0-5.53-3.04 6.97 6.97 0 0 1 1.47 4.34Z" />
    </Glyph>
  )
}

export function MailIcon(props: IconProps) {
  return (
    <Glyph {...props}>
      <path d="M3 4a2 2 0 0 0-2 2v.4l9 4.5 9-4.5V6a2 2 0 0 0-2-2H3Z" />
      <path d="m19 8.6-8.55 4.27a1 1 0 0 1-.9 0L1 8.6V14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V8.6Z" />
    </Glyph>
  )
}

export function LockIcon(props: IconProps) {
  return (
    <Glyph {...props}>
      <path
        fillRule="evenodd"
        d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z"
        clipRule="evenodd"
      />
    </Glyph>
  )
}

export function SignOutIcon(props: IconProps) {
  return (
    <Glyph {...props}>
      <path
        fillRule="evenodd"
        d="M3 4.25A2.25 2.25 0 0 1 5.25 2h5.5A2.25 2.25 0 0 1 13 4.25v2a.75.75 0 0 1-1.5 0v-2a.75.75 0 0 0-.75-.75h-5.5a.75.75 0 0 0-.75.75v11.5c0 .41.34.75.75.75h5.5a.75.75 0 0 0 .75-.75v-2a.75.75 0 0 1 1.5 0v2A2.25 2.25 0 0 1 10.75 18h-5.5A2.25 2.25 0 0 1 3 15.75V4.25Zm9.47 2.22a.75.75 0 0 1 1.06 0l3 3a.75.75 0 0 1 0 1.06l-3 3a.75.75 0 1 1-1.06-1.06l1.72-1.72H8.75a.75.75 0 0 1 0-1.5h5.44l-1.72-1.72a.75.75 0 0 1 0-1.06Z"
        clipRule="evenodd"
      />
    </Glyph>
  )
}

/** A puzzle piece: an API plugged into Executor. */
export function IntegrationsIcon(props: IconProps) {
  return (
    <Glyph {...props}>
      <path d="M8.5 1.5a2 2 0 0 0-2 2V4H4a1.5 1.5 0 0 0-1.5 1.5V8H3a2 2 0 1 1 0 4h-.5v4A1.5 1.5 0 0 0 4 17.5h4V17a2 2 0 1 1 4 0v.5h4a1.5 1.5 0 0 0 1.5-1.5v-4H17a2 2 0 1 0 0-4h.5V5.5A1.5 1.5 0 0 0 16 4h-5.5v-.5a2 2 0 0 0-2-2Z" />
    </Glyph>
  )
}

/** A wrench: the tools agents call. */
export function ToolsIcon(props: IconProps) {
  return (
    <Glyph {...props}>
      <path
        fillRule="evenodd"
        d="M14.5 1a4.5 4.5 0 0 0-4.37 5.57l-7.4 7.4a2.5 2.5 0 1 0 3.54 3.54l7.4-7.4A4.5 4.5 0 0 0 19 5.5c0-.47-.07-.93-.2-1.36a.5.5 0 0 0-.83-.2L15.8 6.1l-1.9-.5-.5-1.9 2.16-2.17a.5.5 0 0 0-.2-.83A4.5 4.5 0 0 0 14.5 1ZM4.5 16.5a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
        clipRule="evenodd"
      />
    </Glyph>
  )
}

export function PoliciesIcon(props: IconProps) {
  return (
    <Glyph {...props}>
      <path
        fillRule="evenodd"
        d="M9.66 1.6a.75.75 0 0 1 .68 0l6.25 3.13A.75.75 0 0 1 17 5.4v3.1c0 4.07-2.5 7.64-6.73 9.43a.75.75 0 0 1-.54 0C5.5 16.14 3 12.57 3 8.5V5.4a.75.75 0 0 1 .41-.67L9.66 1.6Zm3.62 6.18a.75.75 0 0 0-1.06-1.06L9 9.94 7.78 8.72a.75.75 0 0 0-1.06 1.06l1.75 1.75a.75.75 0 0 0 1.06 0l3.75-3.75Z"
        clipRule="evenodd"
      />
    </Glyph>
  )
}

export function DragHandleIcon(props: IconProps) {
  return (
    <Glyph {...props}>
      <path d="M7 4a1.25 1.25 0 1 1-2.5 0A1.25 1.25 0 0 1 7 4Zm0 6a1.25 1.25 0 1 1-2.5 0A1.25 1.25 0 0 1 7 10Zm-1.25 7.25a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5ZM15.5 4A1.25 1.25 0 1 1 13 4a1.25 1.25 0 0 1 2.5 0Zm-1.25 7.25a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5ZM15.5 16A1.25 1.25 0 1 1 13 16a1.25 1.25 0 0 1 2.5 0Z" />
    </Glyph>
  )
}

/** A box of tools: the toolkits page. */
export function ToolkitsIcon(props: IconProps) {
  return (
    <Glyph {...props}>
      <path
        fillRule="evenodd"
        d="M7 3.5A1.5 1.5 0 0 1 8.5 2h3A1.5 1.5 0 0 1 13 3.5V5h2.5A2.5 2.5 0 0 1 18 7.5v7a2.5 2.5 0 0 1-2.5 2.5h-11A2.5 2.5 0 0 1 2 14.5v-7A2.5 2.5 0 0 1 4.5 5H7V3.5ZM11.5 5V3.5h-3V5h3ZM2 10.5h6.25v.75a.75.75 0 0 0 .75.75h2a.75.75 0 0 0 .75-.75v-.75H18V9h-6.25v-.25A.75.75 0 0 0 11 8H9a.75.75 0 0 0-.75.75V9H2v1.5Z"
        clipRule="evenodd"
      />
    </Glyph>
  )
}

export function ConnectIcon(props: IconProps) {
  return (
    <Glyph {...props}>
      <path d="M12.23 3.28a3.5 3.5 0 0 1 4.95 4.95l-2.12 2.12a3.5 3.5 0 0 1-4.95 0 .75.75 0 0 1 1.06-1.06 2 2 0 0 0 2.83 0l2.12-2.12a2 2 0 1 0-2.83-2.83l-.7.7a.75.75 0 1 1-1.06-1.06l.7-.7ZM7.77 16.72a3.5 3.5 0 0 1-4.95-4.95l2.12-2.12a3.5 3.5 0 0 1 4.95 0 .75.75 0 1 1-1.06 1.06 2 2 0 0 0-2.83 0l-2.12 2.12a2 2 0 1 0 2.83 2.83l.7-.7a.75.75 0 1 1 1.06 1.06l-.7.7Z" />
    </Glyph>
  )
}

export function UserIcon(props: IconProps) {
  return (
    <Glyph {...props}>
      <path d="M10 9a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm-6.5 7.6a6.5 6.5 0 0 1 13 0 1 1 0 0 1-1 1.4h-11a1 1 0 0 1-1-1.4Z" />
    </Glyph>
  )
}
