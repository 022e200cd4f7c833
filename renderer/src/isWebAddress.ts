/**
 * True for an absolute http or https URL. The article's own address comes
 * from the feed as written: a `javascript:`, `data:` or `file:` one must not
 * become a link the reader offers to open.
 */
export function isWebAddress(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
