/**
 * The one format of a profile's `secrets.json`, shared by both hosts: the desktop app keeps
 * each secret encrypted with the OS keychain (`safeStorage`), headless mode keeps them in
 * plain text (there is no keychain to hold a key). The desktop app and headless mode
 * default to the same profile folder, so the file says which of the two wrote it, and a
 * host never reads or rewrites the other's file: headless mode would otherwise replace the
 * desktop's encrypted secrets with its own plain ones, losing every password.
 */
export type SecretsFileFormat = 'safeStorage' | 'plaintext';

const WRITTEN_BY: Record<SecretsFileFormat, string> = {
  safeStorage: 'the desktop app (encrypted with the system keychain)',
  plaintext: 'headless mode (unencrypted)',
};

/**
 * The file exists but cannot be used by this host: `damaged` (not JSON, unknown shape) or
 * `foreign` (the other host's format). Either way it is not rewritten.
 */
export class SecretsFileError extends Error {
  constructor(readonly problem: 'damaged' | 'foreign', message: string, readonly detail = '') {
    super(message);
    this.name = 'SecretsFileError';
  }
}

function damaged(filePath: string, detail: string): SecretsFileError {
  return new SecretsFileError('damaged', `The secret store ${filePath} is damaged (${detail}); Switchboard leaves it untouched.`, detail);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringEntries(record: Record<string, unknown>): Map<string, string> {
  return new Map(Object.entries(record).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * Reads `text` as a secrets file of the `expected` format. Files from before the format
 * was written down are recognised by their shape: a flat map (headless mode) or
 * `{ version: 1, secrets }` (the desktop app).
 */
export function parseSecretsFile(text: string, filePath: string, expected: SecretsFileFormat): Map<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw damaged(filePath, 'not valid JSON');
  }
  if (!isRecord(data)) throw damaged(filePath, 'unknown format');
  let format: SecretsFileFormat;
  let secrets: unknown;
  if (!('version' in data)) {
    format = 'plaintext';
    secrets = data;
  } else if (data['version'] === 1 && isRecord(data['secrets'])) {
    format = data['format'] === 'plaintext' ? 'plaintext' : 'safeStorage';
    secrets = data['secrets'];
    if (data['format'] !== undefined && data['format'] !== 'plaintext' && data['format'] !== 'safeStorage') {
      throw damaged(filePath, 'unknown format');
    }
  } else {
    throw damaged(filePath, 'unknown format');
  }
  if (format !== expected) {
    throw new SecretsFileError(
      'foreign',
      `The secret store ${filePath} was written by ${WRITTEN_BY[format]}, which this ${expected === 'plaintext' ? 'headless mode' : 'desktop app'} cannot share: ` +
      `it leaves the file untouched. Use ${format === 'plaintext' ? 'headless mode' : 'the desktop app'} with this profile, or choose another profile folder.`,
    );
  }
  return stringEntries(isRecord(secrets) ? secrets : {});
}

export function serializeSecretsFile(format: SecretsFileFormat, secrets: ReadonlyMap<string, string>): string {
  return JSON.stringify({ version: 1, format, secrets: Object.fromEntries(secrets) }, null, 2);
}
