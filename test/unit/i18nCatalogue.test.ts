/**
 * The message catalogue (renderer/i18n): every language has exactly English's keys, with the
 * same placeholders, and no view shows a text written in its source instead of taken from the
 * catalogue. Views not converted yet are listed in UNCONVERTED_VIEWS (printed on each run);
 * a listed file that no longer has such a text fails, so the list only ever shrinks. The texts
 * the UI's code puts together outside JSX (renderer/state, the views' code: errors, accessible
 * names, announcements) are held to the same rule (codeTexts.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../renderer/i18n/index.js';
import { findCodeTexts } from './codeTexts.js';
import { findViewLiterals } from './viewLiterals.js';

const RENDERER = join(import.meta.dirname, '../../renderer');
const VIEWS = join(RENDERER, 'views');
/** Where the UI's code builds texts: its state, its views, its connection to the core, the catalogue's own helpers. */
const CODE_FOLDERS = ['state', 'views', 'bridge', 'i18n'];

/** Texts in code no user meets: a programmer's mistake, thrown before anything renders. */
const NOT_FOR_USERS = new Set([
  'main.tsx: index.html has no #root element',
  'views/AppContext.tsx: AppContext is missing: render views inside <AppContext value={…}>',
]);

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

function codeFiles(): string[] {
  const source = (name: string): boolean => /\.tsx?$/.test(name) && !name.includes('.test.') && !/^test[A-Z]/.test(name) && name !== 'testData.ts' && name !== 'fakeCore.ts';
  return [...CODE_FOLDERS.flatMap((folder) => readdirSync(join(RENDERER, folder)).filter(source).map((name) => `${folder}/${name}`)), 'main.tsx'].sort();
}

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

  it('finds texts put together in code, and not code', () => {
    const source = `
      import { x } from 'some module';
      const shown = \`\${name} is typing…\`, glued = 'sent ' + files, word = 'Online', error = new Error('Not a colour');
      if (key === 'Page Down' || kind !== 'two words') log.push({ 'a key': 1 });
      console.info('for the developer'); document.querySelector('[aria-label="Search messages"]');
      const view = <div className="two classes" accessibility={{ announce: () => 'Picked up' }} />;`;
    expect(findCodeTexts('x.tsx', source).map((literal) => literal.text)).toEqual(['is typing…', 'sent', 'Online', 'Not a colour', 'Picked up']);
  });

  it('has no text put together in the UI\'s code outside the catalogue', () => {
    const offending = codeFiles().flatMap((name) => findCodeTexts(name, readFileSync(join(RENDERER, name), 'utf8'))
      .filter((literal) => !NOT_FOR_USERS.has(`${name}: ${literal.text}`))
      .map((literal) => `${name}:${literal.line}: ${literal.text}`));
    expect(offending, 'texts not in the catalogue (put them in renderer/i18n/locales, use i18n.t outside views)').toEqual([]);
  });

  it('lists as unconverted only views that still have texts of their own', () => {
    const paidOff = [...UNCONVERTED_VIEWS].filter((name) => findViewLiterals(name, readFileSync(join(VIEWS, name), 'utf8')).length === 0);
    expect(paidOff, 'converted: take these off UNCONVERTED_VIEWS').toEqual([]);
  });
});
