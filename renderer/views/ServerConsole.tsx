/**
 * An account's "Server messages": the lines its server sent (MOTD, notices), as plain text,
 * newest at the bottom, shown in place of the active conversation until closed.
 */
import { useId, useLayoutEffect, useRef } from 'react';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { SERVER_NOTICE_CAP, serverNoticesOf } from '../state/serverNotices.js';
import { useActions, useAppStore } from './AppContext.js';
import { useTimeFormats } from './useTimeFormats.js';
import { useT } from '../i18n/index.js';

/** A server's clock may say anything: a time that is not a date is left out. */
function NoticeTime({ timestamp }: { readonly timestamp: number }) {
  const formats = useTimeFormats();
  const time = new Date(timestamp);
  if (Number.isNaN(time.getTime())) return <span className="message-time" />;
  return <time className="message-time" dateTime={time.toISOString()}>{formats.timeWithSeconds(time)}</time>;
}

export function ServerConsole({ account }: { readonly account: AccountView }) {
  const actions = useActions();
  const t = useT();
  const notices = useAppStore('serverNotices', (state) => serverNoticesOf(state, account.id));
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const headingId = useId();

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [notices]);

  const onScroll = (): void => {
    const element = scroller.current;
    if (element) atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 32;
  };

  return (
    <section className="conversation server-console" aria-labelledby={headingId}>
      <header className="conversation-header">
        <div className="conversation-heading">
          <h2 id={headingId} className="conversation-title">{t('console.title', { name: account.label })}</h2>
          <div className="conversation-tools">
            <button type="button" className="small-button" onClick={() => actions.closeServerConsole()}>{t('console.close')}</button>
          </div>
        </div>
        <p className="conversation-topic">{t('console.newest', { count: SERVER_NOTICE_CAP })}</p>
      </header>
      <div className="log-scroll" ref={scroller} onScroll={onScroll}>
        <div role="log" aria-label={t('console.log', { name: account.label })} className="log server-log">
          {notices.map((notice) => (
            <div key={notice.id} className="message kind-server">
              <NoticeTime timestamp={notice.timestamp} />
              <span className="message-body">{notice.text}</span>
            </div>
          ))}
        </div>
        {notices.length === 0 ? <p className="log-start">{t('console.empty')}</p> : null}
      </div>
    </section>
  );
}
