/**
 * Turning desktop notifications on and off, and, for each message that arrives live and
 * that the user's rules let through (notifyDecision.ts), showing one and playing the
 * message sound. The platform part (the Notification API, audio, window focus, where the
 * choice is kept) is a NotificationHost, so that the rules run the same in tests.
 */
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { MAX_SOUND_BASE64 } from '../../electron/bridge/notificationPreferences.js';
import type { MessageView } from '../../electron/bridge/schemas.js';
import type { ActionContext } from './actionContext.js';
import { mentionsSelf } from './mentionDetection.js';
import { notificationFor, type NotificationPlan, type NotificationSetting } from './notifications.js';
import { notifyVerdict } from './notifyDecision.js';
import { i18n } from '../i18n/index.js';

/** The sound to play: the one bundled with the app, or the user's own file (its bytes, base64). */
export type MessageSound = { readonly kind: 'bundled' } | { readonly kind: 'custom'; readonly base64: string };

/** What the browser (or Electron's renderer) offers for notifications. */
export interface NotificationHost {
  /** 'granted', 'denied' or 'default'; 'unsupported' where there is no Notification API. */
  readonly permission: () => string;
  readonly requestPermission: () => Promise<string>;
  readonly show: (plan: NotificationPlan, onClick: () => void) => void;
  readonly windowFocused: () => boolean;
  readonly focusWindow: () => void;
  /** The user's choice, kept on this device (as Element keeps it). */
  readonly readChoice: () => boolean;
  readonly writeChoice: (on: boolean) => void;
  /** Plays a message sound; a sound that cannot play is skipped silently (it is no error the user can act on). */
  readonly playSound: (sound: MessageSound) => void;
}

export interface NotificationActions {
  /** Turns notifications on (asking the platform's permission first) or off; resolves with the new setting. */
  setDesktopNotifications(on: boolean): Promise<NotificationSetting>;
  /** Shows what the events just applied to the stores deserve. */
  notifyAbout(events: readonly BridgeEvent[]): void;
  /** Makes a file the user picked the message sound (kept in the profile); rejects, in words, with one too big. */
  chooseMessageSound(file: Blob & { readonly name: string }): Promise<void>;
  /** Plays the chosen message sound once (Settings' "Play"). */
  previewMessageSound(): void;
}

function settingOf(host: NotificationHost, chosen: boolean): NotificationSetting {
  const permission = host.permission();
  if (permission === 'unsupported') return 'unsupported';
  if (permission === 'denied') return 'blocked';
  return chosen && permission === 'granted' ? 'on' : 'off';
}

export function createNotificationActions(context: ActionContext, activate: (conversationId: number) => void): NotificationActions {
  const { stores } = context;
  const host = context.platform.notifications;
  stores.notifications.setState({ setting: settingOf(host, host.readChoice()) });

  /** The notification a live message deserves under the user's rules, or undefined. */
  const planFor = (message: MessageView): NotificationPlan | undefined => {
    const conversation = context.conversation(message.conversationId);
    if (!conversation) return undefined;
    const account = stores.accounts.getState().list.find((candidate) => candidate.id === conversation.accountId);
    const nameHere = account?.selfId === undefined ? undefined
      : stores.members.getState().byRoom.get(message.conversationId)?.byId.get(account.selfId)?.displayName;
    const mentioned = mentionsSelf(message, { pluginId: account?.pluginId ?? '', selfId: account?.selfId, nameHere });
    const { preferences } = stores.preferences.getState();
    const now = new Date(context.platform.now());
    if (notifyVerdict(preferences, { message, conversation, mentioned, now }) !== 'notify') return undefined;
    const watching = host.windowFocused() && stores.conversations.getState().activeId === message.conversationId
      && stores.ui.getState().serverConsole === null;
    return notificationFor(message, { conversation, watching });
  };

  const soundOf = (): MessageSound | undefined => {
    const { messageSound, customSound } = stores.preferences.getState().preferences;
    if (messageSound === 'off') return undefined;
    return messageSound === 'custom' && customSound !== null ? { kind: 'custom', base64: customSound.base64 } : { kind: 'bundled' };
  };

  return {
    setDesktopNotifications: async (on) => {
      let permission = host.permission();
      if (on && permission === 'default') permission = await host.requestPermission().catch(() => 'denied');
      host.writeChoice(on);
      const setting = settingOf(host, on);
      stores.notifications.setState({ setting });
      return setting;
    },
    notifyAbout: (events) => {
      const plans = events.flatMap((event) => {
        const plan = event.type === 'message.added' ? planFor(event.payload.message) : undefined;
        return plan ? [plan] : [];
      });
      if (plans.length === 0) return;
      // One sound for a batch, however many messages it brought.
      const sound = soundOf();
      if (sound) host.playSound(sound);
      if (stores.notifications.getState().setting !== 'on') return;
      for (const plan of plans) {
        host.show(plan, () => {
          host.focusWindow();
          activate(plan.conversationId);
        });
      }
    },
    chooseMessageSound: async (file) => {
      if (file.size > (MAX_SOUND_BASE64 / 4) * 3) throw new Error(i18n.t('sound.tooBig', { name: file.name }));
      if (file.type !== '' && !file.type.startsWith('audio/')) throw new Error(i18n.t('sound.notSound', { name: file.name }));
      const base64 = await context.platform.readAsBase64(file);
      await context.client().request('preferences.set', { customSound: { name: file.name.slice(0, 200) || 'sound', base64 }, messageSound: 'custom' })
        .then((preferences) => stores.preferences.setState({ preferences }, true));
    },
    previewMessageSound: () => {
      const sound = soundOf();
      if (sound) host.playSound(sound);
    },
  };
}
