/**
 * The buddy list's rows, windowed: the nested lists screen readers know (the suggested
 * merges, each group's persons and buddies and an expanded person's buddies, each
 * account's conversations) are kept, but each holds only the rows near the viewport,
 * placed absolutely at their tops inside one scroller. Arrow keys, Home and End move
 * between group headings, conversations, persons and buddies (bringing far rows in);
 * typing a letter on a row goes to the filter. Buddies, persons and group headings are
 * dragged with @dnd-kit (BuddyDrag.tsx); each group's drop zone spans its rows, rendered
 * or not.
 */
import { memo, useLayoutEffect, useMemo, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { groupSection, nextActionRow, SUGGESTIONS_SECTION, type BuddyRow, type ListPlace } from '../state/buddyRows.js';
import type { PersonEntry } from '../state/people.js';
import { BuddyDragContext, DraggableRow, GroupDropZone, type DragItem } from './BuddyDrag.js';
import { BuddyGroupHeading } from './BuddyGroupHeading.js';
import { BuddyItem } from './BuddyItem.js';
import { MergeSuggestionItem } from './MergeSuggestionItem.js';
import { domId, SpaceRoomsItem } from './SpaceRoomsItem.js';
import { PersonItem } from './PersonItem.js';
import { useActions } from './AppContext.js';
import { rowAttributes, useWindowedList, type RowFrame } from './useWindowedList.js';
import { IsolatedText } from './VisibleText.js';
import { badgeDescriptionId, NetworkBadge } from './NetworkBadge.js';
import { UnreadBadge } from './UnreadBadge.js';
import { i18n, useT } from '../i18n/index.js';

/** Heights before the first row of a kind is measured (close to the stylesheet's). */
const ESTIMATES: Readonly<Record<string, number>> = {
  suggestions: 30, suggestion: 60, account: 30, person: 50, conversation: 28, 'group-room': 28, space: 28, group: 28, buddy: 46, 'buddy-manage': 72, 'person-buddy': 72,
};

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
  /** SUGGESTIONS_SECTION, a group's section or an account id. */
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

/** Each group's first row and the row after its last: where its drop zone starts and ends. */
function groupSpans(rows: readonly BuddyRow[]): { name: string; first: number; end: number }[] {
  const spans: { name: string; first: number; end: number }[] = [];
  rows.forEach((row, index) => {
    if (row.kind === 'group') spans.push({ name: row.groupName, first: index, end: index + 1 });
    else {
      const last = spans[spans.length - 1];
      if (last !== undefined && 'groupName' in row && row.groupName === last.name) last.end = index + 1;
    }
  });
  return spans;
}

/**
 * Each member row's run: the list it is rendered in, keyed by what comes before it in the
 * whole group (not in the rendered window), so scrolling never remounts a list holding focus.
 */
function runKeys(rows: readonly BuddyRow[]): string[] {
  let current = 'start';
  return rows.map((row) => {
    if (row.kind === 'group') current = 'start';
    // A group's rooms (from spaces) are a list of their own, after its persons and buddies.
    if (row.kind === 'group-room' || row.kind === 'space') return 'rooms';
    if (row.kind !== 'person-buddy') return current;
    current = `after-${row.person.id}`;
    return `pb-${row.person.id}`;
  });
}

export function BuddyList({ rows, activeId, query, onTypeToFilter }: BuddyListProps) {
  const [focusedKey, setFocusedKey] = useState<string | undefined>();
  // The rows' own texts (render* below) take the catalogue's current language from i18n.t: this re-renders them.
  const t = useT();
  const [focusRequest, setFocusRequest] = useState<string | undefined>();
  const [draggedKey, setDraggedKey] = useState<string | undefined>();
  const keys = useMemo(() => rows.map((row) => row.key), [rows]);
  const kindOf = useMemo(() => (index: number) => kindOfRow(rows[index]), [rows]);
  const sectionPlaces = useMemo(() => new Map(rows.flatMap((row) => (row.kind === 'account' || row.kind === 'group' || row.kind === 'suggestions' ? [[row.section, row.place] as const] : []))), [rows]);
  const groupNames = useMemo(() => rows.flatMap((row) => (row.kind === 'group' ? [row.groupName] : [])), [rows]);
  const spans = useMemo(() => groupSpans(rows), [rows]);
  const runs = useMemo(() => runKeys(rows), [rows]);
  // The row being dragged stays rendered wherever the list scrolls (dnd-kit measures it).
  const list = useWindowedList({ keys, kindOf, estimates: ESTIMATES, pinnedKey: draggedKey ?? focusRequest ?? focusedKey, resetKey: query });
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
    if (target.closest('input, textarea, select, form, [role="menu"]') || event.ctrlKey || event.metaKey || event.altKey) return;
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

  const frame = (index: number): RowFrame => list.frame(index);
  return (
    <BuddyDragContext groupNames={groupNames} onDragging={setDraggedKey}>
      <div className="contact-scroll" ref={scrollerRef} onScroll={list.onScroll} onKeyDown={onKeyDown} onFocus={onFocus} onBlur={onBlur}>
        <div className="contact-canvas" style={{ height: list.height }}>
          <ul aria-label={t('contacts.list')} className="contact-list" style={{ height: list.height }}>
            {bySection(rows, list.indices).map((section) => {
              const place = sectionPlaces.get(section.section);
              return (
                <li key={`s-${section.section}`} className="contact-group" aria-posinset={place?.posinset} aria-setsize={place?.setsize}>
                  {renderSection(section, frame, activeId, groupNames, runs)}
                </li>
              );
            })}
          </ul>
          {spans.map((span) => {
            const top = frame(span.first).top;
            return <GroupDropZone key={span.name} name={span.name} top={top} height={frame(span.end).top - top} />;
          })}
        </div>
      </div>
    </BuddyDragContext>
  );
}

function renderSection(
  section: SectionPart, frame: (index: number) => RowFrame, activeId: number | null, groupNames: readonly string[], runs: readonly string[],
): ReactNode[] {
  if (section.section === SUGGESTIONS_SECTION) return renderSuggestions(section, frame);
  const first = section.rows[0]?.row;
  if (first !== undefined && 'groupName' in first && section.section === groupSection(first.groupName)) return renderGroup(section, frame, activeId, groupNames, runs);
  return renderAccount(section, frame, activeId);
}

function renderSuggestions(section: SectionPart, frame: (index: number) => RowFrame): ReactNode[] {
  const out: ReactNode[] = [];
  const items: ReactNode[] = [];
  for (const { index, row } of section.rows) {
    if (row.kind === 'suggestions') out.push(<SectionHeading key={row.key} label={i18n.t('contacts.suggestedMerges')} {...frame(index)} />);
    else if (row.kind === 'suggestion') items.push(<MergeSuggestionItem key={row.key} entry={row.entry} {...place(row.place)} {...frame(index)} />);
  }
  if (items.length > 0) out.push(<ul key="suggestions" aria-label={i18n.t('contacts.suggestedMerges')}>{items}</ul>);
  return out;
}

/** One account's rendered rows: its heading and its conversations' list. */
function renderAccount(section: SectionPart, frame: (index: number) => RowFrame, activeId: number | null): ReactNode[] {
  const out: ReactNode[] = [];
  const conversations: ReactNode[] = [];
  for (const { index, row } of section.rows) {
    if (row.kind === 'account') out.push(<SectionHeading key={row.key} label={row.label} {...frame(index)} />);
    else if (row.kind === 'conversation') {
      conversations.push(<ConversationItem key={row.key} conversation={row.conversation} active={activeId === row.conversation.id} {...place(row.place)} {...frame(index)} />);
    }
  }
  if (conversations.length > 0) out.push(<ul key="conversations">{conversations}</ul>);
  return out;
}

/**
 * A group's rendered rows: its heading, then runs of persons and buddies in the group's
 * list, each expanded person's buddies in a list of their own right after it (so the
 * reading order is the visual one).
 */
function renderGroup(
  section: SectionPart, frame: (index: number) => RowFrame, activeId: number | null, groupNames: readonly string[], runKeys: readonly string[],
): ReactNode[] {
  const out: ReactNode[] = [];
  const runs: { key: string; label: string; items: ReactNode[] }[] = [];
  const run = (index: number, label: string): ReactNode[] => {
    const key = runKeys[index] ?? 'start';
    const last = runs[runs.length - 1];
    if (last?.key === key) return last.items;
    const items: ReactNode[] = [];
    runs.push({ key, label, items });
    return items;
  };
  for (const { index, row } of section.rows) {
    const rowFrame = frame(index);
    switch (row.kind) {
      case 'group': {
        const at = groupNames.indexOf(row.groupName);
        const item: DragItem = { type: 'group', name: row.groupName, rowKey: row.key, label: row.groupName };
        out.push(
          <DraggableRow key={row.key} item={item} frame={rowFrame}>
            {(dragFrame) => <BuddyGroupHeading group={row.group} previous={groupNames[at - 1]} next={groupNames[at + 1]} {...dragFrame} />}
          </DraggableRow>,
        );
        break;
      }
      case 'person': {
        const item: DragItem = { type: 'person', personId: row.person.id, from: row.groupName, rowKey: row.key, label: row.person.name };
        run(index, row.groupName).push(
          <DraggableRow key={row.key} item={item} frame={rowFrame}>
            {(dragFrame) => <PersonItem person={row.person} expanded={row.expanded} groupName={row.groupName} {...place(row.place)} {...dragFrame} />}
          </DraggableRow>,
        );
        break;
      }
      case 'person-buddy':
        run(index, buddiesLabel(row.person)).push(
          <BuddyItem key={row.key} contact={row.contact} manage={row.manage} groupName={`person-${row.person.id}`}
            inPerson={{ name: row.person.name, accountLabel: row.accountLabel }} {...place(row.place)} {...rowFrame} />,
        );
        break;
      case 'buddy': {
        const item: DragItem = { type: 'buddy', contact: row.contact, from: row.groupName, rowKey: row.key, label: row.contact.displayName };
        run(index, row.groupName).push(
          <DraggableRow key={row.key} item={item} frame={rowFrame}>
            {(dragFrame) => <BuddyItem contact={row.contact} manage={row.manage} groupName={row.groupName} {...place(row.place)} {...dragFrame} />}
          </DraggableRow>,
        );
        break;
      }
      case 'group-room':
        run(index, i18n.t('spaces.roomsOf', { group: row.groupName })).push(
          <ConversationItem key={row.key} conversation={row.conversation} active={activeId === row.conversation.id} idPrefix={row.key}
            {...place(row.place)} {...rowFrame} />,
        );
        break;
      case 'space':
        run(index, i18n.t('spaces.roomsOf', { group: row.groupName })).push(<SpaceRoomsItem key={row.key} space={row.conversation} {...place(row.place)} {...rowFrame} />);
        break;
      default:
        break;
    }
  }
  for (const { key, label, items } of runs) out.push(<ul key={`run-${key}`} aria-label={label}>{items}</ul>);
  return out;
}

function buddiesLabel(person: PersonEntry): string {
  return i18n.t('contacts.buddiesOf', { name: person.name });
}

function place({ posinset, setsize }: ListPlace): { posinset: number; setsize: number } {
  return { posinset, setsize };
}

const SectionHeading = memo(function SectionHeading({ label, ...frame }: RowFrame & { readonly label: string }) {
  return <span className="contact-group-label buddy-row" {...rowAttributes(frame)}>{label}</span>;
});

interface ConversationItemProps extends RowFrame {
  readonly conversation: ConversationView;
  readonly active: boolean;
  /** Makes its element ids unique where it is shown twice (a room in two spaces' groups). */
  readonly idPrefix?: string;
  readonly posinset: number;
  readonly setsize: number;
}

const ConversationItem = memo(function ConversationItem({ conversation, active, idPrefix, posinset, setsize, ...frame }: ConversationItemProps) {
  const actions = useActions();
  const unique = idPrefix === undefined ? `${conversation.id}` : `${conversation.id}-${domId(idPrefix)}`;
  const unreadId = `contact-unread-${unique}`;
  const badgeId = badgeDescriptionId(`conversation-${unique}`);
  return (
    <li className="buddy-row" aria-posinset={posinset} aria-setsize={setsize} {...rowAttributes(frame)}>
      <button type="button" className={active ? 'contact active' : 'contact'} aria-label={conversation.title}
        aria-current={active ? 'true' : undefined} aria-describedby={conversation.unread > 0 ? `${badgeId} ${unreadId}` : badgeId}
        onClick={() => actions.activateConversation(conversation.id)}>
        <span className="contact-kind" aria-hidden="true">{conversation.kind === 'direct' ? '•' : conversation.title.startsWith('#') ? '' : '#'}</span>
        <span className="contact-title"><IsolatedText text={conversation.title} /></span>
        <NetworkBadge accountId={conversation.accountId} descriptionId={badgeId} />
        <UnreadBadge conversation={conversation} id={unreadId} />
      </button>
    </li>
  );
});
