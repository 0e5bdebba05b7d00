/**
 * Arrow keys, Home and End in a menu (WAI-ARIA APG "Menu Button" pattern): focus moves
 * among the enabled items, wrapping. The menus (MenuButton, TabMenu) share this one rule.
 */
import type { KeyboardEvent } from 'react';

/** Moves the focus for a navigation key and returns true; false for any other key. */
export function moveMenuFocus(event: KeyboardEvent<HTMLElement>, menu: HTMLElement | null): boolean {
  const entries = [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
  const at = entries.indexOf(document.activeElement as HTMLElement);
  const target = event.key === 'ArrowDown' ? at + 1 : event.key === 'ArrowUp' ? at - 1
    : event.key === 'Home' ? 0 : event.key === 'End' ? entries.length - 1 : undefined;
  if (target === undefined) return false;
  event.preventDefault();
  event.stopPropagation();
  entries[(target + entries.length) % entries.length]?.focus({ preventScroll: true });
  return true;
}
