/** Keyboard-first navigation: the quick switcher's choice, and the tab shortcuts' commands. */
import type { ConversationView } from '../../electron/bridge/schemas.js';
import type { ActionContext } from './actionContext.js';
import type { PersonEntry } from './people.js';
import type { ContactView } from '../../electron/bridge/schemas.js';
import type { SwitchTarget } from './quickSwitch.js';
import { movedTabs, targetTab, type ShortcutCommand } from './shortcuts.js';

export interface SwitchActions {
  /** Opens "Switch to" (Ctrl+K). */
  openSwitcher(): void;
  /** Shows what the user chose in "Switch to": the conversation, the buddy's chat, the person's chat. */
  switchTo(target: SwitchTarget): Promise<void>;
  /** Carries out a tab command (next, previous, numbered, move, close); false when it did nothing. */
  tabCommand(command: ShortcutCommand): boolean;
}

export interface SwitchDeps {
  readonly activateConversation: (conversationId: number) => void;
  readonly closeTab: (conversationId: number) => void;
  readonly reorderTabs: (tabs: readonly number[]) => Promise<void>;
  readonly openContact: (contact: ContactView) => Promise<ConversationView>;
  readonly openPerson: (person: PersonEntry) => Promise<ConversationView>;
}

export function createSwitchActions(context: ActionContext, deps: SwitchDeps): SwitchActions {
  const { stores } = context;
  return {
    openSwitcher: () => stores.ui.setState({ dialog: { kind: 'switch-to' } }),
    switchTo: async (target) => {
      switch (target.kind) {
        case 'conversation':
          deps.activateConversation(target.conversationId);
          return;
        case 'contact':
          await deps.openContact(target.contact);
          return;
        case 'person':
          await deps.openPerson(target.person);
          return;
      }
    },
    tabCommand: (command) => {
      const { tabs, activeId } = stores.conversations.getState();
      if (command.kind === 'close-tab') {
        if (activeId === null || !tabs.includes(activeId)) return false;
        deps.closeTab(activeId);
        return true;
      }
      if (command.kind === 'move-tab') {
        if (activeId === null) return false;
        const moved = movedTabs(tabs, activeId, command.by);
        if (moved === tabs) return false;
        deps.reorderTabs(moved).catch((error: unknown) => console.warn('the tab order was not saved', error));
        return true;
      }
      const target = targetTab(tabs, activeId, command);
      if (target === undefined) return false;
      deps.activateConversation(target);
      return true;
    },
  };
}
