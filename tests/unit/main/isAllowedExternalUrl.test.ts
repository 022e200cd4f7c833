import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../electron/main/isAllowedExternalUrl.ts';

describe('isAllowedExternalUrl', () => {
  it.each(['https://www.reuters.com/markets/', 'http://example.com/a?b=c#d', 'HTTPS://EXAMPLE.COM/'])(
    'allows %s',
    (url) => {
      expect(isAllowedExternalUrl(url)).toBe(true);
    },
  );

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'file://server/share/payload.exe',
    'data:text/html,<script>alert(1)</script>',
    'offprint-app://renderer/index.html',
    'ms-msdt:/id PCWDiagnostic',
    'smb://attacker/share',
    'mailto:someone@example.com',
    'about:blank',
    'https://bank.example@evil.test/',
    'https://user:pass@example.com/',
    'http://',
    'https//missing-colon.example',
    '/relative/path',
    '',
    `https://example.com/${'a'.repeat(3000)}`,
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
