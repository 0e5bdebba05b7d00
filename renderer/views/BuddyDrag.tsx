/**
 * Drag and drop in the buddy list with @dnd-kit: buddies and persons are dropped into a
 * group, group headings onto another group to reorder. The list is windowed, so drop
 * targets are not its rows (most of which are not rendered) but one zone per group,
 * spanning the group's rows from their computed offsets; the dragged row is pinned by the
 * list so it stays rendered while the list scrolls under it, and follows the pointer itself. The pointer drags (a few
 * pixels of movement first, so clicks stay clicks); the keyboard uses "Move to group" and
 * the group's Move up / Move down instead.
 */
import {
  DndContext, PointerSensor, pointerWithin, useDraggable, useDroppable, useSensor, useSensors,
  type DragEndEvent, type DragStartEvent,
} from '@dnd-kit/core';
import { useCallback, useMemo, useState, type PointerEvent, type ReactNode } from 'react';
import type { ContactView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { useActions } from './AppContext.js';
import type { RowFrame } from './useWindowedList.js';
import { useT } from '../i18n/index.js';

export type DragItem =
  | { readonly type: 'buddy'; readonly contact: ContactView; readonly from: string; readonly rowKey: string; readonly label: string }
  | { readonly type: 'person'; readonly personId: number; readonly from: string; readonly rowKey: string; readonly label: string }
  | { readonly type: 'group'; readonly name: string; readonly rowKey: string; readonly label: string };

function dragId(item: DragItem): string {
  return `drag:${item.rowKey}`;
}

interface BuddyDragContextProps {
  readonly groupNames: readonly string[];
  /** The key of the row being dragged (undefined when the drag ends), for the list to keep it rendered. */
  readonly onDragging: (rowKey: string | undefined) => void;
  readonly children: ReactNode;
}

export function BuddyDragContext({ onDragging, children }: BuddyDragContextProps) {
  const actions = useActions();
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  const onDragStart = ({ active: started }: DragStartEvent): void => {
    const item = started.data.current as DragItem | undefined;
    setError(null);
    onDragging(item?.rowKey);
  };
  const finish = (): void => onDragging(undefined);
  const onDragEnd = ({ active: ended, over }: DragEndEvent): void => {
    finish();
    const item = ended.data.current as DragItem | undefined;
    const target: unknown = over?.data.current?.['group'];
    if (item === undefined || typeof target !== 'string') return;
    const work = item.type === 'group' ? (target === item.name ? undefined : actions.moveGroup(item.name, target))
      : item.type === 'buddy' ? (target === item.from ? undefined : actions.moveContactToGroup(item.contact, item.from, target))
        : target === item.from ? undefined : actions.movePersonToGroup(item.personId, target);
    work?.catch((caught: unknown) => setError(t('buddyDrag.notMoved', { name: item.label, error: errorMessage(caught) })));
  };

  return (
    <DndContext sensors={sensors} collisionDetection={pointerWithin} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={finish}
      accessibility={{
        screenReaderInstructions: { draggable: t('buddyDrag.instructions') },
        announcements: {
          onDragStart: ({ active }) => t('buddyDrag.moving', { name: (active.data.current as DragItem | undefined)?.label ?? t('buddyDrag.item') }),
          onDragOver: ({ over }) => (over ? t('buddyDrag.over', { group: String(over.data.current?.['group'] ?? '') }) : undefined),
          onDragEnd: ({ over }) => (over ? t('buddyDrag.dropped', { group: String(over.data.current?.['group'] ?? '') }) : t('buddyDrag.notMovedShort')),
          onDragCancel: () => t('buddyDrag.notMovedShort'),
        },
      }}>
      {children}
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </DndContext>
  );
}

/** Renders a row through `children` with what makes it draggable added to its frame. */
export function DraggableRow({ item, frame, children }: { readonly item: DragItem; readonly frame: RowFrame; readonly children: (frame: RowFrame) => ReactNode }) {
  const { setNodeRef, listeners, isDragging, transform } = useDraggable({ id: dragId(item), data: item });
  const { measure } = frame;
  const ref = useCallback((element: HTMLElement | null) => {
    setNodeRef(element);
    return measure(element);
  }, [setNodeRef, measure]);
  const start = listeners?.['onPointerDown'] as ((event: PointerEvent<HTMLElement>) => void) | undefined;
  const onPointerDown = useMemo(() => (start === undefined ? undefined : (event: PointerEvent<HTMLElement>) => {
    // Text fields and open menus keep the pointer to themselves (selecting text is no drag).
    if ((event.target as HTMLElement).closest('input, textarea, select, [role="menu"]')) return;
    start(event);
  }), [start]);
  // The row itself follows the pointer (it is pinned, so it stays rendered while the list scrolls).
  const x = transform?.x ?? 0;
  const y = transform?.y ?? 0;
  const drag = useMemo(() => ({ ref, onPointerDown, dragging: isDragging, offset: isDragging ? { x, y } : undefined }), [ref, onPointerDown, isDragging, x, y]);
  return children({ ...frame, drag });
}

/** Where a drop lands in group `name`: spans its heading and rows. */
export function GroupDropZone({ name, top, height }: { readonly name: string; readonly top: number; readonly height: number }) {
  const { setNodeRef, isOver, active } = useDroppable({ id: `group:${name}`, data: { group: name } });
  return <div ref={setNodeRef} className={isOver && active !== null ? 'group-drop-zone drop-over' : 'group-drop-zone'} data-drop-group={name} aria-hidden="true" style={{ top, height }} />;
}
