/**
 * The search panel's filters (account, network, person or buddy, sender, dates, has a link, has a file) behind a
 * "Filters" disclosure, and the short help on the query syntax. What they mean for the
 * request is state/search.ts's (searchParams); the core applies them in SQL.
 */
import { useId, useMemo, useState } from 'react';
import { activeFilterCount, type SearchFilterChoice } from '../state/search.js';
import { accountName } from '../state/networkBadge.js';
import { whoOptions } from '../state/searchWho.js';
import { useAppStore } from './AppContext.js';
import { useAccountLabel, usePersonEntries } from './usePeople.js';
import { Trans } from 'react-i18next';
import { useT } from '../i18n/index.js';

/** Shown next to the search box: the whole query syntax (the core's toFtsQuery). */
export function SearchHelp({ id }: { readonly id: string }) {
  const t = useT();
  return (
    <p id={id} className="note search-help">
      <Trans t={t} i18nKey="searchFilters.help" components={{ kbd: <kbd /> }} />
    </p>
  );
}

interface FilterProps {
  readonly value: SearchFilterChoice;
  readonly onChange: (next: SearchFilterChoice) => void;
}

/**
 * The disclosure; its fields exist only while it is open. The person-or-buddy list has an
 * option per contact (5,000 in the bench's profile: 37,283 nodes in the document with it
 * always there) and would be rebuilt on every presence change while nobody looks at it.
 */
export function SearchFilters({ value, onChange }: FilterProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const count = activeFilterCount(value);
  return (
    <details className="search-filters" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{count === 0 ? t('searchFilters.filters') : t('searchFilters.filtersCount', { count })}</summary>
      {open ? <FilterFields value={value} onChange={onChange} /> : null}
    </details>
  );
}

function FilterFields({ value, onChange }: FilterProps) {
  const t = useT();
  const accounts = useAppStore('accounts', (state) => state.list);
  const plugins = useAppStore('plugins', (state) => state.list);
  const persons = usePersonEntries();
  const contacts = useAppStore('contacts', (state) => state.byKey);
  const accountLabel = useAccountLabel();
  const who = useMemo(() => whoOptions(persons, contacts, accountLabel), [persons, contacts, accountLabel]);
  const id = useId();
  const set = (patch: Partial<SearchFilterChoice>): void => onChange({ ...value, ...patch });
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-account`}>{t('accountSelect.label')}</label>
        <select id={`${id}-account`} value={value.accountId} onChange={(event) => set({ accountId: event.target.value })}>
          <option value="">{t('searchFilters.anyAccount')}</option>
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>{accountName(account, plugins.find((plugin) => plugin.id === account.pluginId))}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-network`}>{t('accountDialog.network')}</label>
        <select id={`${id}-network`} value={value.network} onChange={(event) => set({ network: event.target.value })}>
          <option value="">{t('searchFilters.anyNetwork')}</option>
          {plugins.map((plugin) => <option key={plugin.id} value={plugin.id}>{plugin.name}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-who`}>{t('searchFilters.who')}</label>
        <select id={`${id}-who`} value={value.who} onChange={(event) => set({ who: event.target.value })}>
          <option value="">{t('searchFilters.anyone')}</option>
          {who.people.length > 0 ? <optgroup label={t('searchFilters.people')}>{who.people.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}</optgroup> : null}
          {who.buddies.length > 0 ? <optgroup label={t('searchFilters.buddies')}>{who.buddies.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}</optgroup> : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sender`}>{t('searchFilters.sender')}</label>
        <input id={`${id}-sender`} type="text" value={value.sender} maxLength={512} placeholder={t('searchFilters.senderPlaceholder')}
          onChange={(event) => set({ sender: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-since`}>{t('searchFilters.since')}</label>
        <input id={`${id}-since`} type="date" value={value.since} onChange={(event) => set({ since: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-until`}>{t('searchFilters.until')}</label>
        <input id={`${id}-until`} type="date" value={value.until} onChange={(event) => set({ until: event.target.value })} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={value.hasLink} onChange={(event) => set({ hasLink: event.target.checked })} /> {t('searchFilters.hasLink')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={value.hasFile} onChange={(event) => set({ hasFile: event.target.checked })} /> {t('searchFilters.hasFile')}
      </label>
    </>
  );
}
