/**
 * A button that opens a small menu (WAI-ARIA menu button pattern): the menu gets the
 * focus on its first item, arrow keys, Home and End move between items, Escape closes it
 * and gives the focus back to the button; choosing an item closes it too.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { moveMenuFocus } from './menuKeys.js';

export interface MenuItem {
  readonly label: string;
  readonly onSelect: () => void;
  readonly disabled?: boolean;
}

export interface MenuButtonProps {
  /** What the button does, for screen readers and as its tooltip. */
  readonly label: string;
  /** What the button shows. */
  readonly text: string;
  readonly items: readonly MenuItem[];
  readonly className?: string;
}

export function MenuButton({ label, text, items, className }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus({ preventScroll: true });
  }, [open]);

  const close = (): void => {
    setOpen(false);
    button.current?.focus({ preventScroll: true });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    if (moveMenuFocus(event, menu.current)) return;
    if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key.length === 1) event.stopPropagation();
  };

  return (
    <span className="menu-button">
      <button ref={button} type="button" className={className ?? 'small-button'} aria-haspopup="menu" aria-expanded={open}
        aria-controls={open ? menuId : undefined} aria-label={label} title={label} onClick={() => setOpen((value) => !value)}>
        {text}
      </button>
      {open ? (
        <ul id={menuId} role="menu" aria-label={label} className="menu" ref={menu} onKeyDown={onKeyDown}
          onBlur={(event) => { if (!(event.relatedTarget instanceof Node) || !event.currentTarget.contains(event.relatedTarget)) setOpen(false); }}>
          {items.map((item) => (
            <li key={item.label} role="none">
              <button type="button" role="menuitem" disabled={item.disabled} onClick={() => { close(); item.onSelect(); }}>{item.label}</button>
            </li>
          ))}
        </ul>
      ) : null}
    </span>
  );
}
