import { describe, expect, it, vi } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { notificationFor, type NotificationContext } from './notifications.js';
import { fakeNotifications, setupActions } from './testActions.js';
import { account, conversation, message } from './testData.js';

const direct = conversation({ id: 2, kind: 'direct', title: 'bob', networkId: 'bob' });
const room = conversation({ id: 1, kind: 'room', title: '#test' });
const away = (over: Partial<NotificationContext> = {}): NotificationContext => ({ conversation: direct, watching: false, ...over });

describe('which messages deserve a desktop notification', () => {
  it('a direct message, titled with its sender', () => {
    expect(notificationFor(message({ conversationId: 2, body: 'are you there?' }), away()))
      .toEqual({ conversationId: 2, title: 'bob', body: 'are you there?', tag: 'switchboard-2' });
  });

  it('in a room, titled with the room', () => {
    expect(notificationFor(message({ body: 'Alice: lunch?' }), away({ conversation: room }))).toMatchObject({ title: 'bob in #test', body: 'Alice: lunch?' });
  });

  it('none while the user looks at the conversation, for their own messages, events, notices or retracted ones', () => {
    expect(notificationFor(message({ conversationId: 2 }), away({ watching: true }))).toBeUndefined();
    for (const over of [{ direction: 'out' }, { kind: 'event' }, { kind: 'notice' }, { deleted: true, body: '' }] as Partial<MessageView>[]) {
      expect(notificationFor(message({ conversationId: 2, ...over }), away())).toBeUndefined();
    }
    expect(notificationFor(message({ conversationId: 9 }), away({ conversation: undefined }))).toBeUndefined();
  });

  it('says what it can in plain text: actions, files, undecryptable messages; controls and bidi tricks out; cut short', () => {
    expect(notificationFor(message({ kind: 'action', body: 'waves' }), away())?.body).toBe('* bob waves');
    expect(notificationFor(message({ body: '', attachments: [{ url: 'mxc://x/y', name: 'cat.png', kind: 'image' }] }), away())?.body).toBe('sent cat.png');
    expect(notificationFor(message({ body: '** Unable to decrypt **', undecryptable: true }), away())?.body).toBe('Encrypted message');
    expect(notificationFor(message({ senderName: 'bob\u202E', body: 'pay \u202Egpj.exe\u0007 now\n\nplease' }), away()))
      .toMatchObject({ title: 'bob', body: 'pay gpj.exe now please' });
    const long = notificationFor(message({ body: 'x'.repeat(5000) }), away())?.body ?? '';
    expect(long).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('desktop notification actions', () => {
  const added = (over: Partial<MessageView>): BridgeEvent => ({ type: 'message.added', payload: { message: message(over) } });

  it('start off; turning them on asks the permission once, keeps the choice and shows what arrives', async () => {
    const show = vi.fn();
    const writeChoice = vi.fn();
    let permission = 'default';
    const host = fakeNotifications({
      permission: () => permission, requestPermission: vi.fn(() => { permission = 'granted'; return Promise.resolve('granted'); }), show, writeChoice,
    });
    const { stores, actions } = setupActions({}, undefined, host);
    stores.accounts.setState({ list: [account({ selfId: 'alice' })] });
    stores.conversations.setState({ byId: new Map([[1, room], [2, direct], [3, conversation({ id: 3, title: '#other' })]]), activeId: 3 });
    expect(stores.notifications.getState().setting).toBe('off');
    actions.notifyAbout([added({ conversationId: 2, body: 'before' })]);
    expect(show).not.toHaveBeenCalled();

    expect(await actions.setDesktopNotifications(true)).toBe('on');
    expect(host.requestPermission).toHaveBeenCalledTimes(1);
    expect(writeChoice).toHaveBeenCalledWith(true);
    actions.notifyAbout([
      added({ conversationId: 2, body: 'hi there' }), added({ conversationId: 1, body: 'alice: ping' }), added({ conversationId: 1, body: 'noise' }),
      added({ conversationId: 3, body: 'alice: you are looking at this one' }),
    ]);
    expect(show.mock.calls.map(([plan]) => (plan as { title: string }).title)).toEqual(['bob', 'bob in #test']);

    // A click brings the window forward with that conversation open.
    const onClick = show.mock.calls[0]?.[1] as () => void;
    onClick();
    expect(host.focusWindow).toHaveBeenCalled();
    expect(stores.conversations.getState().activeId).toBe(2);

    expect(await actions.setDesktopNotifications(false)).toBe('off');
    actions.notifyAbout([added({ conversationId: 2, body: 'after' })]);
    expect(show).toHaveBeenCalledTimes(2);
  });

  it('follow the rules: a conversation set to "Nothing" is silent while another notifies; one sound per batch, none when off', async () => {
    const show = vi.fn();
    const playSound = vi.fn();
    const host = fakeNotifications({ permission: () => 'granted', readChoice: () => true, show, playSound });
    const { stores, actions } = setupActions({}, undefined, host);
    stores.accounts.setState({ list: [account({ selfId: 'alice' })] });
    stores.conversations.setState({ byId: new Map([[1, room], [2, direct], [3, conversation({ id: 3, title: '#other' })]]), activeId: 3 });
    const { preferences } = stores.preferences.getState();
    stores.preferences.setState({ preferences: { ...preferences, notifyLevel: 'all', notifyRules: { 'conversation:1': { level: 'nothing' } } } });
    actions.notifyAbout([added({ conversationId: 1, body: 'alice: in the silent room' }), added({ conversationId: 2, body: 'hi' }), added({ conversationId: 2, body: 'again' })]);
    expect(show.mock.calls.map(([plan]) => (plan as { body: string }).body)).toEqual(['hi', 'again']);
    expect(playSound).toHaveBeenCalledTimes(1);
    expect(playSound).toHaveBeenCalledWith({ kind: 'bundled' });

    stores.preferences.setState({ preferences: { ...stores.preferences.getState().preferences, messageSound: 'custom', customSound: { name: 'a.wav', base64: 'UklGRg==' } } });
    actions.notifyAbout([added({ conversationId: 2, body: 'custom' })]);
    expect(playSound).toHaveBeenLastCalledWith({ kind: 'custom', base64: 'UklGRg==' });
    stores.preferences.setState({ preferences: { ...stores.preferences.getState().preferences, messageSound: 'off' } });
    actions.notifyAbout([added({ conversationId: 2, body: 'quiet' })]);
    expect(playSound).toHaveBeenCalledTimes(2);
    expect(show).toHaveBeenCalledTimes(4);
    // Turned off on this device: the sound still follows the rules, no notification is shown.
    stores.preferences.setState({ preferences: { ...stores.preferences.getState().preferences, messageSound: 'bundled' } });
    await actions.setDesktopNotifications(false);
    actions.notifyAbout([added({ conversationId: 2, body: 'sound only' })]);
    expect(show).toHaveBeenCalledTimes(4);
    expect(playSound).toHaveBeenCalledTimes(3);
  });

  it('say so when the platform blocks them, and stay off', async () => {
    let permission = 'default';
    const host = fakeNotifications({ permission: () => permission, requestPermission: () => { permission = 'denied'; return Promise.resolve('denied'); } });
    const { stores, actions } = setupActions({}, undefined, host);
    expect(await actions.setDesktopNotifications(true)).toBe('blocked');
    expect(stores.notifications.getState().setting).toBe('blocked');
  });

  it('come back on at start when chosen before and still allowed', () => {
    const { stores } = setupActions({}, undefined, fakeNotifications({ permission: () => 'granted', readChoice: () => true }));
    expect(stores.notifications.getState().setting).toBe('on');
    expect(setupActions({}, undefined, fakeNotifications({ permission: () => 'unsupported' })).stores.notifications.getState().setting).toBe('unsupported');
  });
});
