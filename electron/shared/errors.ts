/**
 * Errors that cross the contract. Every failure a caller can see has a stable
 * `code` (for programs) and a `message` that names the module, the operation
 * and the value (for people), e.g. `feeds:remove: no feed with id 12`.
 */
export type ErrorCode =
  | 'bad-request' // payload failed the call's schema
  | 'not-found'
  | 'conflict'
  | 'feed-error' // a feed or page could not be fetched or parsed
  | 'forbidden' // foreign sender, missing or wrong token
  | 'unavailable' // e.g. the library is closed or busy
  | 'internal';

export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
}

/** The result envelope every call returns, over IPC and HTTP alike. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };

export class OffprintError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OffprintError';
    this.code = code;
  }
  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure(error: ErrorInfo): Result<never> {
  return { ok: false, error };
}

/** Turns anything thrown into ErrorInfo; unknown errors keep their message but are marked internal. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof OffprintError) return error.toInfo();
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}
