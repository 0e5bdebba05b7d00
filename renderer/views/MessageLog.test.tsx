// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import type { RequestName } from '../../electron/bridge/contract.js';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { applyEventBatch } from '../state/applyEvents.js';
import type { Capabilities } from '../state/capabilities.js';
import type { Stores } from '../state/stores.js';
import { account, conversation, message, richPlugin } from '../state/testData.js';
import { App } from './App.js';
import { flush, renderWithApp } from './testHarness.js';

afterEach(cleanup);

const history: MessageView[] = [
  message({ id: 1, timestamp: 1000, senderName: 'bob', body: 'plain https://example.org/x', reactions: [
    { reaction: '👍', senders: [{ id: 'ann', name: 'Ann' }, { id: 'me', name: 'Me' }], mine: true },
  ] }),
  message({ id: 2, timestamp: 2000, senderName: 'carol', body: 'bold', html: '<b>bold</b> <a href="https://bank.example/">https://\u202Ebank.example</a><img src="https://tracker.example/p.gif" onerror="alert(1)">', edited: true }),
  message({ id: 3, timestamp: 3000, senderName: 'me', direction: 'out', status: 'sent', body: 'my words', receipt: 'read' }),
  message({ id: 4, timestamp: 4000, senderName: 'dave', body: '', deleted: true }),
  message({ id: 5, timestamp: 5000, senderName: 'erin', body: 'right', replyTo: { networkId: 'n3', messageId: 3, senderName: 'me' } }),
  message({ id: 6, timestamp: 6000, senderName: 'fay', body: '** Unable to decrypt **', undecryptable: true }),
  message({ id: 7, timestamp: 7000, senderName: 'gus', body: 'photo', attachments: [
    { url: 'https://media.example/cat.png', name: 'cat.png', size: 2048, kind: 'image', mimeType: 'image/png' },
    { url: 'https://media.example/notes.pdf', name: 'notes.pdf', size: 1_500_000, kind: 'file' },
  ] }),
];

function setup(capabilities: Capabilities = richPlugin.capabilities, extra: Partial<Record<RequestName, (params: unknown) => unknown>> = {}) {
  const answers: Partial<Record<RequestName, (params: unknown) => unknown>> = {
    'messages.list': () => history,
    'conversations.markRead': () => null,
    'members.list': () => [],
    'messages.react': () => null,
    'messages.delete': () => null,
    'messages.edit': () => ({ ...history[2], body: 'my better words', edited: true }),
    'messages.send': () => message({ id: 99, direction: 'out', status: 'sending', body: 'sure', timestamp: 9000 }),
    'conversations.setTyping': () => null,
    ...extra,
  };
  const prepare = (stores: Stores): void => {
    stores.plugins.setState({ list: [{ ...richPlugin, capabilities }] });
    stores.accounts.setState({ list: [account({ pluginId: 'rich' })] });
    stores.conversations.setState({ byId: new Map([[1, conversation({ id: 1, title: '#room', capabilities, encrypted: true })]]), tabs: [1], activeId: null });
  };
  const harness = renderWithApp(<App />, (method, params) => {
    const answer = answers[method];
    return answer ? Promise.resolve(answer(params)) : Promise.reject(new BridgeRequestError({ kind: 'not-supported', message: `${method}: not supported yet` }));
  }, prepare);
  return harness;
}

async function open(harness: ReturnType<typeof setup>) {
  harness.stores.conversations.setState({ activeId: 1 });
  fireEvent.click(within(screen.getByRole('list', { name: 'Contacts' })).getByRole('button', { name: '#room' }));
  await flush();
  return screen.getByRole('log', { name: 'Messages in #room' });
}

const line = (log: HTMLElement, id: number): HTMLElement => {
  const element = log.querySelector<HTMLElement>(`#message-1-${id}`);
  if (!element) throw new Error(`message ${id} is not shown`);
  return element;
};

