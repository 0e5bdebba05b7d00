/**
 * The Plugins dialog's figures, from a plugin's last minute of samples: memory now, CPU
 * over the minute, and the sparkline's points. Pure functions, tested on their own.
 */
import type { PluginOverview, ResourceSampleView } from '../../electron/bridge/pluginSchemas.js';
import { i18n } from '../i18n/index.js';

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return i18n.t('units.gigabytes', { value: bytes / 1024 / 1024 / 1024 });
  if (bytes >= 1024 * 1024) return i18n.t('units.megabytes', { value: bytes / 1024 / 1024 });
  return i18n.t('units.kilobytes', { value: Math.round(bytes / 1024) });
}

export interface PluginFigures {
  /** "Heap 12.3 MB", with the process's RSS for a sandboxed plugin. */
  readonly memory: string;
  /** CPU averaged over the samples of the last minute, e.g. "3.1 %". */
  readonly cpu: string;
  /** The sparkline's polyline points in a 100 × 24 box (CPU, 0–100 %), or '' with fewer than two samples. */
  readonly sparkline: string;
}

export function pluginFigures(samples: readonly ResourceSampleView[]): PluginFigures | undefined {
  const last = samples.at(-1);
  if (!last) return undefined;
  const average = samples.reduce((sum, sample) => sum + sample.cpuPercent, 0) / samples.length;
  return {
    memory: last.rssBytes !== undefined ? i18n.t('pluginState.heapAndProcess', { heap: formatBytes(last.heapBytes), process: formatBytes(last.rssBytes) })
      : i18n.t('pluginState.heap', { heap: formatBytes(last.heapBytes) }),
    cpu: i18n.t('units.percent', { value: average }),
    sparkline: sparklinePoints(samples),
  };
}

/** Oldest on the left, newest on the right; 100 % CPU (one core) at the top. */
export function sparklinePoints(samples: readonly ResourceSampleView[], width = 100, height = 24): string {
  if (samples.length < 2) return '';
  const step = width / (samples.length - 1);
  return samples.map((sample, index) => {
    const y = height - (Math.min(100, sample.cpuPercent) / 100) * height;
    return `${(index * step).toFixed(1)},${y.toFixed(1)}`;
  }).join(' ');
}

/** The state in words, as the dialog shows it. */
export function pluginStateText(plugin: PluginOverview): string {
  switch (plugin.state) {
    case 'running': return i18n.t('pluginState.running');
    case 'idle': return i18n.t('pluginState.idle');
    case 'starting': return i18n.t('pluginState.starting');
    case 'restarting': return i18n.t('pluginState.restarting');
    case 'disabled': return plugin.disabledByUser ? i18n.t('pluginState.disabled') : i18n.t('pluginState.crashed');
  }
}

export function pluginSourceText(plugin: PluginOverview): string {
  return plugin.source === 'installed' ? i18n.t('pluginState.installed') : i18n.t('pluginState.builtIn');
}
