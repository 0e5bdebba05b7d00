/**
 * Web permissions for the app's page: deny by default. The one exception is web
 * notifications requested by our own origin; camera, microphone, geolocation, clipboard
 * reads, MIDI, HID, serial, … are all refused, and any origin other than ours gets nothing.
 */
import { isAppUrl } from './appOrigin.js';

const allowedPermissions: ReadonlySet<string> = new Set(['notifications']);

/**
 * @param permission Electron's permission name
 * @param requestingUrl the origin or URL asking (Electron passes either, by handler)
 */
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return allowedPermissions.has(permission) && isAppUrl(requestingUrl);
}
