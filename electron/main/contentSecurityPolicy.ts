import { LOCAL_IMAGE_SCHEME } from '../core/extract/images/localImageUrl.ts';

/**
 * CSP sent with every file of the built renderer. `default-src 'self'` keeps
 * the page off the network entirely (shared/DESIGN.md, "No network from the
 * renderer"); img-src adds only the local image scheme, which serves cached
 * article images from disk (protocol/serveCachedImage.ts).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  `img-src 'self' ${LOCAL_IMAGE_SCHEME}:`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
