import { describe, expect, it } from 'vitest';
import { registersProtocolClient } from '../../../../electron/main/handoff/registersProtocolClient.ts';

describe('registersProtocolClient', () => {
  it('registers offprint:// at run time only in a packaged Windows build', () => {
    expect(registersProtocolClient('win32', true)).toBe(true);
    expect(registersProtocolClient('win32', false)).toBe(false);
    for (const platform of ['darwin', 'linux'] as const) {
      expect(registersProtocolClient(platform, true)).toBe(false);
      expect(registersProtocolClient(platform, false)).toBe(false);
    }
  });
});
