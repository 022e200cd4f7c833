/**
 * Thrown by parseOpml only when there is no subscription list to read at
 * all; anything partly readable is returned with `problems` instead.
 * `empty`: nothing but whitespace. `not-opml`: an HTML page, another XML
 * format, binary data — no <opml> or <outline> element anywhere.
 */
export type OpmlErrorCode = 'empty' | 'not-opml';

export class OpmlError extends Error {
  readonly code: OpmlErrorCode;
  constructor(code: OpmlErrorCode, message: string) {
    super(message);
    this.name = 'OpmlError';
    this.code = code;
  }
}
