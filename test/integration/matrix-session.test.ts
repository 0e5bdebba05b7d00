/** Matrix adapter against Synapse: logging in, resuming the session after a restart, logging out, bad tokens. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isProtocolErrorData, ProtocolError, type ProtocolErrorData } from '../../protocols/api/index.js';
import { createMemoryPersistence } from '../conformance/index.js';
import { startSynapse, type RunningSynapse } from '../servers/synapse.js';
import { MatrixAccounts } from '../servers/synapse/accounts.js';
import { registerTestUser, type MatrixTestUser } from '../servers/synapse/fixtures.js';

let synapse: RunningSynapse;
let alice: MatrixTestUser;
const accounts = new MatrixAccounts();

async function rejection(operation: Promise<unknown>): Promise<ProtocolErrorData> {
  try {
    await operation;
  } catch (thrown: unknown) {
    if (thrown instanceof ProtocolError) return thrown.toData();
    if (isProtocolErrorData(thrown)) return thrown;
    throw new Error(`rejected with something else: ${String(thrown)}`);
  }
  throw new Error('expected a rejection');
}

async function devices(token: string): Promise<string[]> {
  const answer = await synapse.request('GET', '/_matrix/client/v3/devices', token) as { devices: { device_id: string }[] };
  return answer.devices.map((device) => device.device_id).sort();
}

async function tokenWorks(token: string): Promise<boolean> {
  const response = await fetch(`${synapse.baseUrl}/_matrix/client/v3/account/whoami`, { headers: { Authorization: `Bearer ${token}` } });
  return response.ok;
}

beforeAll(async () => {
  synapse = await startSynapse();
  alice = await registerTestUser(synapse, 'alice');
});
afterEach(() => accounts.closeAll());
afterAll(() => synapse.stop());

describe('Matrix session', () => {
  it('keeps the token as a secret and resumes the same device after a restart, without the password', async () => {
    const persistence = createMemoryPersistence();
    const first = await accounts.online(alice.settings, persistence);
    const token = await persistence.secrets.get('accessToken');
    expect(token).toBeTruthy();
    const session = await persistence.storage.get('session') as { deviceId: string; homeserver: string };
    expect(session.deviceId).toBeTruthy();
    expect(JSON.stringify(session)).not.toContain(token ?? 'no-token');
    await first.connection.disconnect();
    expect(await tokenWorks(token ?? '')).toBe(true); // disconnect is not logout
    const before = await devices(alice.accessToken);

    const { password: _dropped, ...withoutPassword } = alice.settings;
    const restarted = await accounts.online(withoutPassword, persistence);
    expect(restarted.id).toBe(alice.userId);
    expect(await persistence.secrets.get('accessToken')).toBe(token);
    expect(await devices(alice.accessToken)).toEqual(before); // no new login, no new device
  });

  it('logs in with an access token from the settings', async () => {
    const viaToken = await accounts.online({ userId: alice.userId, accessToken: alice.accessToken, homeserver: synapse.baseUrl });
    expect(viaToken.id).toBe(alice.userId);
  });

  it('/logout invalidates the token, forgets the session and reports an auth failure', async () => {
    const persistence = createMemoryPersistence();
    const account = await accounts.online(alice.settings, persistence);
    const token = await persistence.secrets.get('accessToken');
    if (!account.connection.runCommand) throw new Error('no runCommand');
    await account.connection.runCommand('logout', '', undefined);
    expect(await tokenWorks(token ?? '')).toBe(false);
    expect(await persistence.secrets.get('accessToken')).toBeUndefined();
    const failed = await account.waitForEvent('connection.state', (event) => event.state === 'failed');
    expect(failed.error?.kind).toBe('auth');
  });

  it('an expired token: auth error without a password, a new login (same device) with one', async () => {
    const persistence = createMemoryPersistence();
    const first = await accounts.online(alice.settings, persistence);
    await first.connection.disconnect();
    const token = await persistence.secrets.get('accessToken') ?? '';
    const { deviceId } = await persistence.storage.get('session') as { deviceId: string };
    // Another client ends the session (the device stays, only this token dies).
    await synapse.request('POST', '/_matrix/client/v3/logout', token, {});

    const { password: _dropped, ...withoutPassword } = alice.settings;
    const error = await rejection(accounts.create(withoutPassword, persistence).connection.connect());
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/log in|password/i);

    await accounts.online(alice.settings, persistence);
    const fresh = await persistence.secrets.get('accessToken');
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(token);
    expect((await persistence.storage.get('session') as { deviceId: string }).deviceId).toBe(deviceId);
  });

  it('a token the server invalidates while connected ends the session with an auth error', async () => {
    const persistence = createMemoryPersistence();
    const account = await accounts.online(alice.settings, persistence);
    const token = await persistence.secrets.get('accessToken') ?? '';
    await synapse.request('POST', '/_matrix/client/v3/logout', token, {});
    const failed = await account.waitForEvent('connection.state', (event) => event.state === 'failed');
    expect(failed.error?.kind).toBe('auth');
  });

  it('an unknown user id and a malformed one are auth errors', async () => {
    const nobody = await rejection(accounts.create({ userId: '@nobody:localhost', password: 'x', homeserver: synapse.baseUrl }).connection.connect());
    expect(nobody.kind).toBe('auth');
    const malformed = await rejection(accounts.create({ userId: 'alice', password: 'x', homeserver: synapse.baseUrl }).connection.connect());
    expect(malformed.kind).toBe('auth');
  });
});
