/**
 * Whether a plugin's declared API range (`^0.1.0`, `0.1.x`, `>=0.1.0 <0.3.0`, an exact
 * `0.1.0`) accepts a given API version. Only the forms the manifest documentation allows
 * are understood; anything else is refused, so a typo cannot load an incompatible plugin.
 */
export function apiRangeAccepts(range: string, version: string): boolean {
  const target = parse(version);
  if (!target) return false;
  const clauses = range.trim().split(/\s+/).filter((c) => c.length > 0);
  if (clauses.length === 0) return false;
  return clauses.every((clause) => clauseAccepts(clause, target));
}

type Triple = readonly [number, number, number];

function parse(text: string): Triple | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function compare(a: Triple, b: Triple): number {
  for (let i = 0; i < 3; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function clauseAccepts(clause: string, v: Triple): boolean {
  const x = /^(\d+)\.(\d+)\.x$/.exec(clause);
  if (x) return v[0] === Number(x[1]) && v[1] === Number(x[2]);
  const op = /^(\^|>=|<=|>|<|=)?(.+)$/.exec(clause);
  const base = op ? parse(op[2] ?? '') : undefined;
  if (!op || !base) return false;
  const cmp = compare(v, base);
  switch (op[1]) {
    case '^':
      // Caret: same left-most non-zero part, and not lower.
      if (cmp < 0) return false;
      if (base[0] !== 0) return v[0] === base[0];
      if (base[1] !== 0) return v[0] === 0 && v[1] === base[1];
      return v[0] === 0 && v[1] === 0 && v[2] === base[2];
    case '>=': return cmp >= 0;
    case '<=': return cmp <= 0;
    case '>': return cmp > 0;
    case '<': return cmp < 0;
    default: return cmp === 0;
  }
}
