/** The SDK's validators as the core and the conformance kit use them on what a plugin sends. */
import { describe, expect, it } from 'vitest';
import { capabilityProblems, checkConnectionResult, checkProtocolEvent, manifestProblem, protocolEventSchemas } from './index.js';
import { SUPPORTED_API_VERSIONS } from '../version.js';
import { ProtocolError, toProtocolErrorData } from '../errors.js';

const message = { conversationId: '#room', senderId: 'bob', senderName: 'Bob', kind: 'text', body: 'hi', timestamp: 1 };

describe('call results', () => {
  it('give a room join its conversation id, and refuse an empty one', () => {
    expect(checkConnectionResult('joinRoom', { conversationId: '#room' })).toEqual({ ok: true, value: { conversationId: '#room' } });
    expect(checkConnectionResult('joinRoom', { conversationId: '' })).toMatchObject({ ok: false, problem: expect.stringMatching(/conversationId/) as unknown });
  });

  it('keep the well-formed messages of a history page and drop the others', () => {
    const page = checkConnectionResult('fetchHistory', { messages: [message, { ...message, body: 7 }, { nonsense: true }], complete: false });
    expect(page).toEqual({ ok: true, value: { messages: [message], complete: false } });
    expect(checkConnectionResult('fetchHistory', null).ok).toBe(false);
  });

  it('take nothing (null) or an outcome from setPresence, and nothing from methods without a result', () => {
    expect(checkConnectionResult('setPresence', null)).toEqual({ ok: true, value: undefined });
    expect(checkConnectionResult('setPresence', { note: 'shown as away' })).toEqual({ ok: true, value: { note: 'shown as away' } });
    expect(checkConnectionResult('sendMessage', null)).toEqual({ ok: true, value: undefined });
  });

  it('refuse a malformed room list or download result', () => {
    expect(checkConnectionResult('listRooms', [{ id: '#a', title: 'A' }]).ok).toBe(true);
    expect(checkConnectionResult('listRooms', [{ id: '#a' }]).ok).toBe(false);
    expect(checkConnectionResult('downloadAttachment', { size: -1 }).ok).toBe(false);
  });
});

describe('events', () => {
  it('has a schema for every event type, and passes unknown types on as unknown', () => {
    expect(Object.keys(protocolEventSchemas)).toContain('download.progress');
    expect(checkProtocolEvent({ type: 'hologram.received' })).toEqual({ ok: 'unknown-type', type: 'hologram.received' });
  });

  it('checks download progress and connection states field by field', () => {
    expect(checkProtocolEvent({ type: 'download.progress', downloadId: 'd1', receivedBytes: 10 }).ok).toBe(true);
    expect(checkProtocolEvent({ type: 'download.progress', downloadId: 'd1', receivedBytes: -1 })).toMatchObject({ ok: false, problem: expect.stringMatching(/receivedBytes/) as unknown });
    expect(checkProtocolEvent({ type: 'connection.state', state: 'reconnecting', retryAt: 5, error: { kind: 'network', message: 'gone' } }).ok).toBe(true);
    expect(checkProtocolEvent({ type: 'connection.state', state: 'failed', error: { kind: 'oops', message: 'x' } }).ok).toBe(false);
  });
});

describe('capabilities and manifests', () => {
  it('name each declared capability whose method the connection lacks', () => {
    const connection = { connect: () => undefined, disconnect: () => undefined, joinRoom: () => undefined };
    expect(capabilityProblems({ rooms: true, directMessages: true }, connection)).toEqual(['declares rooms but has no leaveRoom()']);
    expect(capabilityProblems({ rooms: false }, connection)).toEqual([]);
  });

  it('refuse a manifest for an API this SDK does not provide, saying which it provides', () => {
    const manifest = {
      id: 'x', name: 'X', version: '1.0.0', apiVersion: '^9.0.0', capabilities: {},
      accountFields: [{ key: 'user', kind: 'text', label: 'User' }], accountLabelField: 'user',
    };
    expect(manifestProblem(manifest, SUPPORTED_API_VERSIONS)).toMatch(/needs plugin API "\^9.0.0", this Switchboard provides .*0\.5\.0/);
    expect(manifestProblem({ ...manifest, apiVersion: '^0.5.0' }, SUPPORTED_API_VERSIONS)).toBeUndefined();
  });
});

describe('errors that say nothing went out', () => {
  it('keep notSent across the worker boundary and through the event schema; anything but true is refused', () => {
    const thrown = new ProtocolError('network', 'This account is not connected.', { notSent: true });
    expect(toProtocolErrorData(thrown)).toEqual({ kind: 'network', message: 'This account is not connected.', notSent: true });
    expect(toProtocolErrorData(new ProtocolError('network', 'Lost.'))).toEqual({ kind: 'network', message: 'Lost.' });
    const failed = { type: 'message.failed', localId: '7', error: { kind: 'network', message: 'Not sent.', notSent: true } };
    expect(checkProtocolEvent(failed)).toMatchObject({ ok: true, event: failed });
    expect(checkProtocolEvent({ ...failed, error: { ...failed.error, notSent: false } }).ok).toBe(false);
  });
});
