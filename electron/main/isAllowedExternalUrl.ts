/** Same cap as the contract's URLs: nothing longer is a link an analyst clicked. */
const maxUrlLength = 2048;

/**
 * Whether a URL the page asked to open may be handed to the system browser.
 * Only http and https: `file:`, `javascript:`, `data:`, our own scheme and
 * OS protocol handlers (`ms-msdt:`, `smb:` …) are how shell.openExternal gets
 * turned into code execution. Credentials are refused too: `https://bank.com@evil.test`
 * exists only to mislead.
 */
export function isAllowedExternalUrl(url: string): boolean {
  if (url.length > maxUrlLength) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}
