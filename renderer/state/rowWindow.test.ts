import { describe, expect, it } from 'vitest';
import { rowAt, rowOffsets, rowsInView, scrollTopShowing, totalHeight } from './rowWindow.js';

// Rows of 10, 20, 30, 40 px: tops 0, 10, 30, 60; 100 in all.
const offsets = rowOffsets(4, (index) => (index + 1) * 10);

describe('row window arithmetic', () => {
  it('places rows one after another', () => {
    expect([...offsets]).toEqual([0, 10, 30, 60, 100]);
    expect(totalHeight(offsets)).toBe(100);
    expect(totalHeight(rowOffsets(0, () => 10))).toBe(0);
  });

  it('finds the row under a position, clamped to the list', () => {
    expect([0, 9, 10, 29, 30, 99, 100, 500, -5].map((y) => rowAt(offsets, y))).toEqual([0, 0, 1, 1, 2, 3, 3, 3, 0]);
    expect(rowAt(rowOffsets(0, () => 10), 50)).toBe(0);
  });

  it('takes the rows a viewport and its margin touch', () => {
    expect(rowsInView(offsets, 0, 10, 0)).toEqual({ start: 0, end: 2 });
    expect(rowsInView(offsets, 35, 10, 0)).toEqual({ start: 2, end: 3 });
    expect(rowsInView(offsets, 35, 10, 20)).toEqual({ start: 1, end: 4 });
    expect(rowsInView(offsets, 0, 1000, 0)).toEqual({ start: 0, end: 4 });
    expect(rowsInView(rowOffsets(0, () => 10), 0, 100, 10)).toEqual({ start: 0, end: 0 });
  });

  it('scrolls as little as needed to show a row', () => {
    expect(scrollTopShowing(offsets, 1, 0, 50)).toBe(0);
    expect(scrollTopShowing(offsets, 3, 0, 50)).toBe(50);
    expect(scrollTopShowing(offsets, 0, 40, 50)).toBe(0);
    expect(scrollTopShowing(offsets, 3, 0, 30)).toBe(60);
  });
});
