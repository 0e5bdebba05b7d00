/**
 * The message catalogue (renderer/i18n): every language has exactly English's keys, with the
 * same placeholders, and no view shows a text written in its source instead of taken from the
 * catalogue. Views not converted yet are listed in UNCONVERTED_VIEWS (printed on each run);
 * a listed file that no longer has such a text fails, so the list only ever shrinks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../renderer/i18n/index.js';
import { findViewLiterals } from './viewLiterals.js';

const VIEWS = join(import.meta.dirname, '../../renderer/views');

/** Views whose texts are still in their source: the debt, to be emptied file by file. */
const UNCONVERTED_VIEWS = new Set<string>([]);

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') entries.set(prefix + key, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) entries.set(inner, text);
  }
  return entries;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((match) => match[1] ?? '').sort();

function viewFiles(): string[] {
  return readdirSync(VIEWS).filter((name) => name.endsWith('.tsx') && !name.includes('.test.') && !name.startsWith('test')).sort();
}

describe('the message catalogue', () => {
  const english = flatten(catalogues.en);

  it.each(Object.entries(catalogues).filter(([language]) => language !== 'en'))('%s has exactly the English keys, each with its placeholders', (_language, catalogue) => {
    const other = flatten(catalogue);
    expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) {
      expect(other.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(other.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('finds texts written in a view, and only those', () => {
    const source = `
      export const V = () => <p title="Hover text" data-x="not shown">Hello {name} <b>{ok ? 'Yes' : 'No'}</b> {t('a.b')} ×
        <input aria-label={\`Search \${what}\`} placeholder={t('x')} className="wide" /></p>;`;
    expect(findViewLiterals('V.tsx', source).map((literal) => literal.text)).toEqual(['Hover text', 'Hello', 'Yes', 'No', 'Search']);
  });

  it('has no text written in a converted view', () => {
    const files = viewFiles();
    const offending = files.filter((name) => !UNCONVERTED_VIEWS.has(name))
      .flatMap((name) => findViewLiterals(name, readFileSync(join(VIEWS, name), 'utf8')).map((literal) => `${name}:${literal.line}: ${literal.text}`));
    expect(offending, 'texts not in the catalogue (put them in renderer/i18n/locales)').toEqual([]);
    console.info(`i18n debt: ${UNCONVERTED_VIEWS.size} of ${files.length} views not converted yet: ${[...UNCONVERTED_VIEWS].join(', ')}`);
  });

  it('lists as unconverted only views that still have texts of their own', () => {
    const paidOff = [...UNCONVERTED_VIEWS].filter((name) => findViewLiterals(name, readFileSync(join(VIEWS, name), 'utf8')).length === 0);
    expect(paidOff, 'converted: take these off UNCONVERTED_VIEWS').toEqual([]);
  });
});
