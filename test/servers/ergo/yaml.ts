/**
 * Minimal edits of a block-style YAML file by key path, enough to adapt Ergo's default
 * configuration line by line (keeping its comments) without a YAML library.
 */

interface KeyLine {
  readonly index: number;
  readonly indent: number;
  readonly key: string;
}

function keyLines(lines: readonly string[]): KeyLine[] {
  const found: KeyLine[] = [];
  lines.forEach((line, index) => {
    const match = /^(\s*)("?[\w.:[\]-]+"?):(\s|$)/.exec(line);
    if (match && !line.trimStart().startsWith('#')) {
      found.push({ index, indent: (match[1] ?? '').length, key: (match[2] ?? '').replace(/^"|"$/g, '') });
    }
  });
  return found;
}

/** The line of the key at `path` (each key nested in the previous one). */
function findKey(lines: readonly string[], keys: readonly string[]): KeyLine {
  const all = keyLines(lines);
  let scope: { from: number; to: number; indent: number } = { from: 0, to: lines.length, indent: -1 };
  let hit: KeyLine | undefined;
  for (const key of keys) {
    hit = all.find((k) => k.index >= scope.from && k.index < scope.to && k.key === key && k.indent > scope.indent
      && !all.some((o) => o.index >= scope.from && o.index < k.index && o.indent > scope.indent && o.indent < k.indent));
    if (!hit) throw new Error(`the YAML has no key ${keys.join('.')} (missing "${key}")`);
    const current = hit;
    const end = all.find((k) => k.index > current.index && k.indent <= current.indent);
    scope = { from: current.index + 1, to: end ? end.index : lines.length, indent: current.indent };
  }
  if (!hit) throw new Error('empty key path');
  return hit;
}

/** Set a scalar value (written as given: quote strings yourself). */
export function setYamlKey(text: string, keys: readonly string[], value: string): string {
  const lines = text.split('\n');
  const hit = findKey(lines, keys);
  lines[hit.index] = `${' '.repeat(hit.indent)}${hit.key}: ${value}`;
  return lines.join('\n');
}

/** Replace everything nested under a key with `body` (lines relative to the key's children). */
export function replaceYamlBlock(text: string, keys: readonly string[], body: readonly string[]): string {
  const lines = text.split('\n');
  const hit = findKey(lines, keys);
  const next = keyLines(lines).find((k) => k.index > hit.index && k.indent <= hit.indent);
  let end = next ? next.index : lines.length;
  // Keep the comment lines that introduce the next key.
  while (end - 1 > hit.index && (lines[end - 1] ?? '').trimStart().startsWith('#')) end--;
  const indent = ' '.repeat(hit.indent + 4);
  lines.splice(hit.index + 1, end - hit.index - 1, ...body.map((line) => `${indent}${line}`));
  return lines.join('\n');
}
