/**
 * "Rooms in this space…": the rooms of a space (Matrix §Spaces, the homeserver's hierarchy)
 * that the user is not in, listed at once and filtered as typed; choosing one joins it, and
 * it then shows in the space's group.
 */
import { useEffect, useState } from 'react';
import type { RoomDirectoryEntry } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { useActions, useAppStore } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { DIRECTORY_DEBOUNCE_MS } from './RoomDirectorySearch.js';
import { useT } from '../i18n/index.js';

type Listing =
  | { readonly status: 'loading' }
  | { readonly status: 'done'; readonly rooms: readonly RoomDirectoryEntry[] }
  | { readonly status: 'failed'; readonly error: string };

export function SpaceRoomsDialog({ conversationId, onClose }: { readonly conversationId: number; readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const space = useAppStore('conversations', (state) => state.byId.get(conversationId));
  const [query, setQuery] = useState('');
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [joining, setJoining] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const accountId = space?.accountId;
  const spaceId = space?.networkId;

  useEffect(() => {
    if (accountId === undefined || spaceId === undefined) return undefined;
    let current = true; // an answer to an older filter is dropped
    const timer = window.setTimeout(() => {
      setListing({ status: 'loading' });
      actions.searchRooms(accountId, query, { space: spaceId }).then(
        (rooms) => { if (current) setListing({ status: 'done', rooms }); },
        (caught: unknown) => { if (current) setListing({ status: 'failed', error: errorMessage(caught) }); },
      );
    }, query === '' ? 0 : DIRECTORY_DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [actions, accountId, spaceId, query]);

  const join = (room: RoomDirectoryEntry): void => {
    if (accountId === undefined) return;
    setJoining(room.id);
    setError(null);
    actions.joinRoom(accountId, room.id).then(onClose, (caught: unknown) => {
      setJoining(null);
      setError(errorMessage(caught));
    });
  };

  const title = space?.title ?? '';
  return (
    <Dialog title={t('spaces.dialogTitle', { space: title })} onClose={onClose}>
      <div className="dialog-form">
        <p className="field-help">{t('spaces.intro')}</p>
        <div className="field">
          <label htmlFor="space-rooms-filter">{t('spaces.filter')}</label>
          <input id="space-rooms-filter" type="search" value={query} spellCheck={false} autoCapitalize="off" onChange={(event) => setQuery(event.target.value)} />
        </div>
        {listing.status === 'loading' ? <p className="field-help" role="status">{t('spaces.loading')}</p> : null}
        {listing.status === 'failed' ? <p role="alert" className="form-error">{t('spaces.failed', { error: listing.error })}</p> : null}
        {listing.status === 'done' && listing.rooms.length === 0 ? <p className="field-help" role="status">{query.trim() === '' ? t('spaces.none') : t('directory.none')}</p> : null}
        {listing.status === 'done' && listing.rooms.length > 0 ? (
          <ul className="room-results" aria-label={t('spaces.list')}>
            {listing.rooms.map((room) => (
              <li key={room.id}>
                <button type="button" className="room-result" disabled={joining !== null} onClick={() => join(room)}>
                  <span className="room-result-title">{room.title}</span>
                  {room.memberCount !== undefined ? <span className="room-result-count"> · {t('members.count', { count: room.memberCount })}</span> : null}
                  {room.topic !== undefined && room.topic !== '' ? <span className="room-result-topic">{room.topic}</span> : null}
                  {joining === room.id ? <span className="room-result-count"> · {t('spaces.joining')}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('common.close')}</button>
        </div>
      </div>
    </Dialog>
  );
}
