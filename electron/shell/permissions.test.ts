import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from './permissions.js';

describe('isPermissionAllowed', () => {
  it('allows only notifications, and only to the app origin', () => {
    expect(isPermissionAllowed('notifications', 'app://switchboard')).toBe(true);
    expect(isPermissionAllowed('notifications', 'app://switchboard/index.html')).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example')).toBe(false);
    expect(isPermissionAllowed('notifications', '')).toBe(false);
  });

  it.each(['media', 'geolocation', 'clipboard-read', 'openExternal', 'midiSysex', 'hid', 'serial', 'usb', 'fileSystem', 'unknown'])(
    'denies %s even to the app origin',
    (permission) => {
      expect(isPermissionAllowed(permission, 'app://switchboard')).toBe(false);
    },
  );
});
