/**
 * The tab strip: one tab per conversation the user has a tab for in this window, each with
 * its unread badge and close button. Closing a tab only closes the tab (the room stays joined
 * and listed); leaving is the header's "Leave room". Tabs are reordered by drag and drop or
 * from the keyboard (TabDrag.tsx); a tab's menu moves it into a window of its own and back.
 */
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { useActions, useAppStore, useWindows } from './AppContext.js';
import { IsolatedText } from './VisibleText.js';
import { badgeDescriptionId, NetworkBadge } from './NetworkBadge.js';
import type { MenuItem } from './MenuButton.js';
import { TabDragContext, useTabDrag } from './TabDrag.js';
import { TabMenu } from './TabMenu.js';
import { UnreadBadge } from './UnreadBadge.js';
import { useT } from '../i18n/index.js';

export function tabId(conversationId: number): string {
  return `conversation-tab-${conversationId}`;
}

export function panelId(conversationId: number): string {
  return `conversation-panel-${conversationId}`;
}

/** Opens a tab's menu from the keyboard (Shift+F10 or the Menu key, as a right click would). */
function isMenuKey(event: KeyboardEvent): boolean {
  return event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);
}

export function ConversationTabs() {
  const actions = useActions();
  const t = useT();
  const windows = useWindows();
  const conversations = useAppStore('conversations', (state) => state);
  const [menuFor, setMenuFor] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tabs = useMemo(() => tabsOf(conversations), [conversations]);
  // With hundreds of tabs, rendering them all again was most of the work of showing another
  // conversation (a search result): the drag context (whose every render renders each
  // sortable tab again) gets the same props and children while the tabs' order and titles
  // stay; the list inside it follows the store by itself, and a tab renders when its own
  // props change. The handlers read the tabs of the last render, so they stay the same.
  const order = tabs.map((conversation) => `${conversation.id}\u0000${conversation.title}`).join('\u0001');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the order and titles, not on the array's identity
  const dragged = useMemo(() => tabs.map((conversation) => ({ id: conversation.id, title: conversation.title })), [order]);
  const latestTabs = useRef(tabs);
  useLayoutEffect(() => {
    latestTabs.current = tabs;
  }, [tabs]);

  // Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation); Delete closes
  // the focused tab (the pattern's optional deletion key) and focuses the tab that is then active.
  const onKeyDown = useCallback((event: KeyboardEvent<HTMLButtonElement>, conversationId: number): void => {
    const tabs = latestTabs.current;
    const index = tabs.findIndex((conversation) => conversation.id === conversationId);
    const current = tabs[index];
    if (isMenuKey(event) && current) {
      event.preventDefault();
      setMenuFor(current.id);
      return;
    }
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
  }, [actions]);
  const onMenu = useCallback((event: MouseEvent, conversationId: number): void => {
    event.preventDefault();
    setMenuFor(conversationId);
  }, []);

  const menuConversation = tabs.find((conversation) => conversation.id === menuFor);
  const menuItems = (conversation: ConversationView): MenuItem[] => {
    const items: MenuItem[] = [];
    if (windows?.place.kind === 'main') {
      items.push({ label: t('tabs.moveToNewWindow'), onSelect: () => {
        setError(windows.moveToNewWindow(conversation.id) ? null : t('tabs.popupBlocked'));
      } });
    } else if (windows?.place.kind === 'detached') {
      items.push({ label: t('tabs.moveToMainWindow'), onSelect: () => {
        void windows.moveToMainWindow(conversation.id).then((moved) => {
          setError(moved ? null : t('tabs.noMainWindow'));
        });
      } });
    }
    items.push({ label: t('tabs.closeTab'), onSelect: () => actions.closeTab(conversation.id) });
    return items;
  };
  const label = t('tabs.list');
  const list = useMemo(() => <TabList label={label} menuFor={menuFor} onKeyDown={onKeyDown} onMenu={onMenu} />, [label, menuFor, onKeyDown, onMenu]);
  const closeMenu = (refocus: boolean): void => {
    const id = menuFor;
    setMenuFor(null);
    if (refocus && id !== null) requestAnimationFrame(() => (document.getElementById(tabId(id)) ?? document.querySelector<HTMLElement>('.tabs [role="tab"][tabindex="0"]'))?.focus());
  };

  return (
    <div className="tabs-bar">
      <TabDragContext tabs={dragged}>{list}</TabDragContext>
      {menuConversation ? <TabMenu title={menuConversation.title} items={menuItems(menuConversation)} onClose={closeMenu} /> : null}
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}

function tabsOf(conversations: { readonly tabs: readonly number[]; readonly byId: ReadonlyMap<number, ConversationView> }): ConversationView[] {
  return conversations.tabs
    .map((id) => conversations.byId.get(id))
    .filter((conversation): conversation is ConversationView => conversation !== undefined);
}

interface TabListProps {
  readonly label: string;
  readonly menuFor: number | null;
  readonly onKeyDown: ConversationTabProps['onKeyDown'];
  readonly onMenu: ConversationTabProps['onMenu'];
}

function TabList({ label, menuFor, onKeyDown, onMenu }: TabListProps) {
  const conversations = useAppStore('conversations', (state) => state);
  // While an account's server messages are shown, no conversation tab is.
  const consoleShown = useAppStore('ui', (state) => state.serverConsole !== null);
  const tabs = useMemo(() => tabsOf(conversations), [conversations]);
  return (
    <div role="tablist" aria-label={label} className="tabs">
      {tabs.map((conversation) => (
        <ConversationTab key={conversation.id} conversation={conversation} active={conversation.id === conversations.activeId} consoleShown={consoleShown}
          menuOpen={menuFor === conversation.id} onKeyDown={onKeyDown} onMenu={onMenu} />
      ))}
    </div>
  );
}

interface ConversationTabProps {
  readonly conversation: ConversationView;
  readonly active: boolean;
  readonly consoleShown: boolean;
  readonly menuOpen: boolean;
  readonly onKeyDown: (event: KeyboardEvent<HTMLButtonElement>, conversationId: number) => void;
  readonly onMenu: (event: MouseEvent, conversationId: number) => void;
}

const ConversationTab = memo(function ConversationTab({ conversation, active, consoleShown, menuOpen, onKeyDown, onMenu }: ConversationTabProps) {
  const actions = useActions();
  const t = useT();
  const { setFrame, setTab, describedBy: dragHelp, onKeyDown: startKeyDrag, onPointerDown, isDragging, isSorting, isOver } = useTabDrag(conversation.id);
  const selected = active && !consoleShown;
  const unreadId = `${tabId(conversation.id)}-unread`;
  const badgeId = badgeDescriptionId(tabId(conversation.id));
  const describedBy = [badgeId, conversation.unread > 0 ? unreadId : undefined, dragHelp].filter(Boolean).join(' ');
  const className = ['tab-item', selected ? 'selected' : '', isDragging ? 'dragging' : '', isOver ? 'drop-target' : '', menuOpen ? 'menu-anchor' : '']
    .filter(Boolean).join(' ');
  return (
    <div ref={setFrame} className={className} role="presentation">
      <button type="button" role="tab" id={tabId(conversation.id)} ref={setTab} aria-selected={selected}
        aria-controls={selected ? panelId(conversation.id) : undefined} tabIndex={active ? 0 : -1} aria-haspopup="menu"
        aria-label={conversation.title} aria-keyshortcuts="Delete Shift+F10" aria-describedby={describedBy}
        className="tab" onClick={() => actions.activateConversation(conversation.id)} onContextMenu={(event) => onMenu(event, conversation.id)}
        onPointerDown={onPointerDown}
        onKeyDown={(event) => {
          // While a tab is dragged from the keyboard, the arrows move it (the drag's own keys).
          if (isSorting) return;
          if (event.key === ' ') startKeyDrag?.(event);
          else onKeyDown(event, conversation.id);
        }}>
        <NetworkBadge accountId={conversation.accountId} descriptionId={badgeId} />
        <span className="tab-title"><IsolatedText text={conversation.title} /></span>
        <UnreadBadge conversation={conversation} id={unreadId} />
      </button>
      {/* A tablist owns only tabs (WAI-ARIA 1.2 "tablist", required owned elements): the
          mouse's close button stays out of the accessibility tree and the tab order;
          the keyboard closes the tab with Delete on it (announced as its shortcut) or Ctrl+W. */}
      <button type="button" className="tab-close" aria-hidden="true" tabIndex={-1} title={t('tabs.closeNamed', { name: conversation.title })}
        onClick={() => actions.closeTab(conversation.id)}>×</button>
    </div>
  );
});
