/**
 * A V8 heap snapshot (.heapsnapshot, the format of v8.writeHeapSnapshot) summed up: self
 * size by node kind (objects, strings, code, arrays, …) and the object constructors that
 * hold the most. Self sizes only: what each node takes itself, not what it keeps alive.
 */
import { readFileSync } from 'node:fs';

export interface HeapBreakdown {
  readonly totalBytes: number;
  /** Kind (V8's node type) → bytes, largest first. */
  readonly byKind: readonly { readonly kind: string; readonly bytes: number; readonly count: number }[];
  /** Object constructors (and V8's internal names) → bytes, largest first. */
  readonly topObjects: readonly { readonly name: string; readonly bytes: number; readonly count: number }[];
}

interface Snapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: readonly string[]; readonly node_types: readonly [readonly string[], ...unknown[]] } };
  readonly nodes: readonly number[];
  readonly strings: readonly string[];
}

export function summarizeHeapSnapshot(file: string, top = 12): HeapBreakdown {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = data.snapshot.meta.node_fields;
  const kinds = data.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const byKind = new Map<string, { bytes: number; count: number }>();
  const byName = new Map<string, { bytes: number; count: number }>();
  let totalBytes = 0;
  for (let i = 0; i < data.nodes.length; i += width) {
    const kind = kinds[data.nodes[i + typeAt] ?? 0] ?? 'unknown';
    const size = data.nodes[i + sizeAt] ?? 0;
    totalBytes += size;
    const k = byKind.get(kind) ?? { bytes: 0, count: 0 };
    k.bytes += size;
    k.count++;
    byKind.set(kind, k);
    if (kind === 'object' || kind === 'closure' || kind === 'native') {
      const name = `${kind === 'object' ? '' : `(${kind}) `}${data.strings[data.nodes[i + nameAt] ?? 0] ?? '?'}`;
      const n = byName.get(name) ?? { bytes: 0, count: 0 };
      n.bytes += size;
      n.count++;
      byName.set(name, n);
    }
  }
  const sorted = <T extends { bytes: number }>(entries: T[]): T[] => entries.sort((a, b) => b.bytes - a.bytes);
  return {
    totalBytes,
    byKind: sorted([...byKind].map(([kind, v]) => ({ kind, ...v }))),
    topObjects: sorted([...byName].map(([name, v]) => ({ name, ...v }))).slice(0, top),
  };
}
