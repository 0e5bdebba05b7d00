/** "Move to group…" on a buddy or a person: the keyboard's way to do what dragging does. */
import { useState } from 'react';
import type { ContactView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { useActions, useAppStore } from './AppContext.js';
import { MenuButton } from './MenuButton.js';
import { useT } from '../i18n/index.js';

export type MoveTarget =
  | { readonly kind: 'buddy'; readonly contact: ContactView; readonly from: string }
  | { readonly kind: 'person'; readonly personId: number; readonly name: string; readonly from: string };

export function MoveToGroupMenu({ target }: { readonly target: MoveTarget }) {
  const actions = useActions();
  const t = useT();
  const groups = useAppStore('groups', (state) => state.list);
  const [error, setError] = useState<string | null>(null);
  const name = target.kind === 'buddy' ? target.contact.displayName : target.name;
  const move = (to: string): void => {
    setError(null);
    const done = target.kind === 'buddy' ? actions.moveContactToGroup(target.contact, target.from, to) : actions.movePersonToGroup(target.personId, to);
    done.catch((caught: unknown) => setError(t('groups.notMoved', { error: errorMessage(caught) })));
  };
  return (
    <>
      <MenuButton label={t('groups.moveNamed', { name })} text={t('groups.move')}
        items={groups.filter((group) => group.name !== target.from).map((group) => ({ label: group.name, onSelect: () => move(group.name) }))} />
      {error !== null ? <span role="alert" className="form-error">{error}</span> : null}
    </>
  );
}
