/**
 * A tab's context menu (a right click on the tab, or Shift+F10 / the Menu key on it): moving
 * the tab to a window of its own and back, and closing it. WAI-ARIA menu pattern: the first
 * item gets the focus, arrows, Home and End move, Escape closes and gives the focus back to
 * the tab. It is placed under its tab with CSS anchor positioning (no inline style).
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { moveMenuFocus } from './menuKeys.js';
import type { MenuItem } from './MenuButton.js';
import { useT } from '../i18n/index.js';

export interface TabMenuProps {
  /** What the menu is about, e.g. "#room". */
  readonly title: string;
  readonly items: readonly MenuItem[];
  /** Closes the menu; `refocus` gives the focus back to the tab (not when the focus went elsewhere). */
  readonly onClose: (refocus: boolean) => void;
}

export function TabMenu({ title, items, onClose }: TabMenuProps) {
  const menu = useRef<HTMLUListElement>(null);
  const t = useT();
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus({ preventScroll: true });
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    if (moveMenuFocus(event, menu.current)) return;
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      onClose(true);
    }
  };

  return (
    <ul role="menu" aria-label={t('tabMenu.name', { title })} className="menu tab-menu" ref={menu} onKeyDown={onKeyDown}
      onBlur={(event) => { if (!(event.relatedTarget instanceof Node) || !event.currentTarget.contains(event.relatedTarget)) onClose(false); }}>
      {items.map((item) => (
        <li key={item.label} role="none">
          <button type="button" role="menuitem" disabled={item.disabled} onClick={() => { onClose(true); item.onSelect(); }}>{item.label}</button>
        </li>
      ))}
    </ul>
  );
}
