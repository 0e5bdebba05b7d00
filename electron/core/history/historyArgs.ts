/** Command-line options of `npm run export` and `npm run import`; a mistake is one line saying what to write instead. */
import { EXPORT_FORMATS, type ExportFormatName } from './exportFormats.js';
import { IMPORT_SOURCES, type ImportSource } from './importSources.js';

export interface ExportArgs {
  readonly profileDir: string;
  readonly format: ExportFormatName;
  readonly accountId?: string;
  readonly since?: number;
  readonly until?: number;
  readonly out: string;
}

export interface ImportArgs {
  readonly profileDir: string;
  readonly from: ImportSource;
  readonly path: string;
}

export const EXPORT_USAGE = 'npm run export -- --profile DIR --format txt|jsonl|html [--account ID] [--since DATE] [--until DATE] --out PATH';
export const IMPORT_USAGE = 'npm run import -- --profile DIR --from pidgin|weechat|irssi|jsonl PATH';

export class UsageError extends Error {
  constructor(message: string, usage: string) {
    super(`${message} (usage: ${usage})`);
    this.name = 'UsageError';
  }
}

/**
 * A date or time as the user writes it, in UTC: 2026-12-06 (the whole day: its start for
 * --since, its end for --until), or an ISO 8601 time (2026-12-06T10:00:00Z).
 */
export function parseDate(text: string, end: 'start' | 'end'): number | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== text) return undefined;
    return end === 'start' ? start : start + 24 * 3600 * 1000 - 1;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

function flags(argv: readonly string[], usage: string, known: readonly string[]): { values: Map<string, string>; rest: string[] } {
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    if (!known.includes(arg)) throw new UsageError(`Unknown option ${arg}`, usage);
    const value = argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`, usage);
    if (values.has(arg)) throw new UsageError(`${arg} is given twice`, usage);
    values.set(arg, value);
  }
  return { values, rest };
}

export function parseExportArgs(argv: readonly string[]): ExportArgs {
  const { values, rest } = flags(argv, EXPORT_USAGE, ['--profile', '--format', '--account', '--since', '--until', '--out']);
  if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0] ?? ''}"`, EXPORT_USAGE);
  const profileDir = values.get('--profile');
  const format = values.get('--format');
  const out = values.get('--out');
  if (profileDir === undefined) throw new UsageError('--profile DIR is required', EXPORT_USAGE);
  if (format === undefined || !EXPORT_FORMATS.includes(format as ExportFormatName)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}${format === undefined ? '' : ` (not "${format}")`}`, EXPORT_USAGE);
  }
  if (out === undefined) throw new UsageError('--out PATH is required', EXPORT_USAGE);
  const date = (flag: string, end: 'start' | 'end'): number | undefined => {
    const text = values.get(flag);
    if (text === undefined) return undefined;
    const time = parseDate(text, end);
    if (time === undefined) throw new UsageError(`${flag} "${text}" is not a date: write 2026-12-06 or 2026-12-06T10:00:00Z`, EXPORT_USAGE);
    return time;
  };
  const since = date('--since', 'start');
  const until = date('--until', 'end');
  if (since !== undefined && until !== undefined && since > until) throw new UsageError('--since is after --until', EXPORT_USAGE);
  const accountId = values.get('--account');
  return {
    profileDir, format: format as ExportFormatName, out,
    ...(accountId !== undefined ? { accountId } : {}), ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}),
  };
}

export function parseImportArgs(argv: readonly string[]): ImportArgs {
  const { values, rest } = flags(argv, IMPORT_USAGE, ['--profile', '--from']);
  const profileDir = values.get('--profile');
  const from = values.get('--from');
  if (profileDir === undefined) throw new UsageError('--profile DIR is required', IMPORT_USAGE);
  if (from === undefined || !IMPORT_SOURCES.includes(from as ImportSource)) {
    throw new UsageError(`--from must be one of ${IMPORT_SOURCES.join(', ')}${from === undefined ? '' : ` (not "${from}")`}`, IMPORT_USAGE);
  }
  if (rest.length !== 1 || rest[0] === undefined) throw new UsageError(rest.length === 0 ? 'Name the file or folder to import' : 'Name one file or folder to import', IMPORT_USAGE);
  return { profileDir, from: from as ImportSource, path: rest[0] };
}
