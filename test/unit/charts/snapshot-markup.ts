// One normal form for the charts' SVG and table snapshots (as Observable Plot tests its marks): Lit's markers dropped,
// generated ids numbered alike, numbers rounded to two decimals, whitespace collapsed to one element per line. A
// snapshot then changes only when what is drawn changes.
export function snapshotMarkup(markup: string): string {
  return markup
    .replace(/<!--[^]*?-->/g, '')
    .replace(/-?\d+\.\d+/g, (number) => String(Number(Number(number).toFixed(2))))
    .replace(/\b(chart|poem-metrics)-\d+/g, '$1-N')
    .replace(/\s+/g, ' ')
    .replace(/>\s*</g, '>\n<')
    .trim();
}
