/**
 * The window's keyboard shortcuts, as a pure mapping from a key press to a command (the
 * hook in renderer/views/useShortcuts.ts carries them out). Browser and Pidgin/Firefox
 * conventions: Ctrl+Tab / Ctrl+PageDown next tab, Alt+1…8 a tab and Alt+9 the last one
 * (Cmd+digit on macOS, where Option+digit types characters), Ctrl+W closes the tab, Ctrl+K
 * "Switch to", Ctrl+F searches, F6 moves between the window's regions. AltGr (reported as
 * Ctrl+Alt on Linux and Windows) types characters and is never a shortcut.
 */
export type ShortcutCommand =
  | { readonly kind: 'next-tab' }
  | { readonly kind: 'previous-tab' }
  | { readonly kind: 'move-tab'; readonly by: -1 | 1 }
  /** Index into the tab strip; -1 is the last tab. */
  | { readonly kind: 'tab'; readonly index: number }
  | { readonly kind: 'close-tab' }
  | { readonly kind: 'switch-to' }
  | { readonly kind: 'search' }
  | { readonly kind: 'region'; readonly by: -1 | 1 };

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

export function shortcutFor(press: KeyPress, mac: boolean): ShortcutCommand | undefined {
  const { key, altKey, shiftKey } = press;
  // The platform's command key: Cmd on macOS, Ctrl elsewhere; tab cycling is Ctrl on both.
  const command = mac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  const ctrlOnly = press.ctrlKey && !press.metaKey && !altKey;
  if (key === 'F6' && !press.ctrlKey && !press.metaKey && !altKey) return { kind: 'region', by: shiftKey ? -1 : 1 };
  if (ctrlOnly && key === 'Tab') return shiftKey ? { kind: 'previous-tab' } : { kind: 'next-tab' };
  if (ctrlOnly && (key === 'PageDown' || key === 'PageUp')) {
    const by = key === 'PageDown' ? 1 : -1;
    if (shiftKey) return { kind: 'move-tab', by };
    return by === 1 ? { kind: 'next-tab' } : { kind: 'previous-tab' };
  }
  const digit = /^[1-9]$/.test(key) ? Number(key) : undefined;
  if (digit !== undefined && !shiftKey) {
    const tabKey = mac ? press.metaKey && !press.ctrlKey && !altKey : altKey && !press.ctrlKey && !press.metaKey;
    if (tabKey) return { kind: 'tab', index: digit === 9 ? -1 : digit - 1 };
  }
  if (!command || altKey || shiftKey) return undefined;
  switch (key.toLowerCase()) {
    case 'w': return { kind: 'close-tab' };
    case 'k': return { kind: 'switch-to' };
    case 'f': return { kind: 'search' };
    default: return undefined;
  }
}

/** The tab a "next", "previous" or numbered command lands on, or undefined when there is none. */
export function targetTab(tabs: readonly number[], activeId: number | null, command: ShortcutCommand): number | undefined {
  if (tabs.length === 0) return undefined;
  const at = activeId === null ? -1 : tabs.indexOf(activeId);
  switch (command.kind) {
    case 'next-tab': return tabs[(at + 1) % tabs.length];
    case 'previous-tab': return tabs[(at <= 0 ? tabs.length : at) - 1];
    case 'tab': return command.index === -1 ? tabs[tabs.length - 1] : tabs[command.index];
    default: return undefined;
  }
}

/** The tab strip with one tab moved by one place (not past either end). */
export function movedTabs(tabs: readonly number[], conversationId: number, by: -1 | 1): readonly number[] {
  const from = tabs.indexOf(conversationId);
  const to = from + by;
  if (from < 0 || to < 0 || to >= tabs.length) return tabs;
  const next = [...tabs];
  next.splice(from, 1);
  next.splice(to, 0, conversationId);
  return next;
}
