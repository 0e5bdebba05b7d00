/** The account's settings (see manifest.ts), read and checked. */
import { ProtocolError, type AccountFieldValue } from '../api/index.js';

export interface MatrixSettings {
  /** `@alice:example.org` */
  readonly userId: string;
  /** The server part of the user id: where .well-known discovery starts. */
  readonly serverName: string;
  readonly password?: string;
  /** An explicit homeserver base URL, without a trailing slash. */
  readonly homeserver?: string;
  readonly accessToken?: string;
  readonly deviceName: string;
  readonly acceptDirectInvites: boolean;
  /** The user allowed an http:// homeserver on another host (plainHttp.ts). */
  readonly allowPlainPassword: boolean;
  /** Read receipts as `m.read.private`: the server keeps them from everyone else (§Private read receipts). */
  readonly privateReadReceipts: boolean;
}

/** A Matrix user id (spec appendices §User Identifiers): `@localpart:server`. */
export const USER_ID_PATTERN = '@[^:\\s]+:[^\\s]+';

function text(settings: Readonly<Record<string, AccountFieldValue>>, key: string): string | undefined {
  const value = settings[key];
  if (value === undefined) return undefined;
  const trimmed = String(value).trim();
  return trimmed === '' ? undefined : trimmed;
}

export function readSettings(settings: Readonly<Record<string, AccountFieldValue>>): MatrixSettings {
  const userId = text(settings, 'userId');
  if (!userId || !new RegExp(`^${USER_ID_PATTERN}$`).test(userId)) {
    throw new ProtocolError('auth', `"${userId ?? ''}" is not a Matrix user ID; it looks like @name:example.org.`);
  }
  const serverName = userId.slice(userId.indexOf(':') + 1);
  let homeserver = text(settings, 'homeserver');
  if (homeserver !== undefined) {
    if (!/^https?:\/\//i.test(homeserver)) homeserver = `https://${homeserver}`;
    try {
      homeserver = new URL(homeserver).toString().replace(/\/+$/, '');
    } catch {
      throw new ProtocolError('protocol', `"${homeserver}" is not a valid homeserver URL.`);
    }
  }
  const password = settings['password'] === undefined || settings['password'] === '' ? undefined : String(settings['password']);
  const accessToken = text(settings, 'accessToken');
  const acceptValue = settings['acceptDirectInvites'];
  return {
    userId,
    serverName,
    ...(password !== undefined ? { password } : {}),
    ...(homeserver !== undefined ? { homeserver } : {}),
    ...(accessToken !== undefined ? { accessToken } : {}),
    deviceName: text(settings, 'deviceName') ?? 'Switchboard',
    // Off unless chosen: anyone can invite anyone, and an invite accepted at once makes invite spam a chat (issue 12).
    acceptDirectInvites: acceptValue === true || acceptValue === 'true',
    allowPlainPassword: settings['allowPlainPassword'] === true || settings['allowPlainPassword'] === 'true',
    privateReadReceipts: settings['privateReadReceipts'] === true || settings['privateReadReceipts'] === 'true',
  };
}
