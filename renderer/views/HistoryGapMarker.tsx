/**
 * A marker in the timeline where messages may be missing (a history gap the core keeps),
 * with a button that loads them; a failure is shown in words and the marker stays.
 */
import type { HistoryGapView } from '../../electron/bridge/schemas.js';
import { useActions, useAppStore } from './AppContext.js';

export function HistoryGapMarker({ gap }: { readonly gap: HistoryGapView }) {
  const actions = useActions();
  const loading = useAppStore('historyGaps', (state) => state.loading.get(gap.id));
  const busy = loading?.loading === true;
  return (
    <div className="history-gap" role="group" aria-label="Missing messages" title={gap.reason}>
      <span className="history-gap-text">Some messages may be missing here</span>
      <button type="button" aria-label="Load missing messages" disabled={busy} onClick={() => void actions.fillGap(gap)}>
        {busy ? 'Loading…' : 'Load missing messages'}
      </button>
      {loading?.error !== undefined ? <p role="alert" className="form-error">Could not load the missing messages: {loading.error}</p> : null}
    </div>
  );
}
