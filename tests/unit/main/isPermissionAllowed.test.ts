import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from '../../../electron/main/isPermissionAllowed.ts';

describe('isPermissionAllowed', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'unknown', ''])(
    'denies %s',
    (permission) => {
      expect(isPermissionAllowed(permission)).toBe(false);
    },
  );

  it('allows writing plain text to the clipboard', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
  });
});
