/**
 * The buddy list's rows, windowed: the nested lists screen readers know (the people and
 * an expanded person's buddies, accounts, their conversations, their groups of contacts) are kept, but each holds only the rows near the
 * viewport, placed absolutely at their tops inside one scroller. Arrow keys, Home and End
 * move between conversations, persons and contacts (bringing far rows in); typing a letter on a
 * row goes to the filter.
 */
import { memo, useLayoutEffect, useMemo, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { nextActionRow, PEOPLE_SECTION, type BuddyRow, type ListPlace } from '../state/buddyRows.js';
import type { PersonEntry } from '../state/people.js';
import { BuddyItem } from './BuddyItem.js';
import { PersonItem } from './PersonItem.js';
import { useActions } from './AppContext.js';
import { rowAttributes, useWindowedList, type RowFrame } from './useWindowedList.js';
import { IsolatedText } from './VisibleText.js';
import { badgeDescriptionId, NetworkBadge } from './NetworkBadge.js';

/** Heights before the first row of a kind is measured (close to the stylesheet's). */
const ESTIMATES: Readonly<Record<string, number>> = { account: 30, people: 30, person: 50, conversation: 28, group: 24, buddy: 46, 'buddy-manage': 72, 'person-buddy': 72 };

export interface BuddyListProps {
  readonly rows: readonly BuddyRow[];
  readonly activeId: number | null;
  /** The filter text: a new one scrolls back to the top. */
  readonly query: string;
  /** A printable key typed on a row: it belongs in the filter. */
  readonly onTypeToFilter: (text: string) => void;
}

function kindOfRow(row: BuddyRow | undefined): string {
  return row?.kind === 'buddy' && row.manage ? 'buddy-manage' : row?.kind ?? 'buddy';
}

/** The rendered rows, nested as the lists they belong to. */
interface SectionPart {
  /** An account id, or PEOPLE_SECTION. */
  readonly section: string;
  readonly rows: { readonly index: number; readonly row: BuddyRow }[];
}

function bySection(rows: readonly BuddyRow[], indices: readonly number[]): SectionPart[] {
  const sections: SectionPart[] = [];
  for (const index of indices) {
    const row = rows[index];
    if (row === undefined) continue;
    const last = sections[sections.length - 1];
    if (last?.section === row.section) last.rows.push({ index, row });
    else sections.push({ section: row.section, rows: [{ index, row }] });
  }
  return sections;
}

export function BuddyList({ rows, activeId, query, onTypeToFilter }: BuddyListProps) {
  const [focusedKey, setFocusedKey] = useState<string | undefined>();
  const [focusRequest, setFocusRequest] = useState<string | undefined>();
  const keys = useMemo(() => rows.map((row) => row.key), [rows]);
  const kindOf = useMemo(() => (index: number) => kindOfRow(rows[index]), [rows]);
  const sectionPlaces = useMemo(() => new Map(rows.flatMap((row) => (row.kind === 'account' || row.kind === 'people' ? [[row.section, row.place] as const] : []))), [rows]);
  const list = useWindowedList({ keys, kindOf, estimates: ESTIMATES, pinnedKey: focusRequest ?? focusedKey, resetKey: query });
  const { scrollerRef } = list;

  // A row reached by the keyboard is rendered (pinned) by now: give its button the focus.
  useLayoutEffect(() => {
    if (focusRequest === undefined) return;
    const row = [...(scrollerRef.current?.querySelectorAll<HTMLElement>('[data-row-key]') ?? [])].find((element) => element.dataset['rowKey'] === focusRequest);
    row?.querySelector<HTMLElement>('button.contact')?.focus({ preventScroll: true });
  }, [focusRequest, scrollerRef]);

  const rowKeyOf = (target: EventTarget): string | undefined => (target as HTMLElement).closest<HTMLElement>('[data-row-key]')?.dataset['rowKey'];

  const onFocus = (event: FocusEvent<HTMLDivElement>): void => {
    setFocusedKey(rowKeyOf(event.target));
    setFocusRequest(undefined);
  };
  const onBlur = (event: FocusEvent<HTMLDivElement>): void => {
    if (!(event.relatedTarget instanceof Node) || !event.currentTarget.contains(event.relatedTarget)) setFocusedKey(undefined);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, form') || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = rowKeyOf(target);
    const from = key === undefined ? -1 : list.indexOfKey(key) ?? -1;
    const to = event.key === 'ArrowDown' ? nextActionRow(rows, from, 1)
      : event.key === 'ArrowUp' ? nextActionRow(rows, from, -1)
        : event.key === 'Home' ? nextActionRow(rows, -1, 1)
          : event.key === 'End' ? nextActionRow(rows, rows.length, -1)
            : undefined;
    if (to === undefined) {
      if (event.key.length === 1 && event.key !== ' ') {
        event.preventDefault();
        onTypeToFilter(event.key);
      }
      return;
    }
    const next = rows[to];
    if (next === undefined || to === from) return;
    event.preventDefault();
    list.scrollToIndex(to);
    setFocusRequest(next.key);
  };

  return (
    <div className="contact-scroll" ref={scrollerRef} onScroll={list.onScroll} onKeyDown={onKeyDown} onFocus={onFocus} onBlur={onBlur}>
      <ul aria-label="Contacts" className="contact-list" style={{ height: list.height }}>
        {bySection(rows, list.indices).map((section) => {
          const place = sectionPlaces.get(section.section);
          return (
            <li key={section.section === PEOPLE_SECTION ? 'people' : `a-${section.section}`} className="contact-group" aria-posinset={place?.posinset} aria-setsize={place?.setsize}>
              {section.section === PEOPLE_SECTION ? renderPeople(section, (index) => list.frame(index)) : renderSection(section, (index) => list.frame(index), activeId)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** One account's rendered rows: its heading, its conversations' list, its groups' lists. */
function renderSection(section: SectionPart, frame: (index: number) => RowFrame, activeId: number | null): ReactNode[] {
  const out: ReactNode[] = [];
  const conversations: ReactNode[] = [];
  const groups: { name: string; label: string; heading: ReactNode; items: ReactNode[] }[] = [];
  for (const { index, row } of section.rows) {
    const rowFrame = frame(index);
    switch (row.kind) {
      case 'account':
        out.push(<AccountHeading key={row.key} label={row.label} {...rowFrame} />);
        break;
      case 'conversation':
        conversations.push(<ConversationItem key={row.key} conversation={row.conversation} active={activeId === row.conversation.id} {...place(row.place)} {...rowFrame} />);
        break;
      case 'group':
        groups.push({ name: row.name, label: row.accountLabel, heading: <GroupHeading key={row.key} name={row.name} {...rowFrame} />, items: [] });
        break;
      case 'people':
      case 'person':
      case 'person-buddy':
        break;
      case 'buddy': {
        const item = <BuddyItem key={row.key} contact={row.contact} manage={row.manage} groupName={row.groupName} {...place(row.place)} {...rowFrame} />;
        const current = groups[groups.length - 1];
        if (current?.name === row.groupName) current.items.push(item);
        else groups.push({ name: row.groupName, label: row.accountLabel, heading: null, items: [item] });
        break;
      }
    }
  }
  if (conversations.length > 0) out.push(<ul key="conversations">{conversations}</ul>);
  for (const { name, label, heading, items } of groups) {
    out.push(
      <div key={`group-${name}`} className="buddy-group">
        {heading}
        <ul aria-label={`${name} (${label})`}>{items}</ul>
      </div>,
    );
  }
  return out;
}

/**
 * The people's rendered rows: the heading, then runs of persons, each expanded person's
 * buddies in a list of their own right after it (so the reading order is the visual one).
 */
function renderPeople(section: SectionPart, frame: (index: number) => RowFrame): ReactNode[] {
  const out: ReactNode[] = [];
  const runs: { key: string; label: string; items: ReactNode[] }[] = [];
  const run = (key: string, label: string): ReactNode[] => {
    const last = runs[runs.length - 1];
    if (last?.label === label) return last.items;
    const items: ReactNode[] = [];
    runs.push({ key, label, items });
    return items;
  };
  for (const { index, row } of section.rows) {
    const rowFrame = frame(index);
    switch (row.kind) {
      case 'people':
        out.push(<AccountHeading key={row.key} label="People" {...rowFrame} />);
        break;
      case 'person':
        run(row.key, 'People').push(<PersonItem key={row.key} person={row.person} expanded={row.expanded} {...place(row.place)} {...rowFrame} />);
        break;
      case 'person-buddy':
        run(row.key, buddiesLabel(row.person)).push(
          <BuddyItem key={row.key} contact={row.contact} manage={row.manage} groupName={`person-${row.person.id}`}
            inPerson={{ name: row.person.name, accountLabel: row.accountLabel }} {...place(row.place)} {...rowFrame} />,
        );
        break;
      default:
        break;
    }
  }
  for (const { key, label, items } of runs) out.push(<ul key={`run-${key}`} aria-label={label}>{items}</ul>);
  return out;
}

function buddiesLabel(person: PersonEntry): string {
  return `Buddies of ${person.name}`;
}

function place({ posinset, setsize }: ListPlace): { posinset: number; setsize: number } {
  return { posinset, setsize };
}

const AccountHeading = memo(function AccountHeading({ label, ...frame }: RowFrame & { readonly label: string }) {
  return <span className="contact-group-label buddy-row" {...rowAttributes(frame)}>{label}</span>;
});

const GroupHeading = memo(function GroupHeading({ name, ...frame }: RowFrame & { readonly name: string }) {
  return <span className="buddy-group-label buddy-row" {...rowAttributes(frame)}>{name}</span>;
});

interface ConversationItemProps extends RowFrame {
  readonly conversation: ConversationView;
  readonly active: boolean;
  readonly posinset: number;
  readonly setsize: number;
}

const ConversationItem = memo(function ConversationItem({ conversation, active, posinset, setsize, ...frame }: ConversationItemProps) {
  const actions = useActions();
  const unreadId = `contact-unread-${conversation.id}`;
  const badgeId = badgeDescriptionId(`conversation-${conversation.id}`);
  return (
    <li className="buddy-row" aria-posinset={posinset} aria-setsize={setsize} {...rowAttributes(frame)}>
      <button type="button" className={active ? 'contact active' : 'contact'} aria-label={conversation.title}
        aria-current={active ? 'true' : undefined} aria-describedby={conversation.unread > 0 ? `${badgeId} ${unreadId}` : badgeId}
        onClick={() => actions.activateConversation(conversation.id)}>
        <span className="contact-kind" aria-hidden="true">{conversation.kind === 'direct' ? '•' : conversation.title.startsWith('#') ? '' : '#'}</span>
        <span className="contact-title"><IsolatedText text={conversation.title} /></span>
        <NetworkBadge accountId={conversation.accountId} descriptionId={badgeId} />
        {conversation.unread > 0 ? <span id={unreadId} className="badge">{conversation.unread}<span className="visually-hidden"> unread</span></span> : null}
      </button>
    </li>
  );
});