describe('the message log', () => {
  it('is a list with one item per message, named by sender, time and text', async () => {
    const log = await open(setup());
    const list = within(log).getAllByRole('list')[0];
    if (!list) throw new Error('the log has no list');
    // Its own items (attachments and reactions are lists inside them), each in a row of the
    // windowed list that has no role (so the list owns the item).
    expect([...list.children].map((row) => row.getAttribute('role'))).toEqual(history.map(() => 'none'));
    expect([...list.children].map((row) => [...row.children].map((item) => item.getAttribute('role')))).toEqual(history.map(() => ['listitem']));
    const time = (id: number): string => line(log, id).querySelector('time')?.textContent ?? 'no time shown';
    expect(line(log, 1).getAttribute('role')).toBe('listitem');
    expect(screen.getByRole('listitem', { name: `bob, ${time(1)}: plain https://example.org/x. Reactions: 👍 from Ann, Me` })).toBe(line(log, 1));
    expect(screen.getByRole('listitem', { name: `erin, ${time(5)}, in reply to me: right` })).toBe(line(log, 5));
    expect(screen.getByRole('listitem', { name: `gus, ${time(7)}: photo. Files: cat.png, notes.pdf` })).toBe(line(log, 7));
  });

  it('renders formatting safely, and the states of messages', async () => {
    const log = await open(setup());
    expect(screen.getByRole('heading', { name: /#room.*Encrypted/ })).toBeDefined();
    expect(line(log, 1).querySelector('a')?.getAttribute('href')).toBe('https://example.org/x');
    const formatted = line(log, 2);
    expect(formatted.querySelector('b')?.textContent).toBe('bold');
    expect(formatted.querySelector('img, [onerror]')).toBeNull();
    expect(formatted.textContent).toContain('[image]');
    expect(formatted.textContent).toContain('(edited)');
    expect(line(log, 3).textContent).toContain('✓✓ read');
    expect(line(log, 4).textContent).toContain('message deleted');
    expect(line(log, 4).classList.contains('deleted')).toBe(true);
    expect(line(log, 5).querySelector('.reply-quote')?.textContent).toContain('me: my words');
    expect(line(log, 6).textContent).toContain('Not decrypted: ** Unable to decrypt **');
    const attachments = within(line(log, 7)).getByRole('list', { name: 'Attachments' });
    expect(attachments.textContent).toContain('cat.png (2.0 KB)');
    expect(attachments.textContent).toContain('notes.pdf (1.4 MB)');
    expect(attachments.querySelector('img')).toBeNull();
    fireEvent.click(within(attachments).getByRole('button', { name: 'Show preview' }));
    await flush();
    // The core fetches previews (attachments.preview); its refusal is shown, and no remote URL reaches an <img>.
    expect(attachments.querySelector('img')).toBeNull();
    expect(within(attachments).getByRole('alert').textContent).toContain('not supported yet');
    expect(within(attachments).queryAllByRole('button', { name: 'Show preview' })).toHaveLength(0);
  });

  it('asks before opening a link and shows where it really goes', async () => {
    const opened = vi.spyOn(window, 'open').mockImplementation(() => null);
    const log = await open(setup());
    fireEvent.click(within(line(log, 2)).getByRole('link'));
    const dialog = within(screen.getByRole('dialog', { name: 'Open link' }));
    expect(dialog.getByText('bank.example')).toBeDefined();
    // The link showed the override as a marker, and the dialog quotes it as shown, not as it was sent.
    const link = within(line(log, 2)).getByRole('link');
    expect(link.textContent).toBe('https://[U+202E]bank.example');
    expect(link.querySelector('.hidden-char')?.getAttribute('title')).toMatch(/right-to-left override/);
    expect(dialog.getByText(/The message shows it as/).textContent).toBe('The message shows it as “https://[U+202E]bank.example”.');
    fireEvent.click(dialog.getByRole('button', { name: 'Open' }));
    expect(opened).toHaveBeenCalledWith('https://bank.example/', '_blank', 'noopener,noreferrer');
    opened.mockRestore();
  });

  it('isolates names and texts and shows their hidden characters as markers, keeping RTL text and emoji', async () => {
    const spoofed = [
      message({ id: 1, timestamp: 1000, senderName: 'mallory\u202Egnp.exe', body: 'שלום עולם 👨\u200D👩\u200D👧' }),
      message({ id: 2, timestamp: 2000, senderName: '\u2067admin\u2069', kind: 'action', body: 'waves\u200B' }),
      message({ id: 3, timestamp: 3000, senderName: 'bob', body: 'ok', replyTo: { networkId: 'n1', messageId: 1, senderName: 'mallory\u202Egnp.exe' } }),
    ];
    const log = await open(setup(richPlugin.capabilities, { 'messages.list': () => spoofed }));
    const sender = line(log, 1).querySelector('.message-sender');
    expect(sender?.querySelector('bdi')?.textContent).toBe('mallory[U+202E]gnp.exe');
    expect(sender?.querySelector('.hidden-char')?.getAttribute('title')).toBe('Hidden character U+202E (right-to-left override): it would change the order of the text around it');
    const body = line(log, 1).querySelector('.message-body > bdi');
    expect(body?.textContent).toBe('שלום עולם 👨\u200D👩\u200D👧');
    expect(body?.querySelector('.hidden-char')).toBeNull();
    expect(line(log, 2).querySelector('.message-body')?.textContent).toBe('* [U+2067]admin[U+2069] waves[U+200B]');
    expect(line(log, 3).querySelector('.reply-sender')?.textContent).toBe('mallory[U+202E]gnp.exe: ');
    expect(log.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B]/);
  });

  it('reacts with the picker and toggles a reaction chip with the full new set', async () => {
    const harness = setup();
    const log = await open(harness);
    const chip = within(line(log, 1)).getByRole('button', { name: '👍 2' });
    expect(chip.getAttribute('title')).toBe('Ann, Me');
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(chip);
    await flush();
    expect(harness.request).toHaveBeenCalledWith('messages.react', { messageId: 1, reactions: [] });
    const actions = within(line(log, 1)).getByRole('group', { name: 'Actions for the message from bob' });
    fireEvent.click(within(actions).getByRole('button', { name: 'React' }));
    const picker = within(line(log, 1)).getByRole('group', { name: 'Choose a reaction' });
    expect(within(picker).getAllByRole('button', { name: /^React with / })).toHaveLength(8);
    expect(within(picker).getByRole('button', { name: 'More emoji' }).getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(within(picker).getByRole('button', { name: 'React with party' }));
    await flush();
    expect(harness.request).toHaveBeenCalledWith('messages.react', { messageId: 1, reactions: ['👍', '🎉'] });
  });

  it('replies: the composer shows the target and sends replyTo', async () => {
    const harness = setup();
    const log = await open(harness);
    fireEvent.click(within(line(log, 1)).getByRole('button', { name: 'Reply' }));
    expect(screen.getByText(/Replying to/).textContent).toContain('bob');
    const composer = screen.getByRole('textbox', { name: 'Message' });
    expect(document.activeElement).toBe(composer);
    fireEvent.change(composer, { target: { value: 'sure' } });
    fireEvent.keyDown(composer, { key: 'Enter' });
    await flush();
    expect(harness.request).toHaveBeenCalledWith('messages.send', { conversationId: 1, body: 'sure', kind: 'text', replyTo: 1 });
    expect(screen.queryByText(/Replying to/)).toBeNull();
  });

  it('edits the user\'s own message (button or Up), saves with Enter, cancels with Escape', async () => {
    const harness = setup();
    const log = await open(harness);
    expect(within(line(log, 1)).queryByRole('button', { name: 'Edit' })).toBeNull();
    const composer = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.change(composer, { target: { value: 'draft' } });
    fireEvent.click(within(line(log, 3)).getByRole('button', { name: 'Edit' }));
    expect(composer).toHaveProperty('value', 'my words');
    expect(screen.getByText('Editing your message')).toBeDefined();
    fireEvent.keyDown(composer, { key: 'Escape' });
    expect(composer).toHaveProperty('value', 'draft');
    fireEvent.change(composer, { target: { value: '' } });
    fireEvent.keyDown(composer, { key: 'ArrowUp' });
    expect(composer).toHaveProperty('value', 'my words');
    fireEvent.change(composer, { target: { value: 'my better words' } });
    fireEvent.keyDown(composer, { key: 'Enter' });
    await flush();
    expect(harness.request).toHaveBeenCalledWith('messages.edit', { messageId: 3, body: 'my better words' });
    expect(composer).toHaveProperty('value', '');
  });

  it('deletes the user\'s own message after confirming', async () => {
    const harness = setup();
    const log = await open(harness);
    fireEvent.click(within(line(log, 3)).getByRole('button', { name: 'Delete' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Delete message' }));
    fireEvent.click(dialog.getByRole('button', { name: 'Delete message' }));
    await flush();
    expect(harness.request).toHaveBeenCalledWith('messages.delete', { messageId: 3 });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('offers no action the conversation cannot do', async () => {
    const log = await open(setup({ rooms: true, directMessages: true }));
    expect(log.querySelector('.message-actions')).toBeNull();
    expect(within(line(log, 1)).getByRole('button', { name: '👍 2' })).toHaveProperty('disabled', true);
    const composer = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.keyDown(composer, { key: 'ArrowUp' });
    expect(composer).toHaveProperty('value', '');
  });

  it('shows the core\'s error when a message action is not supported yet', async () => {
    const harness = setup(richPlugin.capabilities, { 'messages.react': () => { throw new BridgeRequestError({ kind: 'not-supported', message: 'Reactions are not ready.' }); } });
    const log = await open(harness);
    fireEvent.click(within(line(log, 1)).getByRole('button', { name: '👍 2' }));
    await flush();
    expect(within(line(log, 1)).getByRole('alert').textContent).toBe('Reaction not changed: Reactions are not ready.');
  });

  it('marks messages by the trust of their sending device; a late decryption replaces the text without "(edited)"', async () => {
    const encrypted = { encrypted: true, senderName: 'bob' } as const;
    const harness = setup(richPlugin.capabilities, { 'messages.list': () => [
      message({ ...encrypted, id: 11, timestamp: 1000, body: 'from a verified device', senderTrust: 'verified' }),
      message({ ...encrypted, id: 12, timestamp: 2000, body: 'from a new device', senderTrust: 'unverified-device' }),
      message({ ...encrypted, id: 13, timestamp: 3000, body: 'cross-signed, owner not verified', senderTrust: 'unverified-identity' }),
      message({ id: 14, timestamp: 4000, senderName: 'bob', body: 'in the clear', senderTrust: 'unencrypted' }),
      message({ ...encrypted, id: 15, timestamp: 5000, body: 'This message could not be decrypted', undecryptable: true }),
    ] });
    const log = await open(harness);
    expect(within(line(log, 11)).getByRole('img', { name: 'Verified device' }).getAttribute('title')).toMatch(/device you verified/);
    expect(within(line(log, 12)).getByRole('img', { name: 'Unverified device' }).getAttribute('title')).toMatch(/neither its owner nor you verified/);
    expect(within(line(log, 13)).queryByRole('img')).toBeNull(); // as Element: no shield for a device its owner signed
    expect(within(line(log, 14)).getByRole('img', { name: 'Not encrypted' }).getAttribute('title')).toMatch(/unencrypted, in an encrypted conversation/);
    expect(within(line(log, 15)).queryByRole('img')).toBeNull();

    act(() => applyEventBatch(harness.stores, [{ type: 'message.updated', payload: {
      message: message({ ...encrypted, id: 15, timestamp: 5000, body: 'the key came after all', senderTrust: 'unverified-device' }),
    } }]));
    const decrypted = line(log, 15);
    expect(decrypted.textContent).toContain('the key came after all');
    expect(decrypted.textContent).not.toContain('(edited)');
    expect(decrypted.textContent).not.toContain('Not decrypted');
    expect(within(decrypted).getByRole('img', { name: 'Unverified device' })).toBeDefined();
    expect(log.querySelectorAll('.message')).toHaveLength(5);
  });

  it('keeps only the rows near the view in the DOM, however long the conversation, and moves them as the user scrolls', async () => {
    const many = Array.from({ length: 1000 }, (_, index) => message({ id: index + 1, timestamp: 1000 * (index + 1), senderName: 'bob', body: `line ${index + 1}` }));
    const log = await open(setup(richPlugin.capabilities, { 'messages.list': () => many }));
    const shown = (): string[] => [...log.querySelectorAll('.message-body')].map((body) => body.textContent);
    // The harness's layout: a window of 200 rows of 20 px (jsdom lays nothing out).
    expect(shown().length).toBeGreaterThan(0);
    expect(shown().length).toBeLessThan(300);
    expect(shown()).not.toContain('line 1000');
    log.scrollTop = 19_000;
    fireEvent.scroll(log);
    await flush();
    expect(shown()).toContain('line 1000');
    expect(shown()).not.toContain('line 1');
    expect(shown().length).toBeLessThan(300);
  });
});
