/**
 * Whether `text` has no lone surrogates, i.e. survives a UTF-8 round trip.
 * String.prototype.isWellFormed (ES2024) is native in the Node 24 we run on,
 * but the project's lib is ES2023, hence the cast; V8 answers one-byte
 * strings without scanning them, so it is cheap enough for every token.
 */
export function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}
