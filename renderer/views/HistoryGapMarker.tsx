/**
 * A marker in the timeline where messages may be missing (a history gap the core keeps),
 * with a button that loads them; a failure is shown in words and the marker stays.
 */
import type { HistoryGapView } from '../../electron/bridge/schemas.js';
import { useActions, useAppStore } from './AppContext.js';
import { useT } from '../i18n/index.js';

export function HistoryGapMarker({ gap }: { readonly gap: HistoryGapView }) {
  const actions = useActions();
  const t = useT();
  const loading = useAppStore('historyGaps', (state) => state.loading.get(gap.id));
  const busy = loading?.loading === true;
  return (
    <div className="history-gap" role="group" aria-label={t('gap.name')} title={gap.reason}>
      <span className="history-gap-text">{t('gap.text')}</span>
      <button type="button" aria-label={t('gap.load')} disabled={busy} onClick={() => void actions.fillGap(gap)}>
        {busy ? t('gap.loading') : t('gap.load')}
      </button>
      {loading?.error !== undefined ? <p role="alert" className="form-error">{t('gap.failed', { error: loading.error })}</p> : null}
    </div>
  );
}
