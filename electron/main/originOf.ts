/**
 * `scheme://host[:port]` of a URL, or null when it does not parse or has no
 * host. Not `URL#origin`: WHATWG gives every non-special scheme (our
 * `offprint-app:`) the opaque origin "null", which would make all custom-scheme
 * URLs look alike.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}
