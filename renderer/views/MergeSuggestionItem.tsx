/** One suggested merge: "Alice (IRC) and Alice (XMPP) look like the same person. Merge? / Not the same". */
import { memo, useState } from 'react';
import type { MergeSuggestion } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import type { SuggestionEntry } from '../state/buddyRows.js';
import { useActions } from './AppContext.js';
import { rowAttributes, type RowFrame } from './useWindowedList.js';

const WHY: Record<MergeSuggestion['reason'], string> = {
  'bridge-puppet': 'one is bridged to the other',
  nick: 'same nick',
  'display-name': 'same name',
};

export interface MergeSuggestionItemProps extends RowFrame {
  readonly entry: SuggestionEntry;
  readonly posinset: number;
  readonly setsize: number;
}

export const MergeSuggestionItem = memo(function MergeSuggestionItem({ entry, posinset, setsize, ...frame }: MergeSuggestionItemProps) {
  const actions = useActions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { a, b, aLabel, bLabel, suggestion } = entry;
  const run = (work: () => Promise<void>): void => {
    setBusy(true);
    setError(null);
    work().catch((caught: unknown) => { setError(errorMessage(caught)); setBusy(false); });
  };
  const text = `${a.displayName} (${aLabel}) and ${b.displayName} (${bLabel})`;
  return (
    <li className="merge-suggestion buddy-row" aria-posinset={posinset} aria-setsize={setsize} {...rowAttributes(frame)}>
      <p>{text} may be the same person ({WHY[suggestion.reason]}).</p>
      <div role="group" aria-label={`Merge ${text}?`}>
        <button type="button" className="small-button" disabled={busy} onClick={() => run(() => actions.acceptSuggestion(suggestion))}>Merge</button>
        <button type="button" className="small-button" disabled={busy} onClick={() => run(() => actions.dismissSuggestion(suggestion))}>Not the same</button>
      </div>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </li>
  );
});
