/** How far into a page its <meta> charset is looked for, as browsers do (the HTML prescan). */
const PRESCAN_BYTES = 1024;

const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i;

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A decoder for `label` as the Encoding Standard knows it (iso-8859-1 reads as windows-1252), or null. */
function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

/**
 * The text of a web page saved to disk, read as the browser that saved it
 * read it: a byte order mark first, then a `<meta charset>` in the first
 * 1024 bytes, else UTF-8 when the bytes are UTF-8 and windows-1252 when not.
 * A legacy charset declared on bytes that are valid UTF-8 beyond ASCII is a
 * common lie (the page was re-saved as UTF-8): UTF-8 wins. `File.text()`
 * alone would turn every Latin-1 page's accents into U+FFFD.
 */
export function decodeSavedPage(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);

  const prescan = new TextDecoder('windows-1252').decode(bytes.subarray(0, PRESCAN_BYTES));
  const declared = META_CHARSET.exec(prescan)?.[1] ?? null;
  const decoder = declared === null ? null : decoderFor(declared);
  const utf8 = isUtf8(bytes);
  // A UTF-16 declaration that could be read as ASCII cannot be true (the HTML standard then uses UTF-8).
  if (decoder === null || decoder.encoding.startsWith('utf-16') || (decoder.encoding !== 'utf-8' && utf8)) {
    return new TextDecoder(utf8 ? 'utf-8' : 'windows-1252').decode(bytes);
  }
  return decoder.decode(bytes);
}
