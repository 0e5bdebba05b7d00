/**
 * "View log" (Pidgin's log viewer): the days on which a room, a buddy or a person has
 * messages, newest first with how many; choosing a day shows its messages, and "Find in
 * this day" marks (and can narrow to) what holds the words. The arrow keys, Home and End
 * move between the days; Enter or a click reads one.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { dayLabel, findParts, messageMatches, type LogDay, type LogDayPage, type LogTarget } from '../state/logViewer.js';
import { resultKeyTarget } from '../state/search.js';
import { useActions } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { useTimeFormats, useUiLocale } from './useTimeFormats.js';
import { useT } from '../i18n/index.js';

type Days = { readonly status: 'loading' } | { readonly status: 'error'; readonly error: string } | { readonly status: 'done'; readonly days: readonly LogDay[] };
type Page = { readonly status: 'none' } | { readonly status: 'loading'; readonly day: string } | { readonly status: 'error'; readonly day: string; readonly error: string }
  | { readonly status: 'done'; readonly page: LogDayPage };

function DayList({ days, chosen, onChoose }: { readonly days: readonly LogDay[]; readonly chosen: string | null; readonly onChoose: (day: string) => void }) {
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.log-day')];
    const target = resultKeyTarget(event.key, buttons.findIndex((button) => button === event.target), buttons.length);
    if (target === null || !buttons.some((button) => button === event.target)) return;
    event.preventDefault();
    buttons[target]?.focus();
  };
  const t = useT();
  const locale = useUiLocale();
  const list = useRef<HTMLUListElement>(null);
  // The days arrive after the dialog opened: the newest takes the focus, for the arrow keys.
  useEffect(() => list.current?.querySelector<HTMLButtonElement>('button.log-day')?.focus(), []);
  return (
    <ul ref={list} className="log-days" aria-label={t('logViewer.days')} onKeyDown={onKeyDown}>
      {days.map(({ day, count: n }) => (
        <li key={day}>
          <button type="button" className="log-day" aria-current={day === chosen ? 'date' : undefined} aria-label={t('logViewer.dayName', { day: dayLabel(day, locale), count: n })}
            onClick={() => onChoose(day)}>
            <time dateTime={day}>{dayLabel(day, locale)}</time> <span className="log-day-count">{t('logViewer.number', { count: n })}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function Marked({ text, find }: { readonly text: string; readonly find: string }) {
  return <>{findParts(text, find).map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}</>;
}

function DayMessages({ messages, find }: { readonly messages: readonly MessageView[]; readonly find: string }) {
  const formats = useTimeFormats();
  const t = useT();
  return (
    <ol className="log-messages" aria-label={t('logViewer.messages')}>
      {messages.map((message) => (
        <li key={message.id} className={`log-message log-${message.kind}`}>
          <time className="log-time" dateTime={new Date(message.timestamp).toISOString()}>{formats.timeWithSeconds(new Date(message.timestamp))}</time>{' '}
          {message.kind === 'event' ? null : <span className="log-sender"><Marked text={message.kind === 'action' ? `* ${message.senderName}` : `${message.senderName}:`} find={find} /></span>}{' '}
          <span className="log-body"><Marked text={message.body} find={find} /></span>
        </li>
      ))}
    </ol>
  );
}

function DayView({ page, find, onFind, onlyMatches, onOnlyMatches }: {
  readonly page: LogDayPage; readonly find: string; readonly onFind: (text: string) => void;
  readonly onlyMatches: boolean; readonly onOnlyMatches: (only: boolean) => void;
}) {
  const id = useId();
  const t = useT();
  const locale = useUiLocale();
  const matching = useMemo(() => page.messages.filter((message) => messageMatches(message, find)), [page, find]);
  const finding = find.trim() !== '';
  return (
    <section className="log-day-view" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{dayLabel(page.day, locale)}</h3>
      <div className="log-find">
        <input type="search" aria-label={t('logViewer.find')} placeholder={t('logViewer.find')} value={find} maxLength={256} onChange={(event) => onFind(event.target.value)} />
        <label className="checkbox">
          <input type="checkbox" checked={onlyMatches} onChange={(event) => onOnlyMatches(event.target.checked)} /> {t('logViewer.onlyMatching')}
        </label>
      </div>
      <p className="note" role="status">
        {finding ? t('logViewer.matches', { count: matching.length, total: page.messages.length }) : t('archive.messages', { count: page.messages.length })}
        {page.truncated ? ` ${t('logViewer.truncated', { count: page.messages.length })}` : ''}
      </p>
      {page.messages.length === 0 ? <p className="empty">{t('logViewer.emptyDay')}</p> : <DayMessages messages={finding && onlyMatches ? matching : page.messages} find={find} />}
    </section>
  );
}

export function LogViewerDialog({ target, onClose }: { readonly target: LogTarget; readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const locale = useUiLocale();
  const [days, setDays] = useState<Days>({ status: 'loading' });
  const [page, setPage] = useState<Page>({ status: 'none' });
  const [find, setFind] = useState('');
  const [onlyMatches, setOnlyMatches] = useState(false);
  const { subject } = target;

  useEffect(() => {
    let current = true;
    actions.logDays(subject).then((list) => { if (current) setDays({ status: 'done', days: list }); },
      (caught: unknown) => { if (current) setDays({ status: 'error', error: errorMessage(caught) }); });
    return () => { current = false; };
  }, [actions, subject]);

  const choose = (day: string): void => {
    setPage({ status: 'loading', day });
    actions.readLogDay(subject, day).then(
      (result) => setPage((now) => (now.status === 'loading' && now.day === day ? { status: 'done', page: result } : now)),
      (caught: unknown) => setPage((now) => (now.status === 'loading' && now.day === day ? { status: 'error', day, error: errorMessage(caught) } : now)));
  };
  const chosen = page.status === 'none' ? null : page.status === 'done' ? page.page.day : page.day;

  return (
    <Dialog title={t('logViewer.title', { name: target.name })} onClose={onClose}>
      <div className="log-viewer">
        <div className="log-viewer-days">
          {days.status === 'loading' ? <p className="note" role="status">{t('logViewer.loadingDays')}</p> : null}
          {days.status === 'error' ? <p role="alert" className="form-error">{t('logViewer.notRead', { error: days.error })}</p> : null}
          {days.status === 'done' && days.days.length === 0 ? <p className="empty" role="status">{t('logViewer.noneStored', { name: target.name })}</p> : null}
          {days.status === 'done' && days.days.length > 0 ? <DayList days={days.days} chosen={chosen} onChoose={choose} /> : null}
        </div>
        <div className="log-viewer-day">
          {page.status === 'none' && days.status === 'done' && days.days.length > 0 ? <p className="note">{t('logViewer.chooseDay')}</p> : null}
          {page.status === 'loading' ? <p className="note" role="status">{t('logViewer.loadingDay', { day: dayLabel(page.day, locale) })}</p> : null}
          {page.status === 'error' ? <p role="alert" className="form-error">{t('logViewer.dayNotRead', { day: dayLabel(page.day, locale), error: page.error })}</p> : null}
          {page.status === 'done' ? <DayView page={page.page} find={find} onFind={setFind} onlyMatches={onlyMatches} onOnlyMatches={setOnlyMatches} /> : null}
        </div>
      </div>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>{t('common.close')}</button>
      </div>
    </Dialog>
  );
}
