/** One suggested merge: "Alice (IRC) and Alice (XMPP) look like the same person. Merge? / Not the same". */
import { memo, useState } from 'react';
import type { MergeSuggestion } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import type { SuggestionEntry } from '../state/buddyRows.js';
import { useActions } from './AppContext.js';
import { rowAttributes, type RowFrame } from './useWindowedList.js';
import { useT } from '../i18n/index.js';

const WHY = {
  'bridge-puppet': 'merge.whyBridge',
  nick: 'merge.whyNick',
  'display-name': 'merge.whyName',
} as const satisfies Record<MergeSuggestion['reason'], string>;

export interface MergeSuggestionItemProps extends RowFrame {
  readonly entry: SuggestionEntry;
  readonly posinset: number;
  readonly setsize: number;
}

export const MergeSuggestionItem = memo(function MergeSuggestionItem({ entry, posinset, setsize, ...frame }: MergeSuggestionItemProps) {
  const actions = useActions();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { a, b, aLabel, bLabel, suggestion } = entry;
  const run = (work: () => Promise<void>): void => {
    setBusy(true);
    setError(null);
    work().catch((caught: unknown) => { setError(errorMessage(caught)); setBusy(false); });
  };
  const text = t('merge.pair', { a: a.displayName, aNetwork: aLabel, b: b.displayName, bNetwork: bLabel });
  return (
    <li className="merge-suggestion buddy-row" aria-posinset={posinset} aria-setsize={setsize} {...rowAttributes(frame)}>
      <p>{t('merge.maybeSame', { pair: text, why: t(WHY[suggestion.reason]) })}</p>
      <div role="group" aria-label={t('merge.question', { pair: text })}>
        <button type="button" className="small-button" disabled={busy} onClick={() => run(() => actions.acceptSuggestion(suggestion))}>{t('merge.merge')}</button>
        <button type="button" className="small-button" disabled={busy} onClick={() => run(() => actions.dismissSuggestion(suggestion))}>{t('merge.notSame')}</button>
      </div>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </li>
  );
});
