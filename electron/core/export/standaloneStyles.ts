/**
 * The stylesheet embedded in a standalone HTML export: a readable serif
 * measure on screen, one article a page on paper. No url() and no web
 * fonts: the file's policy allows no request, so system fonts only.
 */
export const STANDALONE_STYLES = `
:root { color-scheme: light; --ink: #1f1d1a; --muted: #5f5a52; --rule: #d9d4ca; --paper: #fffdf8; --accent: #8a3b12; }
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0 auto; max-width: 42rem; padding: 2.5rem 1.25rem 4rem; font: 1.125rem/1.6 "Source Serif 4", "Iowan Old Style", Georgia, "Times New Roman", serif; text-rendering: optimizeLegibility; overflow-wrap: break-word; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.5em; font-weight: 650; }
.export-header h1 { font-size: 2rem; margin-top: 0; }
.export-meta, .article-meta, .article-link { color: var(--muted); font: 0.9rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0.25rem 0; }
nav ol { padding-left: 1.25rem; font: 0.95rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
article { border-top: 1px solid var(--rule); margin-top: 3rem; padding-top: 1rem; }
article > header h2 { font-size: 1.7rem; margin-top: 0.5rem; }
a { color: var(--accent); }
img { display: block; max-width: 100%; height: auto; margin: 1rem auto; }
figure { margin: 1.5rem 0; }
figcaption, .missing-image { color: var(--muted); font-size: 0.9rem; line-height: 1.4; }
.missing-image { display: block; border: 1px dashed var(--rule); padding: 0.75rem 1rem; font-style: italic; }
blockquote { margin: 1.25rem 0; padding-left: 1rem; border-left: 3px solid var(--rule); color: #3d3a35; }
pre { overflow-x: auto; padding: 0.75rem 1rem; background: #f3efe6; font-size: 0.85rem; }
code, kbd, samp { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid var(--rule); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
mark { background: #fde68a; color: inherit; padding: 0 0.05em; }
mark.highlight-green { background: #bbf7d0; }
mark.highlight-blue { background: #bfdbfe; }
mark.highlight-pink { background: #fbcfe8; }
mark.highlight-purple { background: #ddd6fe; }
.annotations { margin-top: 2rem; padding-top: 0.5rem; border-top: 1px dashed var(--rule); }
.annotations li { margin-bottom: 1rem; }
.comment { margin: 0.25rem 0 0; }
.lost { color: var(--muted); font-style: italic; margin: 0.25rem 0 0; }
.note { white-space: pre-wrap; margin: 0 0 1rem; font-size: 1rem; }
@media print {
  html { background: none; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  article { border-top: none; margin-top: 0; break-before: page; }
  figure, img, blockquote, pre, table, .missing-image { break-inside: avoid; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; }
  a { color: inherit; }
}
`;
