/**
 * Issue 23 "Edges that hold": a secret store that lost an account's password. The account
 * is shown as needing its password (not "password stored", not retried with an empty
 * one), and entering it with Edit account connects it. A real core with the "guarded"
 * fixture plugin, whose account has a required password the plugin checks.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const guarded = join(FIXTURE_PLUGINS, 'guarded');
const PASSWORD_NEEDED = 'The password for this account is not stored: enter it with Edit account.';

let running: InProcessCore | undefined;
const profiles: string[] = [];
afterEach(async () => {
  await running?.close();
  running = undefined;
  for (const profile of profiles.splice(0)) rmSync(profile, { recursive: true, force: true });
});

const accountIs = (accountId: string, matches: (account: AccountView) => boolean) => (event: BridgeEvent): boolean =>
  event.type === 'account.changed' && event.payload.account.id === accountId && matches(event.payload.account);

/** A profile with one guarded account that connected with its password, stopped. */
async function profileWithAccount(): Promise<{ profile: string; accountId: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'switchboard-account-secrets-'));
  profiles.push(profile);
  running = await startInProcessCore([guarded], profile);
  const account = await running.client.request('accounts.add', { pluginId: 'guarded', settings: { name: 'alice', password: 'open sesame' } });
  expect(account.secretsStored).toEqual(['password']);
  await running.waitForEvent(accountIs(account.id, (a) => a.state === 'online'));
  await running.close();
  running = undefined;
  return { profile, accountId: account.id };
}

/** Restarts on the profile: the account asks for its password, and Edit account with it connects. */
async function expectPasswordNeededThenRepair(profile: string, accountId: string): Promise<void> {
  running = await startInProcessCore([guarded], profile);
  const core = running;
  await core.waitForEvent(accountIs(accountId, (a) => a.state === 'failed'));
  const [shown] = await core.client.request('accounts.list', {});
  expect(shown).toMatchObject({ id: accountId, state: 'failed', secretsStored: [], error: { kind: 'auth', message: PASSWORD_NEEDED } });
  // The server was never tried with an empty password, and nothing is retried.
  expect(core.events.some((e) => e.type === 'account.changed' && e.payload.account.state === 'reconnecting')).toBe(false);
  expect(core.events.some((e) => e.type === 'server.notice' && JSON.stringify(e.payload).includes('login with'))).toBe(false);

  const mark = core.mark();
  const updated = await core.client.request('accounts.update', { accountId, settings: { name: 'alice', password: 'open sesame' } });
  expect(updated.secretsStored).toEqual(['password']);
  await core.waitForEvent(accountIs(accountId, (a) => a.state === 'online' && a.secretsStored.includes('password')), 15_000, mark);
  // The plugin's login notices do reach the core: the empty try above would have shown.
  await core.waitForEvent((e) => e.type === 'server.notice' && JSON.stringify(e.payload).includes('login with a password'), 15_000, mark);
}

describe('an account whose password the secret store lost', () => {
  it('secrets.json deleted while stopped: "password needed", then Edit account with the password connects', async () => {
    const { profile, accountId } = await profileWithAccount();
    rmSync(join(profile, 'secrets.json'));
    await expectPasswordNeededThenRepair(profile, accountId);
  });

  it('secrets.json damaged while stopped: set aside, "password needed", then Edit account with the password connects', async () => {
    const { profile, accountId } = await profileWithAccount();
    writeFileSync(join(profile, 'secrets.json'), '{"version":1,"format":"plaintext","secrets":{"account/', { mode: 0o600 });
    await expectPasswordNeededThenRepair(profile, accountId);
    expect(readdirSync(profile).filter((name) => name.startsWith('secrets.json.corrupt-'))).toHaveLength(1);
  });
});
