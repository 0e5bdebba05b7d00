import { describe, expect, it } from 'vitest';
import { formatBytes, pluginFigures, sparklinePoints } from './pluginFigures.js';

const sample = (at: number, cpuPercent: number, heapBytes: number, rssBytes?: number) => ({ at, cpuPercent, heapBytes, ...(rssBytes !== undefined ? { rssBytes } : {}) });

describe('the Plugins dialog figures', () => {
  it('shows memory now, CPU averaged over the minute, and the process RSS only for a process', () => {
    expect(pluginFigures([])).toBeUndefined();
    expect(pluginFigures([sample(0, 10, 5 * 1024 * 1024), sample(5000, 30, 12.5 * 1024 * 1024)])).toEqual({
      memory: 'Heap 12.5 MB', cpu: '20.0 %', sparkline: '0.0,21.6 100.0,16.8',
    });
    expect(pluginFigures([sample(0, 0, 1024 * 1024, 48 * 1024 * 1024)])?.memory).toBe('Heap 1.0 MB, process 48.0 MB');
  });

  it('draws the sparkline oldest left, one full core at the top, capped there', () => {
    expect(sparklinePoints([sample(0, 0, 0)])).toBe('');
    expect(sparklinePoints([sample(0, 0, 0), sample(1, 50, 0), sample(2, 250, 0)], 100, 24)).toBe('0.0,24.0 50.0,12.0 100.0,0.0');
  });

  it('writes sizes in kB, MB and GB', () => {
    expect([formatBytes(2048), formatBytes(3 * 1024 * 1024), formatBytes(2 * 1024 ** 3)]).toEqual(['2 kB', '3.0 MB', '2.0 GB']);
  });
});
