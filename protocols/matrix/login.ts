/**
 * Logging in and keeping the session (spec §Client Authentication, §Server Discovery).
 *
 * The access token is kept with `context.secrets` and the device id and homeserver with
 * `context.storage`, so a restart resumes the same device (and its encryption keys) without
 * a new login; neither goes into the account's settings or the database.
 */
import { ProtocolError, type ConnectionContext } from '../api/index.js';
import { AutoDiscovery, createClient, type MatrixClient } from 'matrix-js-sdk';
import { matrixErrorOf, toProtocolError } from './errors.js';
import { plainHttpRefusal } from './plainHttp.js';
import { quietLogger } from './sdkLogger.js';
import type { MatrixSettings } from './settings.js';

/** What a connection needs to talk to the homeserver as this device. */
export interface Session {
  readonly homeserver: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly accessToken: string;
  /** True when the token came from the account's `accessToken` field, not from our own login. */
  readonly fromSettings: boolean;
}

const SESSION_KEY = 'session';
const TOKEN_SECRET = 'accessToken';

interface StoredSession {
  readonly homeserver: string;
  readonly userId: string;
  readonly deviceId: string;
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['homeserver'] === 'string' && typeof record['userId'] === 'string' && typeof record['deviceId'] === 'string';
}

function bareClient(baseUrl: string, accessToken?: string): MatrixClient {
  return createClient({ baseUrl, logger: quietLogger, localTimeoutMs: 30_000, ...(accessToken !== undefined ? { accessToken } : {}) });
}

/** §Server Discovery: the homeserver from `https://<server name>/.well-known/matrix/client`. */
export async function discoverHomeserver(serverName: string): Promise<string> {
  let config;
  try {
    config = await AutoDiscovery.findClientConfig(serverName);
  } catch (error: unknown) {
    throw toProtocolError(error, `find the homeserver of ${serverName}`);
  }
  const homeserver = config['m.homeserver'];
  if (homeserver.state === AutoDiscovery.SUCCESS && homeserver.base_url) return homeserver.base_url.replace(/\/+$/, '');
  if (homeserver.state === AutoDiscovery.FAIL_ERROR) {
    throw new ProtocolError('protocol', `${serverName} publishes a homeserver that does not work (${String(homeserver.error)}). Set the Homeserver URL in the account's advanced settings.`);
  }
  // No .well-known (IGNORE/PROMPT) or none reachable: the server name itself, as clients do.
  return `https://${serverName}`;
}

async function whoami(homeserver: string, accessToken: string): Promise<{ userId: string; deviceId?: string }> {
  const answer = await bareClient(homeserver, accessToken).whoami();
  return { userId: answer.user_id, ...(answer.device_id !== undefined ? { deviceId: answer.device_id } : {}) };
}

async function forget(context: ConnectionContext): Promise<void> {
  await context.secrets.delete(TOKEN_SECRET);
  await context.storage.delete(SESSION_KEY);
}

async function passwordLogin(settings: MatrixSettings, homeserver: string, deviceId: string | undefined): Promise<Session> {
  if (settings.password === undefined) {
    throw new ProtocolError('auth', 'Enter your Matrix password (or an access token) to log in.');
  }
  try {
    const answer = await bareClient(homeserver).loginRequest({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: settings.userId },
      password: settings.password,
      initial_device_display_name: settings.deviceName,
      // Logging in again as a known device keeps its encryption keys (§Login: device_id).
      ...(deviceId !== undefined ? { device_id: deviceId } : {}),
    });
    return { homeserver, userId: answer.user_id, deviceId: answer.device_id, accessToken: answer.access_token, fromSettings: false };
  } catch (error: unknown) {
    throw toProtocolError(error, 'log in');
  }
}

/**
 * The session to use: the token from the settings, else the stored one if the homeserver
 * still accepts it, else a new password login (as the same device when one is known).
 */
export async function establishSession(context: ConnectionContext, settings: MatrixSettings): Promise<Session> {
  const storedValue = await context.storage.get(SESSION_KEY);
  const stored = isStoredSession(storedValue) && storedValue.userId === settings.userId ? storedValue : undefined;
  const homeserver = settings.homeserver ?? stored?.homeserver ?? await discoverHomeserver(settings.serverName);
  const refusal = plainHttpRefusal(homeserver, settings.allowPlainPassword);
  if (refusal) throw refusal;

  if (settings.accessToken !== undefined) {
    try {
      const who = await whoami(homeserver, settings.accessToken);
      if (who.userId !== settings.userId) {
        throw new ProtocolError('auth', `The access token belongs to ${who.userId}, not ${settings.userId}.`);
      }
      if (who.deviceId === undefined) throw new ProtocolError('auth', 'The homeserver did not say which device the access token belongs to.');
      return { homeserver, userId: who.userId, deviceId: who.deviceId, accessToken: settings.accessToken, fromSettings: true };
    } catch (error: unknown) {
      throw toProtocolError(error, 'log in');
    }
  }

  const token = stored !== undefined && stored.homeserver === homeserver ? await context.secrets.get(TOKEN_SECRET) : undefined;
  if (stored !== undefined && token !== undefined) {
    try {
      const who = await whoami(homeserver, token);
      if (who.userId === stored.userId && (who.deviceId === undefined || who.deviceId === stored.deviceId)) {
        return { homeserver, userId: stored.userId, deviceId: stored.deviceId, accessToken: token, fromSettings: false };
      }
      context.log.warn('The stored Matrix session belongs to another device; logging in again.');
    } catch (error: unknown) {
      const matrix = matrixErrorOf(error);
      if (matrix?.errcode !== 'M_UNKNOWN_TOKEN') throw toProtocolError(error, 'resume the session');
      context.log.info('The stored Matrix session has expired; logging in again with the password.');
      if (settings.password === undefined) {
        await context.secrets.delete(TOKEN_SECRET);
        throw toProtocolError(error, 'resume the session');
      }
    }
  }

  const session = await passwordLogin(settings, homeserver, stored?.homeserver === homeserver ? stored.deviceId : undefined);
  await saveSession(context, session);
  return session;
}

export async function saveSession(context: ConnectionContext, session: Session): Promise<void> {
  if (session.fromSettings) return;
  await context.secrets.set(TOKEN_SECRET, session.accessToken);
  const stored: StoredSession = { homeserver: session.homeserver, userId: session.userId, deviceId: session.deviceId };
  await context.storage.set(SESSION_KEY, stored);
}

/** §Logout: invalidate the token on the server, then forget the session here. */
export async function logout(context: ConnectionContext, client: MatrixClient): Promise<void> {
  try {
    await client.logout(true);
  } catch (error: unknown) {
    // An already invalid token is as good as logged out.
    if (matrixErrorOf(error)?.errcode !== 'M_UNKNOWN_TOKEN') throw toProtocolError(error, 'log out');
  }
  await forget(context);
}

/** Forget a session the server no longer accepts. */
export async function forgetSession(context: ConnectionContext): Promise<void> {
  await forget(context);
}
