/**
 * "Switch to" (Ctrl+K): a combobox over every buddy, person, room and conversation (WAI-ARIA
 * combobox with a listbox popup): type to narrow, Up/Down to choose, Enter to open, Escape
 * to close. The matching and ranking are renderer/state/quickSwitch.ts.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { errorMessage } from '../state/actions.js';
import { searchCandidates, switchCandidates, type SwitchCandidate } from '../state/quickSwitch.js';
import { useActions, useAppStore } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { usePersonEntries } from './usePeople.js';
import { IsolatedText } from './VisibleText.js';
import { useT } from '../i18n/index.js';

export function QuickSwitcher({ onClose }: { readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const listId = useId();
  const conversations = useAppStore('conversations', (state) => state.byId);
  const contacts = useAppStore('contacts', (state) => state.byKey);
  const accounts = useAppStore('accounts', (state) => state.list);
  const persons = usePersonEntries();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const candidates = useMemo(
    () => switchCandidates({ conversations: [...conversations.values()], contacts, persons, accounts }),
    [conversations, contacts, persons, accounts],
  );
  const results = useMemo(() => searchCandidates(candidates, query), [candidates, query]);
  const current = Math.min(active, results.length - 1);
  const optionId = (index: number): string => `${listId}-option-${index}`;

  const choose = (candidate: SwitchCandidate | undefined): void => {
    if (!candidate) return;
    actions.switchTo(candidate.target).then(onClose, (failure: unknown) => setError(errorMessage(failure)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0 && results.length > 0) {
      event.preventDefault();
      setActive((current + step + results.length) % results.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(results[current]);
    }
  };

  return (
    <Dialog title={t('switcher.title')} onClose={onClose}>
      <input type="text" role="combobox" aria-label={t('switcher.input')} aria-expanded={results.length > 0} aria-controls={listId}
        aria-autocomplete="list" aria-activedescendant={current >= 0 ? optionId(current) : undefined}
        placeholder={t('switcher.placeholder')} autoComplete="off" spellCheck={false} value={query} maxLength={256}
        onChange={(event) => { setQuery(event.target.value); setActive(0); setError(null); }} onKeyDown={onKeyDown} />
      <ul role="listbox" id={listId} aria-label={t('switcher.matches')} className="switch-list">
        {results.map((candidate, index) => (
          // Options are chosen with the keyboard through the combobox (WAI-ARIA pattern); a click works too.
          <li key={candidate.key} id={optionId(index)} role="option" aria-selected={index === current}
            className={index === current ? 'switch-option active' : 'switch-option'}
            onMouseMove={() => { if (index !== current) setActive(index); }} onClick={() => choose(candidate)}>
            <span className="switch-name"><IsolatedText text={candidate.name} /></span>
            {candidate.unread > 0 ? <span className="badge">{candidate.unread}<span className="visually-hidden">{t('unread.suffix')}</span></span> : null}
            <span className="switch-detail"><IsolatedText text={candidate.detail} /></span>
          </li>
        ))}
      </ul>
      {results.length === 0 ? <p className="empty" role="status">{t('switcher.nothing', { query: query.trim() })}</p> : null}
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </Dialog>
  );
}
