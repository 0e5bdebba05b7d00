/**
 * Windowing for a long list whose rows differ in height: only the rows near the viewport
 * (and a pinned one, such as the row holding focus) are rendered, each placed at its top.
 * Heights are measured as rows appear (ResizeObserver) and remembered by row key; rows
 * never seen are estimated from the last measured row of their kind. The row at the top
 * of the viewport stays put when rows above it change (new contacts, presence re-sorting,
 * late measurements), so updates do not move what the user is looking at.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEventHandler, type RefObject, type UIEvent } from 'react';
import { rowAt, rowOffsets, rowsInView, scrollTopShowing, totalHeight } from '../state/rowWindow.js';

/** Used before the scroller has been measured (and where there is no layout, as in jsdom). */
const FALLBACK_VIEWPORT = 600;
/** Rendered beyond each edge of the viewport, so that fast scrolling and Tab find rows ready. */
const MARGIN_PX = 300;

export interface WindowedListOptions {
  /** One stable key per row (a row's measured height is kept under it). */
  readonly keys: readonly string[];
  /** A row's kind: an unmeasured row is estimated from the last measured row of its kind. */
  readonly kindOf: (index: number) => string;
  /** Heights to assume per kind before any row of that kind has been measured. */
  readonly estimates: Readonly<Record<string, number>>;
  /** A row to render wherever it is (the one holding focus). */
  readonly pinnedKey?: string | undefined;
  /** When this changes the list scrolls back to the top (a new filter text). */
  readonly resetKey?: unknown;
}

/** What a rendered row needs: its top, and the ref that measures it. */
export interface RowFrame {
  readonly rowKey: string;
  readonly rowKind: string;
  readonly top: number;
  readonly measure: (element: HTMLElement | null) => (() => void) | undefined;
  /** A row that can be dragged (BuddyList's drag and drop): its ref also measures, and a pointer press may start a drag. */
  readonly drag?: RowDrag | undefined;
}

export interface RowDrag {
  readonly ref: (element: HTMLElement | null) => (() => void) | undefined;
  readonly onPointerDown: PointerEventHandler<HTMLElement> | undefined;
  readonly dragging: boolean;
  /** How far the row has been dragged from its place. */
  readonly offset: { readonly x: number; readonly y: number } | undefined;
}

/** The attributes that place and measure a row element (it must be absolutely positioned). */
export function rowAttributes({ rowKey, rowKind, top, measure, drag }: RowFrame) {
  return {
    ref: drag?.ref ?? measure, 'data-row-key': rowKey, 'data-row-kind': rowKind,
    style: drag?.offset !== undefined ? { top, transform: `translate3d(${drag.offset.x}px, ${drag.offset.y}px, 0)` } : { top },
    ...(drag !== undefined ? { onPointerDown: drag.onPointerDown, 'data-dragging': drag.dragging ? 'true' : undefined } : {}),
  };
}

export interface WindowedList {
  readonly scrollerRef: RefObject<HTMLDivElement | null>;
  readonly onScroll: (event: UIEvent<HTMLElement>) => void;
  /** The whole list's height: the rows' container must be this tall. */
  readonly height: number;
  /** The rows to render, ascending. */
  readonly indices: readonly number[];
  frame(index: number): RowFrame;
  indexOfKey(key: string): number | undefined;
  /** Scrolls as little as needed to show the row. */
  scrollToIndex(index: number): void;
}

interface Sizes {
  readonly byKey: ReadonlyMap<string, number>;
  readonly byKind: ReadonlyMap<string, number>;
}

interface Anchor {
  readonly key: string;
  /** The row's top when last seen: a change of it is what the scroll position follows. */
  top: number;
}

function borderBoxHeight(entry: ResizeObserverEntry): number {
  return entry.borderBoxSize[0]?.blockSize ?? entry.target.getBoundingClientRect().height;
}

/** The sizes with what the observer just measured; the same object when nothing changed. */
function withMeasured(sizes: Sizes, entries: readonly ResizeObserverEntry[]): Sizes {
  let byKey: Map<string, number> | undefined;
  let byKind: Map<string, number> | undefined;
  for (const entry of entries) {
    const target = entry.target as HTMLElement;
    const key = target.dataset['rowKey'];
    const kind = target.dataset['rowKind'];
    const height = borderBoxHeight(entry);
    // A row being removed from the DOM reports 0: keep what it measured while shown.
    if (key === undefined || kind === undefined || height <= 0 || !target.isConnected) continue;
    if (Math.abs((sizes.byKey.get(key) ?? -1) - height) >= 0.5) (byKey ??= new Map(sizes.byKey)).set(key, height);
    if (Math.abs((sizes.byKind.get(kind) ?? -1) - height) >= 0.5) (byKind ??= new Map(sizes.byKind)).set(kind, height);
  }
  return byKey || byKind ? { byKey: byKey ?? sizes.byKey, byKind: byKind ?? sizes.byKind } : sizes;
}

