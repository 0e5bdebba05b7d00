/** The message box: Enter sends, Shift+Enter is a new line, `/me` sends an action. */
import { useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { errorMessage } from '../state/actions.js';
import { useActions } from './AppContext.js';

export function Composer({ conversationId }: { readonly conversationId: number }) {
  const actions = useActions();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const send = async (): Promise<void> => {
    if (sending || text.trim() === '') return;
    const sent = text;
    setSending(true);
    setError(null);
    try {
      await actions.sendComposerText(conversationId, sent);
      // Clear only what was sent: anything typed meanwhile stays.
      setText((current) => (current === sent ? '' : current));
    } catch (caught) {
      setError(`Not sent: ${errorMessage(caught)}`);
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void send();
  };

  const onSubmit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    void send();
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
      <div className="composer-row">
        <textarea aria-label="Message" rows={2} value={text} placeholder="Write a message; /me for an action"
          onChange={(event) => setText(event.target.value)} onKeyDown={onKeyDown} />
        <button type="submit" className="primary" disabled={sending || text.trim() === ''}>Send</button>
      </div>
    </form>
  );
}
