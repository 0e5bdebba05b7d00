/** Turns what the user typed into a message, a plugin command, or help. */
import type { PluginCommandView } from './capabilities.js';
import { i18n } from '../i18n/index.js';

export interface OutgoingMessage {
  readonly body: string;
  readonly kind: 'text' | 'action';
}

export type ComposerInput =
  | { readonly type: 'message'; readonly message: OutgoingMessage }
  | { readonly type: 'command'; readonly command: string; readonly args: string }
  | { readonly type: 'help' }
  | { readonly type: 'unknown-command'; readonly command: string };

/**
 * `/me waves` is an action; `//text` sends a text starting with one slash. Anything else is
 * sent as typed. Returns null when there is nothing to send.
 */
export function parseComposerText(text: string): OutgoingMessage | null {
  if (text.trim() === '') return null;
  const action = /^\/me(?:\s+([\s\S]*))?$/.exec(text);
  if (action) {
    const body = (action[1] ?? '').trim();
    return body === '' ? null : { body, kind: 'action' };
  }
  if (text.startsWith('//')) return { body: text.slice(1), kind: 'text' };
  return { body: text, kind: 'text' };
}

/**
 * Like {@link parseComposerText}, and `/name args` runs the plugin's command `name`
 * (case-insensitive), `/help` lists the commands, and any other `/word` is an unknown
 * command (kept in the composer, not sent by mistake).
 */
export function parseComposerInput(text: string, commands: readonly PluginCommandView[]): ComposerInput | null {
  const slash = /^\/([^\s/]+)(?:\s+([\s\S]*))?$/.exec(text.trimEnd());
  const name = slash?.[1];
  if (name === undefined || name.toLowerCase() === 'me') {
    const message = parseComposerText(text);
    return message ? { type: 'message', message } : null;
  }
  const lower = name.toLowerCase();
  if (lower === 'help') return { type: 'help' };
  const command = commands.find((item) => item.name.toLowerCase() === lower);
  if (!command) return { type: 'unknown-command', command: name };
  return { type: 'command', command: command.name, args: (slash?.[2] ?? '').trim() };
}

/** The lines `/help` shows: the built-in commands, then the plugin's. */
export function helpLines(commands: readonly PluginCommandView[]): string[] {
  const builtIn = [i18n.t('commands.me'), i18n.t('commands.help'), i18n.t('commands.slash')];
  const own = [...commands].sort((a, b) => a.name.localeCompare(b.name)).map((command) => {
    const usage = command.usage.trim() === '' ? `/${command.name}` : command.usage.startsWith('/') ? command.usage : `/${command.name} ${command.usage}`;
    return `${usage} — ${command.description}`;
  });
  return [i18n.t('commands.title'), ...builtIn, ...own];
}

export function unknownCommandMessage(command: string): string {
  return i18n.t('commands.unknown', { command });
}
