/**
 * A room's members, sorted by role then name, filterable. Only the rows in view are in the
 * DOM (fixed row height), so a 20,000-member room scrolls and filters smoothly.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { filterMembers, memberDescription, memberGlyph, sortMembers } from '../state/members.js';
import { useApp, useAppStore } from './AppContext.js';
import { useT } from '../i18n/index.js';
import { MemberBlockButton } from './MemberBlockButton.js';
import { MemberRolesButton } from './RoomAdminDialogs.js';
import type { Capabilities } from '../state/capabilities.js';

const ROW_HEIGHT = 24;
const OVERSCAN = 10;
/** Used before the list has been measured (and in environments without layout). */
const FALLBACK_HEIGHT = 600;
const NO_CAPABILITIES: Capabilities = {};

export interface MemberListProps {
  readonly conversationId: number;
  /** The room can kick members (its capabilities): each row offers "Kick" on hover or focus. */
  readonly canKick?: boolean;
  /** The user's own id in the room, which gets no "Kick". */
  readonly selfId?: string | undefined;
  /** The room's account, where its members can be blocked (capability `blockMembers`): each other member offers "Ignore". */
  readonly blockAccountId?: string | undefined;
  /** The room's capabilities: with `memberRoles`, members the user may change offer "Roles…". */
  readonly capabilities?: Capabilities;
}

export function MemberList({ conversationId, canKick = false, selfId, blockAccountId, capabilities = NO_CAPABILITIES }: MemberListProps) {
  const { stores } = useApp();
  const t = useT();
  const room = useAppStore('members', (state) => state.byRoom.get(conversationId));
  const [query, setQuery] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_HEIGHT);
  const scroller = useRef<HTMLDivElement>(null);
  const sorted = useMemo(() => sortMembers(room?.byId.values() ?? []), [room]);
  const shown = useMemo(() => filterMembers(sorted, query), [sorted, query]);

  useEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight || FALLBACK_HEIGHT));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const rows = shown.slice(first, last);

  return (
    <aside className="members" aria-labelledby={`members-heading-${conversationId}`}>
      <h3 id={`members-heading-${conversationId}`} className="members-heading">
        {t('members.count', { count: sorted.length })}
      </h3>
      <input type="search" className="members-filter" aria-label={t('members.filter')} placeholder={t('members.filter')} value={query}
        onChange={(event) => { setQuery(event.target.value); setScrollTop(0); if (scroller.current) scroller.current.scrollTop = 0; }} />
      {query.trim() !== '' ? <p className="members-count" role="status">{t('members.shown', { count: shown.length })}</p> : null}
      <div className="members-scroll" ref={scroller} role="list" aria-label={t('members.list')}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <div className="members-spacer" style={{ height: shown.length * ROW_HEIGHT }}>
          {rows.map((member, index) => {
            const description = memberDescription(member);
            const descriptionId = `member-description-${conversationId}-${first + index}`;
            return (
              <div key={member.id} role="listitem" aria-setsize={shown.length} aria-posinset={first + index + 1}
                className={`member role-${member.role ?? 'none'}`} style={{ top: (first + index) * ROW_HEIGHT, height: ROW_HEIGHT }}
                title={description ? `${member.id} (${description})` : member.id} aria-describedby={description ? descriptionId : undefined}>
                <span className="member-glyph">{memberGlyph(member)}</span>
                <span className="member-name">{member.displayName}</span>
                {member.bot ? <span className="member-bot" aria-hidden="true">{t('members.bot')}</span> : null}
                {description ? <span id={descriptionId} className="visually-hidden">{description}</span> : null}
                {blockAccountId !== undefined && member.id !== selfId ? <MemberBlockButton accountId={blockAccountId} memberId={member.id} name={member.displayName} /> : null}
                {capabilities.memberRoles === true ? <MemberRolesButton conversationId={conversationId} member={member} capabilities={capabilities} /> : null}
                {canKick && member.id !== selfId ? (
                  <button type="button" className="small-button member-kick" aria-label={t('members.kickNamed', { name: member.displayName })}
                    onClick={() => stores.ui.setState({ dialog: { kind: 'kick-member', conversationId, member } })}>{t('members.kick')}</button>
                ) : null}
              </div>
            );
          })}
        </div>
      </div>
    </aside>
  );
}
