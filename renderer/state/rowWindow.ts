/**
 * The arithmetic of a windowed list whose rows have different heights: where each row
 * starts, which rows a viewport (plus a margin) shows, and where to scroll so that a row
 * is seen. Pure, so that the hook that measures rows stays thin.
 */

/** Row tops: `offsets[i]` is where row i starts, `offsets[count]` the list's whole height. */
export function rowOffsets(count: number, heightOf: (index: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let index = 0; index < count; index++) offsets[index + 1] = (offsets[index] ?? 0) + heightOf(index);
  return offsets;
}

export function totalHeight(offsets: Float64Array): number {
  return offsets[offsets.length - 1] ?? 0;
}

/** The row under the vertical position `y` (the last row when `y` is past the end; 0 for an empty list). */
export function rowAt(offsets: Float64Array, y: number): number {
  const count = offsets.length - 1;
  if (count <= 0) return 0;
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((offsets[middle] ?? 0) <= y) low = middle;
    else high = middle - 1;
  }
  return low;
}

export interface RowRange {
  /** First row to render. */
  readonly start: number;
  /** One past the last row to render. */
  readonly end: number;
}

/** The rows that intersect the viewport widened by `marginPx` above and below. */
export function rowsInView(offsets: Float64Array, scrollTop: number, viewportHeight: number, marginPx: number): RowRange {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const start = rowAt(offsets, Math.max(0, scrollTop - marginPx));
  const end = Math.min(count, rowAt(offsets, scrollTop + viewportHeight + marginPx) + 1);
  return { start, end };
}

/** The smallest scroll change that shows the whole row (its top when it is taller than the viewport). */
export function scrollTopShowing(offsets: Float64Array, index: number, scrollTop: number, viewportHeight: number): number {
  const top = offsets[index] ?? 0;
  const bottom = offsets[index + 1] ?? top;
  if (top < scrollTop || bottom - top > viewportHeight) return top;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return scrollTop;
}
