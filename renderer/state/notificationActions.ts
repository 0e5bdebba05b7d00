/**
 * Turning desktop notifications on and off, and showing them for messages as their events
 * arrive. The platform part (the Notification API, window focus, where the choice is
 * kept) is a NotificationHost, so that the rules run the same in tests.
 */
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { ActionContext } from './actionContext.js';
import { notificationFor, selfNames, type NotificationPlan, type NotificationSetting } from './notifications.js';

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
}

export interface NotificationActions {
  /** Turns notifications on (asking the platform's permission first) or off; resolves with the new setting. */
  setDesktopNotifications(on: boolean): Promise<NotificationSetting>;
  /** Shows what the events just applied to the stores deserve. */
  notifyAbout(events: readonly BridgeEvent[]): void;
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

  const planFor = (event: BridgeEvent): NotificationPlan | undefined => {
    if (event.type !== 'message.added') return undefined;
    const { message } = event.payload;
    const conversation = context.conversation(message.conversationId);
    const account = conversation ? stores.accounts.getState().list.find((candidate) => candidate.id === conversation.accountId) : undefined;
    const ownNick = account?.selfId === undefined ? undefined
      : stores.members.getState().byRoom.get(message.conversationId)?.byId.get(account.selfId)?.displayName;
    const watching = host.windowFocused() && stores.conversations.getState().activeId === message.conversationId
      && stores.ui.getState().serverConsole === null;
    return notificationFor(message, { conversation, selfNames: selfNames(account?.selfId, ownNick), watching });
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
      if (stores.notifications.getState().setting !== 'on') return;
      for (const event of events) {
        const plan = planFor(event);
        if (!plan) continue;
        host.show(plan, () => {
          host.focusWindow();
          activate(plan.conversationId);
        });
      }
    },
  };
}
