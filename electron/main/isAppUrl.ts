import { originOf } from './originOf.ts';

/** True when `url` belongs to one of the app's own origins (see rendererLocation). */
export function isAppUrl(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && trustedOrigins.includes(origin);
}
