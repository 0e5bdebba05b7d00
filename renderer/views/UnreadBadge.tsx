/**
 * A conversation's unread count, greyed (and said to be muted) when nothing there notifies
 * now: level "Nothing" or a mute (notifyDecision.ts's badgeTone), so the badge and the
 * notifications tell the same story.
 */
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { badgeTone } from '../state/notifyDecision.js';
import { useAppStore } from './AppContext.js';
import { useNow } from './useNow.js';
import { useT } from '../i18n/index.js';

export function UnreadBadge({ conversation, id }: { readonly conversation: ConversationView; readonly id: string }) {
  const preferences = useAppStore('preferences', (state) => state.preferences);
  const t = useT();
  // Ticks only while some rule exists (a mute may run out), so the badge comes back when it does.
  const now = useNow(Object.keys(preferences.notifyRules).length > 0, 60_000);
  if (conversation.unread === 0) return null;
  const muted = badgeTone(preferences, conversation, now) === 'muted';
  return (
    <span id={id} className={muted ? 'badge muted' : 'badge'}>
      {conversation.unread}<span className="visually-hidden">{muted ? t('unread.suffixMuted') : t('unread.suffix')}</span>
    </span>
  );
}
