// API descriptions are often Markdown ("You can find out more at [the site](https://…)"). The
// console shows them as plain text, never as HTML (they come from whoever wrote the API
// description), so the Markdown is reduced to what it reads as: a link to its text, emphasis
// and code marks dropped, heading marks removed.
const LINK = /\[([^\]\n]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g

export function plainText(markdown: string): string {
  return markdown
    .replace(LINK, (_match, text: string, url: string) => (text.trim() === '' ? url : text))
    .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
}
