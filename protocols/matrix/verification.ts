/**
 * Device verification by emoji (spec §Short Authentication String (SAS) verification,
 * `m.sas.v1`), shown to the user as requests (kind `verification`): first "verify?", then
 * the seven emoji to compare with "they match" / "they don't match". Also `/devices`, which
 * lists a user's devices and marks the unverified ones.
 */
import { ProtocolError, type UserRequest } from '../api/index.js';
import {
  CryptoEvent, VerificationPhase, VerificationRequestEvent, VerifierEvent,
  type ShowSasCallbacks, type VerificationRequest, type Verifier,
} from 'matrix-js-sdk/lib/crypto-api/index.js';
import { cryptoOf } from './crossSigning.js';
import { toProtocolError } from './errors.js';
import { displayNameOf } from './rooms.js';
import { refreshShields } from './shields.js';
import { describeError, type AccountState } from './state.js';

function notice(state: AccountState, text: string): void {
  state.emit({ type: 'server.notice', text, timestamp: Date.now() });
}

function who(state: AccountState, request: VerificationRequest): string {
  const device = request.otherDeviceId !== undefined ? ` (device ${request.otherDeviceId})` : '';
  return request.otherUserId === state.selfId ? `your other session${device}` : `${displayNameOf(state, request.otherUserId)}${device}`;
}

function close(state: AccountState, requestId: string): void {
  if (state.requests.delete(requestId)) state.emit({ type: 'request.closed', requestId });
}

/** Run the SAS exchange on `verifier`: ask the user to compare the emoji, then finish or cancel. */
function runSas(state: AccountState, request: VerificationRequest, verifier: Verifier): void {
  const id = `sas:${request.transactionId ?? request.otherUserId}`;
  verifier.on(VerifierEvent.ShowSas, (sas: ShowSasCallbacks) => {
    const emoji = sas.sas.emoji?.map(([symbol, name]) => `${symbol} ${name}`).join('   ');
    const numbers = sas.sas.decimal?.join(' ');
    state.requests.set(id, {
      request: {
        id, kind: 'verification', title: `Compare these with ${who(state, request)}: do they match?`,
        detail: emoji ?? numbers ?? '', fromId: request.otherUserId,
        choices: [{ id: 'match', label: 'They match' }, { id: 'mismatch', label: 'They don\'t match' }],
      },
      answer: async (choice) => {
        state.requests.delete(id);
        if (choice === 'match') await sas.confirm();
        else sas.mismatch();
      },
    });
    const open = state.requests.get(id);
    if (open) state.emit({ type: 'request.raised', request: open.request });
  });
  verifier.verify().then(
    () => {
      close(state, id);
      notice(state, `✅ Verified ${who(state, request)}.`);
      void state.guard('shields', () => refreshShields(state, request.otherUserId));
    },
    (error: unknown) => {
      close(state, id);
      notice(state, `❌ Verification with ${who(state, request)} did not complete: ${describeError(error)}`);
    },
  );
}

/** Follow a request until it has a verifier (started by either side), then run SAS on it. */
function follow(state: AccountState, request: VerificationRequest, startIfReady: boolean): void {
  let running = false;
  const check = (): void => {
    if (running) return;
    if (request.phase === VerificationPhase.Ready && startIfReady) {
      running = true;
      request.startVerification('m.sas.v1').then((verifier) => runSas(state, request, verifier), (error: unknown) => {
        notice(state, `❌ Could not start the verification: ${describeError(error)}`);
      });
    } else if (request.phase === VerificationPhase.Started && request.verifier) {
      running = true;
      runSas(state, request, request.verifier);
    } else if (request.phase === VerificationPhase.Cancelled) {
      running = true;
      close(state, `verify:${request.transactionId ?? ''}`);
      notice(state, `Verification with ${who(state, request)} was cancelled.`);
    }
  };
  request.on(VerificationRequestEvent.Change, check);
  check();
}

/**
 * Incoming verification requests open at once, from everyone together. Anyone can send
 * m.key.verification.request to anyone (§Key verification framework): a flood must not
 * become an unbounded pile of requests for the user. Past this, new ones are declined.
 */
const MAX_OPEN_INCOMING = 5;
const INCOMING_PREFIX = 'verify:';

function openIncoming(state: AccountState): { id: string; fromId: string | undefined }[] {
  return [...state.requests].filter(([id]) => id.startsWith(INCOMING_PREFIX)).map(([id, open]) => ({ id, fromId: open.request.fromId }));
}

/** Turn down a request without asking the user (m.key.verification.cancel). */
function refuse(state: AccountState, request: VerificationRequest, why: string): void {
  state.context.log.info(`Matrix: declined a verification request from ${request.otherUserId}: ${why}`);
  request.cancel().catch(() => undefined);
}

/**
 * Someone asks to verify with us: the user accepts or declines. One open request per
 * person (a repeat is declined while the first waits), at most {@link MAX_OPEN_INCOMING} in
 * all; a request the other side cancels before the user answered is withdrawn.
 */
