/** The last minute of a plugin's resource samples, for the Plugins dialog's figures and sparkline. */
import type { ResourceSample } from './pluginRuntime.js';

export const RESOURCE_WINDOW_MS = 60_000;

export class ResourceHistory {
  private samples: ResourceSample[] = [];

  add(sample: ResourceSample): void {
    this.samples.push(sample);
    this.prune(sample.at);
  }

  /** A new runtime starts a new history: the old one's figures are not its own. */
  clear(): void {
    this.samples = [];
  }

  recent(now: number): readonly ResourceSample[] {
    this.prune(now);
    return [...this.samples];
  }

  private prune(now: number): void {
    const from = this.samples.findIndex((sample) => now - sample.at <= RESOURCE_WINDOW_MS);
    this.samples = from < 0 ? [] : this.samples.slice(from);
  }
}
