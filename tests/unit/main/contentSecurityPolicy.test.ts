import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/main/contentSecurityPolicy.ts';

const directives = contentSecurityPolicy.split(';').map((directive) => directive.trim());

describe('contentSecurityPolicy', () => {
  it('keeps the page off the network: everything from the app itself', () => {
    expect(directives).toContain("default-src 'self'");
    expect(directives).toContain("object-src 'none'");
    expect(directives).toContain("base-uri 'none'");
    expect(directives).toContain("form-action 'none'");
    expect(directives).toContain("frame-ancestors 'none'");
  });

  it('lets images come only from the app and the local image cache', () => {
    expect(directives.filter((directive) => directive.startsWith('img-src'))).toEqual([
      "img-src 'self' offprint-image:",
    ]);
  });

  it('widens nothing else', () => {
    expect(contentSecurityPolicy).not.toMatch(/https?:|data:|blob:|\*|'unsafe-/);
  });
});
