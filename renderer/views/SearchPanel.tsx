/**
 * "Search messages" in the buddy list's column: Enter searches stored messages, everywhere
 * or in the active conversation, narrowed by the filters; results are grouped by
 * conversation, their matches shown as marks built from text (never HTML), the arrow keys
 * move between them, and a click opens the conversation at the message (a closed one too).
 */
import { useId, useMemo, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { errorMessage } from '../state/actions.js';
import type { SearchHit, SnippetPart } from '../state/search.js';
import type { TimeFormats } from '../state/timeFormat.js';
import { NO_FILTERS, SEARCH_SCOPES, groupResults, isSearchScope, resultKeyTarget, type SearchFilterChoice, type SearchScope } from '../state/search.js';
import { useActions, useAppStore } from './AppContext.js';
import { HistoryArchiveControls } from './HistoryArchiveControls.js';
import { SearchFilters, SearchHelp } from './SearchFilters.js';
import { useTimeFormats } from './useTimeFormats.js';
import { useT } from '../i18n/index.js';

function Snippet({ parts }: { readonly parts: readonly SnippetPart[] }) {
  return (
    <span className="search-snippet">
      {parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </span>
  );
}

function formatTime(timestamp: number, formats: TimeFormats): { readonly iso: string; readonly text: string } | null {
  const time = new Date(timestamp);
  return Number.isNaN(time.getTime()) ? null : { iso: time.toISOString(), text: formats.shortDateTime(time) };
}

function Results({ onOpen }: { readonly onOpen: (hit: SearchHit) => void }) {
  const hits = useAppStore('search', (state) => state.hits);
  const conversations = useAppStore('conversations', (state) => state.byId);
  const groups = useMemo(() => groupResults(hits, conversations), [hits, conversations]);
  const formats = useTimeFormats();
  const t = useT();
  // Arrow keys, Home and End move between the result buttons (one list across the groups).
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.search-hit')];
    const current = buttons.findIndex((button) => button === event.target);
    if (current === -1) return;
    const target = resultKeyTarget(event.key, current, buttons.length);
    if (target === null) return;
    event.preventDefault();
    buttons[target]?.focus();
  };
  return (
    <ul aria-label={t('search.results')} className="search-results" onKeyDown={onKeyDown}>
      {groups.map((group) => (
        <li key={group.conversationId} className="search-group">
          <span className="search-group-title">{group.title}</span>
          <ul>
            {group.items.map(({ hit, parts }) => {
              const time = formatTime(hit.message.timestamp, formats);
              // The name spelled out, since the marks and the layout split the text into pieces.
              const name = `${group.title}: ${hit.message.senderName}${time ? `, ${time.text}` : ''}: ${parts.map((part) => part.text).join('')}`;
              return (
                <li key={hit.message.id}>
                  <button type="button" className="search-hit" onClick={() => onOpen(hit)} aria-label={name}
                    title={group.open ? t('search.showIn', { name: group.title }) : t('search.openClosed')}>
                    <span className="search-hit-meta">
                      <span className="search-sender">{hit.message.senderName}</span>
                      {time ? <> <time className="search-time" dateTime={time.iso}>{time.text}</time></> : null}
                    </span>
                    {/* A word break between the time and the text, so the visible text reads as the name does (WCAG 2.5.3). */}
                    {' '}<Snippet parts={parts} />
                  </button>
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}

export function SearchPanel() {
  const actions = useActions();
  const t = useT();
  const status = useAppStore('search', (state) => state.status);
  const searched = useAppStore('search', (state) => state.query);
  const count = useAppStore('search', (state) => state.hits.length);
  const error = useAppStore('search', (state) => state.error);
  const hasActive = useAppStore('conversations', (state) => state.activeId !== null);
  const [query, setQuery] = useState('');
  const [scope, setScope] = useState<SearchScope>('all');
  const [filters, setFilters] = useState<SearchFilterChoice>(NO_FILTERS);
  const [note, setNote] = useState<string | null>(null);
  const helpId = useId();
  const effectiveScope: SearchScope = hasActive ? scope : 'all';

  const onSubmit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setNote(null);
    void actions.searchMessages(query, effectiveScope, filters);
  };
  const clear = (): void => {
    setQuery('');
    setNote(null);
    actions.clearSearch();
  };
  const open = (hit: SearchHit): void => {
    setNote(null);
    actions.openSearchResult(hit).then((shown) => {
      if (!shown) setNote(t('search.tooFarBack'));
    }, (caught: unknown) => setNote(errorMessage(caught)));
  };

  return (
    <section className="panel search-panel" aria-labelledby="search-heading">
      {/* One line under the toolbar: the heading is for screen readers; Clear appears with results. */}
      <h2 id="search-heading" className="visually-hidden">{t('search.heading')}</h2>
      {status !== 'idle' ? <div className="panel-head"><button type="button" className="small-button" onClick={clear}>{t('search.clear')}</button></div> : null}
      <form role="search" className="search-form" onSubmit={onSubmit}>
        <input type="search" className="search-messages" aria-label={t('search.input')} placeholder={t('search.input')} value={query} maxLength={512}
          aria-describedby={helpId} onChange={(event) => setQuery(event.target.value)} />
        <SearchHelp id={helpId} />
        <select aria-label={t('search.scope')} value={effectiveScope} onChange={(event) => { if (isSearchScope(event.target.value)) setScope(event.target.value); }}>
          {SEARCH_SCOPES.map((choice) => (
            <option key={choice} value={choice} disabled={choice === 'conversation' && !hasActive}>{t(`search.scopes.${choice}`)}</option>
          ))}
        </select>
        <SearchFilters value={filters} onChange={setFilters} />
        {/* A button for Enter to submit from the filters' fields, and for pointer users. */}
        <button type="submit" className="small-button">{t('search.submit')}</button>
      </form>
      {status === 'searching' ? <p className="note" role="status">{t('directory.searching')}</p> : null}
      {status === 'error' ? <p role="alert" className="form-error">{t('search.failed', { error: error ?? t('search.unknownError') })}</p> : null}
      {status === 'done' && count === 0 ? <p className="empty" role="status">{t('search.none')}</p> : null}
      {status === 'done' && count > 0 ? <p className="visually-hidden" role="status">{t('search.found', { count, query: searched })}</p> : null}
      {status === 'done' && count > 0 ? <Results onOpen={open} /> : null}
      {note !== null ? <p className="note" role="status">{note}</p> : null}
      <HistoryArchiveControls />
    </section>
  );
}