export function useWindowedList({ keys, kindOf, estimates, pinnedKey, resetKey }: WindowedListOptions): WindowedList {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [sizes, setSizes] = useState<Sizes>(() => ({ byKey: new Map(), byKind: new Map() }));
  const [view, setView] = useState({ scrollTop: 0, viewport: 0 });
  const anchor = useRef<Anchor | null>(null);
  const rows = useRef(new Set<HTMLElement>());
  const observer = useRef<ResizeObserver | null>(null);

  const offsets = useMemo(() => rowOffsets(keys.length, (index) => {
    const kind = kindOf(index);
    return sizes.byKey.get(keys[index] ?? '') ?? sizes.byKind.get(kind) ?? estimates[kind] ?? 0;
  }), [keys, kindOf, estimates, sizes]);
  const keyIndex = useMemo(() => new Map(keys.map((key, index) => [key, index])), [keys]);

  // Rows are observed from their ref; the observer itself lives as long as the list.
  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return undefined;
    const created = new ResizeObserver((entries) => setSizes((sizes) => withMeasured(sizes, entries)));
    observer.current = created;
    for (const element of rows.current) created.observe(element);
    return () => {
      created.disconnect();
      observer.current = null;
    };
  }, []);

  const measure = useCallback((element: HTMLElement | null) => {
    if (!element) return undefined;
    rows.current.add(element);
    observer.current?.observe(element);
    return () => {
      rows.current.delete(element);
      observer.current?.unobserve(element);
    };
  }, []);

  // The viewport's height follows the scroller's size.
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller || typeof ResizeObserver === 'undefined') return undefined;
    const resized = new ResizeObserver(() => setView({ scrollTop: scroller.scrollTop, viewport: scroller.clientHeight }));
    resized.observe(scroller);
    return () => resized.disconnect();
  }, []);

  const onScroll = (event: UIEvent<HTMLElement>): void => {
    const { scrollTop, clientHeight } = event.currentTarget;
    const top = rowAt(offsets, scrollTop);
    const key = keys[top];
    anchor.current = scrollTop > 0 && key !== undefined ? { key, top: offsets[top] ?? 0 } : null;
    setView({ scrollTop, viewport: clientHeight });
  };

  // Rows above the viewport changed height or moved: keep the anchored row where it was by
  // scrolling as far as it moved. Relative, not back to where the last "scroll" event saw
  // the viewport: the user may have scrolled on since, and the browser reports that only at
  // its next frame (a new row measured or a presence arriving in between would undo it).
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    const held = anchor.current;
    if (!scroller || !held) return;
    const index = keyIndex.get(held.key);
    if (index === undefined) return;
    const moved = (offsets[index] ?? 0) - held.top;
    if (Math.abs(moved) < 1) return;
    held.top += moved;
    scroller.scrollTop += moved;
  }, [offsets, keyIndex]);

  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    anchor.current = null;
    if (scroller && scroller.scrollTop !== 0) scroller.scrollTop = 0;
  }, [resetKey]);

  const viewport = view.viewport > 0 ? view.viewport : FALLBACK_VIEWPORT;
  const { start, end } = rowsInView(offsets, view.scrollTop, viewport, MARGIN_PX);
  const indices: number[] = [];
  const pinned = pinnedKey === undefined ? undefined : keyIndex.get(pinnedKey);
  if (pinned !== undefined && pinned < start) indices.push(pinned);
  for (let index = start; index < end; index++) indices.push(index);
  if (pinned !== undefined && pinned >= end) indices.push(pinned);

  return {
    scrollerRef,
    onScroll,
    height: totalHeight(offsets),
    indices,
    frame: (index) => ({ rowKey: keys[index] ?? '', rowKind: kindOf(index), top: offsets[index] ?? 0, measure }),
    indexOfKey: (key) => keyIndex.get(key),
    scrollToIndex: (index) => {
      const scroller = scrollerRef.current;
      if (!scroller) return;
      const wanted = scrollTopShowing(offsets, index, scroller.scrollTop, scroller.clientHeight || FALLBACK_VIEWPORT);
      if (wanted !== scroller.scrollTop) scroller.scrollTop = wanted;
    },
  };
}
