import { describe, expect, it } from 'vitest';
import { startActivityReports } from './activityReports.js';

describe('startActivityReports', () => {
  it('reports the first input at once, then at most once per throttle interval, until stopped', () => {
    const target = new EventTarget();
    let now = 0;
    let reports = 0;
    const stop = startActivityReports(target, () => reports++, () => now, 1000);
    target.dispatchEvent(new Event('keydown'));
    expect(reports).toBe(1);
    now = 500;
    target.dispatchEvent(new Event('pointermove'));
    expect(reports).toBe(1);
    now = 1000;
    target.dispatchEvent(new Event('pointerdown'));
    expect(reports).toBe(2);
    target.dispatchEvent(new Event('resize')); // not input
    now = 5000;
    stop();
    target.dispatchEvent(new Event('keydown'));
    expect(reports).toBe(2);
  });
});
