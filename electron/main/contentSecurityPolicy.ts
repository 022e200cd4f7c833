/**
 * CSP sent with every file of the built renderer. `default-src 'self'` keeps
 * the page off the network entirely (shared/DESIGN.md, "No network from the
 * renderer"). The local image scheme is added to img-src when it exists.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
