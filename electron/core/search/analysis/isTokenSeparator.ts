/**
 * True for the UTF-16 code units that split tokens: exactly the characters
 * `lunr.tokenizer.separator` (/[\s\-]+/) matches one at a time, i.e.
 * ECMAScript WhiteSpace and LineTerminator plus the ASCII hyphen. A code
 * unit test instead of lunr's per-character `charAt(i).match(regex)` is
 * what makes tokenizing cheap; a test compares it with lunr's regex over
 * all 65,536 code units.
 */
export function isTokenSeparator(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code === 0x2d) return true;
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
