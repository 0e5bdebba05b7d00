/**
 * A group's heading in the buddy list: the group's name and how many in it are online, a
 * toggle that collapses or expands it (kept in the profile), and its actions: Rename,
 * Move up, Move down (the keyboard's way to reorder), Delete. The heading is also what is
 * dragged to reorder groups.
 */
import { memo, useState, type SyntheticEvent } from 'react';
import { DEFAULT_GROUP } from '../../electron/bridge/buddyGroups.js';
import { errorMessage } from '../state/actions.js';
import type { GroupEntry } from '../state/groupView.js';
import { useActions } from './AppContext.js';
import { MenuButton } from './MenuButton.js';
import { rowAttributes, type RowFrame } from './useWindowedList.js';
import { useT } from '../i18n/index.js';

export interface BuddyGroupHeadingProps extends RowFrame {
  readonly group: GroupEntry;
  /** The groups before and after it, for Move up / Move down. */
  readonly previous: string | undefined;
  readonly next: string | undefined;
}

type Mode = 'idle' | 'renaming' | 'confirm-delete';

export const BuddyGroupHeading = memo(function BuddyGroupHeading({ group, previous, next, ...frame }: BuddyGroupHeadingProps) {
  const actions = useActions();
  const t = useT();
  const [mode, setMode] = useState<Mode>('idle');
  const [name, setName] = useState(group.name);
  const [error, setError] = useState<string | null>(null);
  const run = (work: Promise<unknown>, what: 'group.notRenamed' | 'group.notMoved' | 'group.notChanged' | 'group.notDeleted'): void => {
    setError(null);
    work.then(() => setMode('idle'), (caught: unknown) => setError(t(what, { error: errorMessage(caught) })));
  };
  const rename = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    run(actions.renameGroup(group.name, name), 'group.notRenamed');
  };
  // A group that is only a space's is named by the space: it keeps that name.
  const isDefault = group.name === DEFAULT_GROUP || !group.stored;
  const items = [
    ...(isDefault ? [] : [{ label: t('group.rename'), onSelect: () => { setName(group.name); setMode('renaming'); } }]),
    { label: t('group.moveUp'), disabled: previous === undefined, onSelect: () => { if (previous !== undefined) run(actions.moveGroup(group.name, previous), 'group.notMoved'); } },
    { label: t('group.moveDown'), disabled: next === undefined, onSelect: () => { if (next !== undefined) run(actions.moveGroup(group.name, next), 'group.notMoved'); } },
    ...(isDefault ? [] : [{ label: t('group.delete'), onSelect: () => setMode('confirm-delete') }]),
  ];
  return (
    <div className="buddy-group-head buddy-row" {...rowAttributes(frame)}>
      <div className="buddy-group-line">
        <button type="button" className="contact buddy-group-toggle" aria-expanded={!group.collapsed}
          onClick={() => run(actions.setGroupCollapsed(group.name, !group.collapsed), 'group.notChanged')}>
          <span className="buddy-group-arrow" aria-hidden="true">{group.collapsed ? '▸' : '▾'}</span>
          <span className="buddy-group-name">{group.name}</span>
          <span className="buddy-group-count"> ({group.online}/{group.total}<span className="visually-hidden">{t('group.online')}</span>)</span>
        </button>
        <MenuButton label={t('group.actionsFor', { name: group.name })} text="⋯" items={items} className="small-button buddy-group-menu" />
      </div>
      {mode === 'renaming' ? (
        <form className="buddy-rename" onSubmit={rename}>
          <input type="text" aria-label={t('group.newName', { name: group.name })} value={name} maxLength={100} autoFocus
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => { if (event.key === 'Escape') { event.stopPropagation(); setMode('idle'); } }} />
          <button type="submit" className="small-button">{t('group.saveName')}</button>
          <button type="button" className="small-button" onClick={() => setMode('idle')}>{t('common.cancel')}</button>
        </form>
      ) : null}
      {mode === 'confirm-delete' ? (
        <div className="buddy-confirm">
          <span>{t('group.deleteQuestion', { name: group.name, fallback: DEFAULT_GROUP })}</span>
          <button type="button" className="small-button danger" onClick={() => run(actions.deleteGroup(group.name), 'group.notDeleted')}>{t('group.deleteGroup')}</button>
          <button type="button" className="small-button" onClick={() => setMode('idle')}>{t('common.cancel')}</button>
        </div>
      ) : null}
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
});