export function watchVerificationRequests(state: AccountState): void {
  state.client.on(CryptoEvent.VerificationRequestReceived, (request: VerificationRequest) => {
    void state.guard('verification request', () => {
      const id = `${INCOMING_PREFIX}${request.transactionId ?? request.otherUserId}`;
      if (state.requests.has(id)) return;
      const open = openIncoming(state);
      if (open.some((other) => other.fromId === request.otherUserId)) {
        refuse(state, request, 'one of theirs is already waiting');
        return;
      }
      if (open.length >= MAX_OPEN_INCOMING) {
        refuse(state, request, `${MAX_OPEN_INCOMING} requests are already waiting`);
        return;
      }
      const withdrawn = (): void => {
        if (request.phase !== VerificationPhase.Cancelled || !state.requests.has(id)) return;
        request.off(VerificationRequestEvent.Change, withdrawn);
        close(state, id);
      };
      request.on(VerificationRequestEvent.Change, withdrawn);
      const raised: UserRequest = {
        id, kind: 'verification', title: `${who(state, request)} wants to verify with you (emoji comparison)`,
        fromId: request.otherUserId, choices: [{ id: 'accept', label: 'Verify' }, { id: 'decline', label: 'Not now' }],
      };
      state.requests.set(id, {
        request: raised,
        answer: async (choice) => {
          request.off(VerificationRequestEvent.Change, withdrawn);
          state.requests.delete(id);
          if (choice !== 'accept') {
            await request.cancel();
            return;
          }
          follow(state, request, false);
          await request.accept();
        },
      });
      state.emit({ type: 'request.raised', request: raised });
    });
  });
}

/** `/verify @user:server [device]`: start a verification with one of their devices (or all of ours). */
export async function startVerification(state: AccountState, args: string): Promise<void> {
  const crypto = state.client.getCrypto();
  if (!crypto) throw new ProtocolError('not-supported', 'Encryption is not available on this connection.');
  const [userId, deviceId] = args.trim().split(/\s+/);
  if (!userId || !/^@[^:\s]+:\S+$/.test(userId)) throw new ProtocolError('protocol', 'Usage: /verify @user:server [device]');
  try {
    let target = deviceId;
    if (target === undefined && userId !== state.selfId && await crypto.userHasCrossSigningKeys(userId, true)) {
      await requestUserVerification(state, userId);
      return;
    }
    if (target === undefined) {
      const devices = (await crypto.getUserDeviceInfo([userId], true)).get(userId);
      const others = [...(devices?.keys() ?? [])].filter((id) => userId !== state.selfId || id !== state.session.deviceId);
      if (others.length !== 1) throw new ProtocolError('protocol', `${userId} has ${others.length} devices: say which (/devices ${userId}).`);
      target = others[0];
    }
    if (target === undefined) return;
    const request = await crypto.requestDeviceVerification(userId, target);
    follow(state, request, true);
    notice(state, `Asked ${userId} (device ${target}) to verify; waiting for them to accept.`);
  } catch (error: unknown) {
    throw toProtocolError(error, 'start the verification');
  }
}

/**
 * Verify another user's identity (§Cross-signing: their master key, signed with our
 * user-signing key), which covers every device they cross-signed. The request travels in
 * a direct chat with them (§Key verification framework, in-room verification).
 */
async function requestUserVerification(state: AccountState, userId: string): Promise<void> {
  const room = state.directory.directRoomsWith(userId)[0];
  if (!room) throw new ProtocolError('protocol', `Open a direct chat with ${userId} first: the verification runs in it.`);
  const request = await cryptoOf(state).requestVerificationDM(userId, room.roomId);
  follow(state, request, true);
  notice(state, `Asked ${displayNameOf(state, userId)} to verify their identity (it covers all their cross-signed devices); waiting for them to accept.`);
}

/** `/devices [@user:server]`: a user's devices, verified or not. */
export async function listDevices(state: AccountState, args: string): Promise<void> {
  const crypto = state.client.getCrypto();
  if (!crypto) throw new ProtocolError('not-supported', 'Encryption is not available on this connection.');
  const userId = args.trim() || state.selfId;
  const devices = (await crypto.getUserDeviceInfo([userId], true)).get(userId);
  const lines: string[] = [];
  for (const [deviceId, device] of devices ?? []) {
    const status = await crypto.getDeviceVerificationStatus(userId, deviceId);
    const mark = status?.isVerified() ? '✅ verified' : '⚠️ unverified';
    const self = userId === state.selfId && deviceId === state.session.deviceId ? ' (this device)' : '';
    lines.push(`${deviceId}${self} — ${device.displayName ?? 'unnamed'} — ${mark}`);
  }
  notice(state, lines.length ? `Devices of ${userId}:\n${lines.join('\n')}` : `${userId} has no devices with encryption keys.`);
}
