/** A space's entry in its buddy-list group: "Rooms in this space…" opens the rooms the user may join. */
import { memo } from 'react';
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { useApp } from './AppContext.js';
import { rowAttributes, type RowFrame } from './useWindowedList.js';
import { useT } from '../i18n/index.js';

/** Any text as a piece of an element id, one to one (letters and digits kept, the rest as code points). */
export function domId(text: string): string {
  return encodeURIComponent(text).replace(/[^A-Za-z0-9]/g, (char) => `_${char.charCodeAt(0).toString(16)}_`);
}

interface SpaceRoomsItemProps extends RowFrame {
  readonly space: ConversationView;
  readonly posinset: number;
  readonly setsize: number;
}

export const SpaceRoomsItem = memo(function SpaceRoomsItem({ space, posinset, setsize, ...frame }: SpaceRoomsItemProps) {
  const { stores } = useApp();
  const t = useT();
  return (
    <li className="buddy-row" aria-posinset={posinset} aria-setsize={setsize} {...rowAttributes(frame)}>
      <button type="button" className="contact space-rooms"
        onClick={() => stores.ui.setState({ dialog: { kind: 'space-rooms', conversationId: space.id } })}>
        <span className="contact-kind" aria-hidden="true">+</span>
        <span className="contact-title">{t('spaces.rooms')}</span>
      </button>
    </li>
  );
});
