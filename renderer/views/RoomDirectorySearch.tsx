/**
 * Searching an account's room directory from the Join room dialog (IRC LIST, XMPP disco,
 * Matrix public rooms): typed queries are sent after a pause; choosing a room fills Room.
 * Where the plugin can (`roomDirectoryServers`), a Server field searches another server's
 * directory; a server name typed there lists its rooms even without search words.
 */
import { useEffect, useState } from 'react';
import type { RoomDirectoryEntry } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { useActions } from './AppContext.js';
import { useT } from '../i18n/index.js';

/** Wait this long after the last keystroke before asking the network. */
export const DIRECTORY_DEBOUNCE_MS = 350;

type Search =
  | { readonly status: 'idle' }
  | { readonly status: 'searching' }
  | { readonly status: 'done'; readonly rooms: readonly RoomDirectoryEntry[] }
  | { readonly status: 'failed'; readonly error: string };

export interface RoomDirectorySearchProps {
  readonly accountId: string;
  /** The plugin searches other servers' directories too: show the Server field. */
  readonly servers?: boolean;
  readonly onChoose: (room: string) => void;
}

export function RoomDirectorySearch({ accountId, servers = false, onChoose }: RoomDirectorySearchProps) {
  const actions = useActions();
  const t = useT();
  const [query, setQuery] = useState('');
  const [server, setServer] = useState('');
  const [search, setSearch] = useState<Search>({ status: 'idle' });

  useEffect(() => {
    const text = query.trim();
    const where = server.trim();
    if (text === '' && where === '') return undefined;
    let current = true; // an answer to an older query is dropped
    const timer = window.setTimeout(() => {
      setSearch({ status: 'searching' });
      actions.searchRooms(accountId, text, where === '' ? {} : { server: where }).then(
        (rooms) => { if (current) setSearch({ status: 'done', rooms }); },
        (error: unknown) => { if (current) setSearch({ status: 'failed', error: errorMessage(error) }); },
      );
    }, DIRECTORY_DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [actions, accountId, query, server]);

  return (
    <div className="field room-directory">
      <label htmlFor="join-search">{t('directory.search')}</label>
      <input id="join-search" type="search" value={query} spellCheck={false} autoCapitalize="off"
        onChange={(event) => {
          setQuery(event.target.value);
          if (event.target.value.trim() === '' && server.trim() === '') setSearch({ status: 'idle' });
        }}
        // Enter here picks nothing and must not submit the dialog's form.
        onKeyDown={(event) => { if (event.key === 'Enter') event.preventDefault(); }} />
      {servers ? (
        <>
          <label htmlFor="join-search-server">{t('directoryServer.label')}</label>
          <input id="join-search-server" type="text" value={server} spellCheck={false} autoCapitalize="off" autoComplete="off" maxLength={255}
            aria-describedby="join-search-server-help" onChange={(event) => {
              setServer(event.target.value);
              if (event.target.value.trim() === '' && query.trim() === '') setSearch({ status: 'idle' });
            }}
            onKeyDown={(event) => { if (event.key === 'Enter') event.preventDefault(); }} />
          <p id="join-search-server-help" className="field-help">{t('directoryServer.help')}</p>
        </>
      ) : null}
      {search.status === 'searching' ? <p className="field-help" role="status">{t('directory.searching')}</p> : null}
      {search.status === 'failed' ? <p role="alert" className="form-error">{t('directory.failed', { error: search.error })}</p> : null}
      {search.status === 'done' && search.rooms.length === 0 ? <p className="field-help" role="status">{t('directory.none')}</p> : null}
      {search.status === 'done' && search.rooms.length > 0 ? (
        <ul className="room-results" aria-label={t('directory.found')}>
          {search.rooms.map((room) => (
            <li key={room.id}>
              <button type="button" className="room-result" onClick={() => onChoose(room.id)}>
                <span className="room-result-title">{room.title}</span>
                {room.memberCount !== undefined ? <span className="room-result-count"> · {t('members.count', { count: room.memberCount })}</span> : null}
                {room.topic !== undefined && room.topic !== '' ? <span className="room-result-topic">{room.topic}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
