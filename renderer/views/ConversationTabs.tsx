/**
 * The tab strip: one tab per conversation the user has a tab for, each with its unread badge
 * and close button. Closing a tab only closes the tab (the room stays joined and listed);
 * leaving is the header's "Leave room".
 */
import type { KeyboardEvent } from 'react';
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { useActions, useAppStore } from './AppContext.js';
import { IsolatedText } from './VisibleText.js';
import { badgeDescriptionId, NetworkBadge } from './NetworkBadge.js';
import { UnreadBadge } from './UnreadBadge.js';

export function tabId(conversationId: number): string {
  return `conversation-tab-${conversationId}`;
}

export function panelId(conversationId: number): string {
  return `conversation-panel-${conversationId}`;
}

export function ConversationTabs() {
  const actions = useActions();
  const conversations = useAppStore('conversations', (state) => state);
  // While an account's server messages are shown, no conversation tab is.
  const consoleShown = useAppStore('ui', (state) => state.serverConsole !== null);
  const tabs = conversations.tabs
    .map((id) => conversations.byId.get(id))
    .filter((conversation): conversation is ConversationView => conversation !== undefined);

  // Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation); Delete closes
  // the focused tab (the pattern's optional deletion key) and focuses the tab that is then active.
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const current = tabs[index];
    if (event.key === 'Delete' && current) {
      event.preventDefault();
      actions.closeTab(current.id);
      // The active tab is the one in the tab order (tabIndex 0), once the strip has re-rendered.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.tabs [role="tab"][tabindex="0"]')?.focus());
      return;
    }
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0 || tabs.length === 0) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (!next) return;
    actions.activateConversation(next.id);
    document.getElementById(tabId(next.id))?.focus();
  };

  return (
    <div className="tabs-bar">
      <div role="tablist" aria-label="Conversations" className="tabs">
        {tabs.map((conversation, index) => {
          const active = conversation.id === conversations.activeId;
          const selected = active && !consoleShown;
          const unreadId = `${tabId(conversation.id)}-unread`;
          const badgeId = badgeDescriptionId(tabId(conversation.id));
          return (
            <div key={conversation.id} className={selected ? 'tab-item selected' : 'tab-item'} role="presentation">
              <button type="button" role="tab" id={tabId(conversation.id)} aria-selected={selected}
                aria-controls={selected ? panelId(conversation.id) : undefined} tabIndex={active ? 0 : -1}
                aria-label={conversation.title} aria-keyshortcuts="Delete" aria-describedby={conversation.unread > 0 ? `${badgeId} ${unreadId}` : badgeId}
                className="tab" onClick={() => actions.activateConversation(conversation.id)} onKeyDown={(event) => onKeyDown(event, index)}>
                <NetworkBadge accountId={conversation.accountId} descriptionId={badgeId} />
                <span className="tab-title"><IsolatedText text={conversation.title} /></span>
                <UnreadBadge conversation={conversation} id={unreadId} />
              </button>
              {/* A tablist owns only tabs (WAI-ARIA 1.2 "tablist", required owned elements): the
                  mouse's close button stays out of the accessibility tree and the tab order;
                  the keyboard closes the tab with Delete on it (announced as its shortcut) or Ctrl+W. */}
              <button type="button" className="tab-close" aria-hidden="true" tabIndex={-1} title={`Close ${conversation.title}`}
                onClick={() => actions.closeTab(conversation.id)}>×</button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
