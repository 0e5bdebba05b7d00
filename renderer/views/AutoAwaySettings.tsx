/**
 * Auto-away's two preferences (autoAwayMinutes, autoAwayMessage), in a small component a
 * Settings dialog can host; until there is one, the Status control shows it folded.
 */
import { useState, type KeyboardEvent } from 'react';
import { errorMessage } from '../state/actions.js';
import { useActions, useAppStore } from './AppContext.js';
import { useT } from '../i18n/index.js';

export function AutoAwaySettings() {
  const actions = useActions();
  const minutes = useAppStore('preferences', (state) => state.preferences.autoAwayMinutes);
  const message = useAppStore('preferences', (state) => state.preferences.autoAwayMessage);
  return <AutoAwayFields minutes={minutes} message={message} save={(patch) => actions.setPreferences(patch)} />;
}

function AutoAwayFields({ minutes, message, save }: {
  readonly minutes: number;
  readonly message: string;
  readonly save: (patch: { autoAwayMinutes?: number; autoAwayMessage?: string }) => Promise<void>;
}) {
  const [minutesText, setMinutesText] = useState(String(minutes));
  const [messageText, setMessageText] = useState(message);
  const [error, setError] = useState<string | null>(null);
  const t = useT();
  // A value changed elsewhere (another window, the answer to a save) replaces its own
  // field's text only: the other field may hold text being typed.
  const [shown, setShown] = useState({ minutes, message });
  if (shown.minutes !== minutes || shown.message !== message) {
    setShown({ minutes, message });
    if (shown.minutes !== minutes) setMinutesText(String(minutes));
    if (shown.message !== message) setMessageText(message);
  }
  const commit = (): void => {
    const value = Number(minutesText);
    if (!Number.isInteger(value) || value < 0 || value > 24 * 60) {
      setError(t('autoAway.badMinutes'));
      return;
    }
    if (value === minutes && messageText === message) return;
    setError(null);
    save({ autoAwayMinutes: value, autoAwayMessage: messageText }).catch((caught: unknown) => setError(t('autoAway.notSaved', { error: errorMessage(caught) })));
  };
  const onEnter = (event: KeyboardEvent): void => {
    if (event.key === 'Enter') { event.preventDefault(); commit(); }
  };
  return (
    <div className="auto-away-settings">
      <label>{t('autoAway.minutes')}
        <input type="number" min={0} max={1440} step={1} value={minutesText} onChange={(event) => setMinutesText(event.target.value)} onBlur={commit} onKeyDown={onEnter} />
      </label>
      <label>{t('autoAway.message')}
        <input type="text" maxLength={1024} value={messageText} onChange={(event) => setMessageText(event.target.value)} onBlur={commit} onKeyDown={onEnter} />
      </label>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
