import { isAppUrl } from '../isAppUrl.ts';

/** What the sender check reads from Electron's WebFrameMain. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * Whether an IPC call came from the app's own page: a live top-level frame
 * whose URL is on one of the app's origins. A missing frame (navigated away
 * or destroyed mid-call) and sub-frames are refused; nothing in the app
 * needs an iframe to call the library.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, trustedOrigins: readonly string[]): boolean {
  if (frame === null || frame === undefined) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, trustedOrigins);
}
