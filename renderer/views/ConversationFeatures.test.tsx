// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import type { RequestName } from '../../electron/bridge/contract.js';
import { applyEventBatch } from '../state/applyEvents.js';
import type { Capabilities } from '../state/capabilities.js';
import type { Stores } from '../state/stores.js';
import { account, conversation, message, richPlugin } from '../state/testData.js';
import { App } from './App.js';
import { flush, renderWithApp } from './testHarness.js';

afterEach(cleanup);

type Answers = Partial<Record<RequestName, (params: unknown) => unknown>>;

function setup(answers: Answers, capabilities: Capabilities = richPlugin.capabilities) {
  const prepare = (stores: Stores): void => {
    stores.plugins.setState({ list: [{ ...richPlugin, capabilities }] });
    stores.accounts.setState({ list: [account({ pluginId: 'rich' })] });
    stores.conversations.setState({ byId: new Map([[1, conversation({ id: 1, title: '#room', capabilities })]]), tabs: [1], activeId: null });
  };
  const all: Answers = { 'conversations.markRead': () => null, 'members.list': () => [], ...answers };
  return renderWithApp(<App />, (method, params) => {
    const answer = all[method];
    return answer ? Promise.resolve(answer(params)) : Promise.reject(new BridgeRequestError({ kind: 'not-supported', message: `${method}: not supported yet` }));
  }, prepare);
}

async function openRoom(): Promise<HTMLElement> {
  fireEvent.click(within(screen.getByRole('list', { name: 'Contacts' })).getByRole('button', { name: '#room' }));
  await flush();
  return screen.getByRole('log', { name: 'Messages in #room' });
}

const page = (from: number, count: number) => Array.from({ length: count }, (_, index) => message({ id: from - index, timestamp: from - index })).reverse();

describe('history', () => {
  it('pages local history, then asks the network, and shows the beginning only when the network says so', async () => {
    let lists = 0;
    const harness = setup({
      'messages.list': () => { lists += 1; return lists === 1 ? page(300, 100) : lists === 2 ? page(200, 10) : page(190, 5); },
      'messages.fetchOlder': () => ({ added: 5, complete: true }),
    });
    const log = await openRoom();
    expect(screen.queryByText('Beginning of the conversation')).toBeNull();
    // Everything loaded is in the (windowed) log; a click asks the core, then the network.
    expect(log.querySelectorAll('.message')).toHaveLength(100);
    expect(harness.request.mock.calls.filter(([method]) => method === 'messages.list')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Load older messages' }));
    await flush();
    expect(harness.request.mock.calls.map(([method]) => method).filter((method) => method.startsWith('messages.'))).toEqual(['messages.list', 'messages.list', 'messages.fetchOlder', 'messages.list']);
    expect(screen.getByText('Beginning of the conversation')).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Load older messages' })).toBeNull();
  });

  it('without server history, says nothing older is stored; a failing fetch shows the core\'s error', async () => {
    setup({ 'messages.list': () => page(10, 3) }, { rooms: true });
    await openRoom();
    expect(screen.getByText('No older messages stored')).toBeDefined();
    cleanup();
    setup({ 'messages.list': () => page(10, 3) });
    await openRoom();
    fireEvent.click(screen.getByRole('button', { name: 'Load older messages' }));
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('Could not load messages: messages.fetchOlder: not supported yet');
  });
});

describe('commands', () => {
  it('/help lists the commands as a dimmed local notice; /name runs the plugin\'s command; unknown ones keep the text', async () => {
    const harness = setup({ 'messages.list': () => [], 'commands.run': () => null });
    const log = await openRoom();
    const composer = screen.getByRole('textbox', { name: 'Message' });
    const enter = async (text: string): Promise<void> => {
      fireEvent.change(composer, { target: { value: text } });
      fireEvent.keyDown(composer, { key: 'Enter' });
      await flush();
    };
    await enter('/help');
    const notice = log.querySelector('.kind-local');
    expect(notice?.textContent).toContain('/whois <nick> — Show who someone is');
    expect(harness.request.mock.calls.some(([method]) => method === 'messages.send')).toBe(false);
    await enter('/whois bob');
    expect(harness.request).toHaveBeenCalledWith('commands.run', { accountId: 'acc-1', command: 'whois', args: 'bob', conversationId: 1 });
    expect(composer).toHaveProperty('value', '');
    await enter('/frobnicate now');
    expect(screen.getByRole('alert').textContent).toMatch(/^Unknown command \/frobnicate\./);
    expect(composer).toHaveProperty('value', '/frobnicate now');
  });
});

describe('typing', () => {
  beforeEach(() => { vi.useFakeTimers({ shouldAdvanceTime: true }); });
  afterEach(() => { vi.useRealTimers(); });

  it('tells the others while the user types, only where the conversation supports it, and shows who types (expiring)', async () => {
    const harness = setup({ 'messages.list': () => [], 'conversations.setTyping': () => null });
    await openRoom();
    const composer = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.change(composer, { target: { value: 'h' } });
    fireEvent.change(composer, { target: { value: 'hi' } });
    const typingCalls = () => harness.request.mock.calls.filter(([method]) => method === 'conversations.setTyping').map(([, params]) => params);
    expect(typingCalls()).toEqual([{ conversationId: 1, state: 'active' }]);
    act(() => { vi.advanceTimersByTime(5000); });
    expect(typingCalls().at(-1)).toEqual({ conversationId: 1, state: 'paused' });
    fireEvent.blur(composer);
    expect(typingCalls().at(-1)).toEqual({ conversationId: 1, state: 'done' });

    act(() => { applyEventBatch(harness.stores, [{ type: 'typing', payload: { conversationId: 1, participantId: 'bob', state: 'active' } }]); });
    expect(screen.getByText('bob is typing…')).toBeDefined();
  });

  it('sends nothing where typing notices are not supported', async () => {
    const harness = setup({ 'messages.list': () => [] }, { rooms: true });
    await openRoom();
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'hi' } });
    expect(harness.request.mock.calls.some(([method]) => method === 'conversations.setTyping')).toBe(false);
  });
});
