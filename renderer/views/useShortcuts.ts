/**
 * The window's keyboard shortcuts (renderer/state/shortcuts.ts), listened for on the whole
 * window while no dialog is open (a dialog keeps its own keys: Escape, Tab, Enter).
 */
import { useEffect } from 'react';
import { shortcutFor } from '../state/shortcuts.js';
import { useApp } from './AppContext.js';

/** The regions F6 moves between, in order, and what takes the focus in each. */
const REGIONS: readonly { readonly region: string; readonly target: string }[] = [
  { region: 'aside.sidebar', target: 'input[type="search"], button, [tabindex="0"]' },
  { region: '[role="tablist"]', target: '[role="tab"][aria-selected="true"], [role="tab"]' },
  { region: '[role="log"]', target: '[role="log"]' },
  { region: '.composer', target: 'textarea' },
];

function focusRegion(by: -1 | 1): void {
  const present = REGIONS.filter(({ region }) => document.querySelector(region) !== null);
  if (present.length === 0) return;
  const focused = document.activeElement;
  const at = present.findIndex(({ region }) => focused !== null && document.querySelector(region)?.contains(focused) === true);
  const next = present[(at + by + present.length) % present.length];
  const element = next ? document.querySelector(next.region)?.querySelector<HTMLElement>(next.target) ?? document.querySelector<HTMLElement>(next.region) : null;
  if (!element) return;
  // The message log is a region, not a control: focusable by script only, and then visible as focused.
  if (element.tabIndex < 0 && !element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus();
}

function isMac(): boolean {
  return /Macintosh|Mac OS X|iPhone|iPad/.test(navigator.userAgent);
}

export function useShortcuts(): void {
  const { stores, actions } = useApp();
  useEffect(() => {
    const mac = isMac();
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || stores.ui.getState().dialog !== null) return;
      const command = shortcutFor(event, mac);
      if (!command) return;
      switch (command.kind) {
        case 'switch-to':
          actions.openSwitcher();
          break;
        case 'search':
          document.querySelector<HTMLInputElement>('input[type="search"].search-messages')?.focus();
          break;
        case 'region':
          focusRegion(command.by);
          break;
        default:
          if (!actions.tabCommand(command)) return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores, actions]);
}
