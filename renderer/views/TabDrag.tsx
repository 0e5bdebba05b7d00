/**
 * Reordering tabs by drag and drop with @dnd-kit's sortable preset (as the buddy list uses
 * @dnd-kit): the pointer drags a tab after a few pixels of movement (so a click stays a
 * click); the keyboard picks the focused tab up with Space, moves it with the arrow keys and
 * drops it with Space (Escape cancels), each step announced in words. The strip does not
 * slide tabs around while dragging (no inline styles): the tab under the pointer shows where
 * the dragged one lands. Ctrl+Shift+PageUp/PageDown move the current tab too (shortcuts.ts).
 */
import {
  closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent, type UniqueIdentifier,
} from '@dnd-kit/core';
import {
  horizontalListSortingStrategy, SortableContext as SortableContextTyped, sortableKeyboardCoordinates, useSortable, type SortableContextProps,
} from '@dnd-kit/sortable';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../state/actions.js';
import { dropTab } from '../state/tabOrder.js';
import { useActions } from './AppContext.js';
import { useT } from '../i18n/index.js';

export interface DraggedTab {
  readonly id: number;
  readonly title: string;
}

interface TabDragContextProps {
  readonly tabs: readonly DraggedTab[];
  readonly children: ReactNode;
}

// @dnd-kit/sortable 10 declares its component as returning the global JSX.Element, which
// React 19's types no longer have; it renders its children and nothing else.
const SortableContext = SortableContextTyped as unknown as (props: SortableContextProps) => ReactNode;

/** Memoized: each of its renders renders every sortable tab again (dnd-kit's contexts change). */
export const TabDragContext = memo(function TabDragContext({ tabs, children }: TabDragContextProps) {
  const actions = useActions();
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    // Space only: Enter stays the tab's own key.
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates, keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space'] } }),
  );
  // The same array while the order is the same: a new one makes every sortable tab render again.
  const order = tabs.map((tab) => tab.id).join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the order, not on the array's identity
  const ids = useMemo(() => tabs.map((tab) => tab.id), [order]);
  // Stable props for the drag context: when they change, every sortable tab renders again.
  const latest = useRef({ tabs, ids, actions, t });
  useLayoutEffect(() => {
    latest.current = { tabs, ids, actions, t };
  }, [tabs, ids, actions, t]);
  const accessibility = useMemo(() => {
    const say = (...args: Parameters<typeof t>): string => latest.current.t(...args);
    const titleOf = (id: UniqueIdentifier | undefined): string => latest.current.tabs.find((tab) => tab.id === id)?.title ?? say('tabDrag.tab');
    const positionOf = (id: UniqueIdentifier | undefined): string => say('tabDrag.position', { place: latest.current.ids.indexOf(Number(id)) + 1, count: latest.current.ids.length });
    const announcements: Announcements = {
      onDragStart: ({ active }) => say('tabDrag.pickedUp', { name: titleOf(active.id), position: positionOf(active.id) }),
      onDragOver: ({ active, over }) => (over && over.id !== active.id ? say('tabDrag.over', { name: titleOf(active.id), position: positionOf(over.id) }) : undefined),
      onDragEnd: ({ active, over }) => (over && over.id !== active.id ? say('tabDrag.moved', { name: titleOf(active.id), position: positionOf(over.id) })
        : say('tabDrag.notMoved', { name: titleOf(active.id) })),
      onDragCancel: ({ active }) => say('tabDrag.cancelled', { name: titleOf(active.id), position: positionOf(active.id) }),
    };
    // A new language makes a new object (the instructions are read from it once per render).
    return { screenReaderInstructions: { draggable: t('tabDrag.instructions') }, announcements };
  }, [t]);

  const onDragEnd = useCallback(({ active, over }: DragEndEvent): void => {
    if (!over) return;
    const current = latest.current.ids;
    const moved = dropTab(current, Number(active.id), Number(over.id));
    if (moved === current) return;
    setError(null);
    latest.current.actions.reorderTabs(moved).catch((caught: unknown) => setError(latest.current.t('tabDrag.failed', { error: errorMessage(caught) })));
  }, []);

  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}
      accessibility={accessibility}>
      <SortableContext items={ids} strategy={horizontalListSortingStrategy}>
        {children}
      </SortableContext>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </DndContext>
  );
});

/** What a tab needs to be dragged: refs for its frame and its tab button, its key handler, its state. */
export function useTabDrag(id: number) {
  const { setNodeRef, setActivatorNodeRef, listeners, attributes, isDragging, isSorting, isOver } = useSortable({ id });
  const startKey = listeners?.['onKeyDown'] as ((event: unknown) => void) | undefined;
  const startPointer = listeners?.['onPointerDown'] as ((event: unknown) => void) | undefined;
  return {
    setFrame: setNodeRef,
    setTab: setActivatorNodeRef,
    /** The sortable's description (how to move it with the keyboard), for the tab's aria-describedby. */
    describedBy: attributes['aria-describedby'],
    onKeyDown: startKey,
    onPointerDown: startPointer,
    isDragging,
    /** Some tab is being dragged: the arrow keys move it, not the focus. */
    isSorting,
    isOver: isOver && !isDragging,
  };
}
