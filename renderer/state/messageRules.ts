/**
 * What the user may do with one message, given what its conversation can do, and how its
 * reactions and receipt read.
 */
import type { MessageView, ReactionView } from '../../electron/bridge/schemas.js';
import type { Capabilities } from './capabilities.js';
import { i18n } from '../i18n/index.js';

/** The reaction picker: eight common emoji, each with a name (catalogue key reactionNames.*) for tooltips and screen readers. */
export const REACTION_CHOICES = [
  { emoji: '👍', name: 'thumbsUp' },
  { emoji: '❤️', name: 'heart' },
  { emoji: '😂', name: 'laughing' },
  { emoji: '😮', name: 'surprised' },
  { emoji: '😢', name: 'sad' },
  { emoji: '🎉', name: 'party' },
  { emoji: '👀', name: 'eyes' },
  { emoji: '🙏', name: 'thanks' },
] as const;

export interface MessagePermissions {
  readonly reply: boolean;
  readonly react: boolean;
  readonly edit: boolean;
  readonly delete: boolean;
}

/** All 16 combinations, built once: the same permissions are the same object (memoised rows stay memoised). */
const COMBINATIONS: readonly MessagePermissions[] = Array.from({ length: 16 }, (_, bits) => ({
  reply: (bits & 1) !== 0, react: (bits & 2) !== 0, edit: (bits & 4) !== 0, delete: (bits & 8) !== 0,
}));

function permissions(reply: boolean, react: boolean, edit: boolean, remove: boolean): MessagePermissions {
  const found = COMBINATIONS[Number(reply) | (Number(react) << 1) | (Number(edit) << 2) | (Number(remove) << 3)];
  return found ?? { reply, react, edit, delete: remove };
}

/** Text and actions can be acted on once the network has them; events, and retracted, queued or failed messages, cannot. */
function isActionable(message: MessageView): boolean {
  return message.deleted !== true && (message.kind === 'text' || message.kind === 'action')
    && message.status !== 'failed' && message.status !== 'sending' && message.status !== 'queued';
}

export function messagePermissions(message: MessageView, capabilities: Capabilities): MessagePermissions {
  if (!isActionable(message)) return permissions(false, false, false, false);
  const own = message.direction === 'out';
  return permissions(
    capabilities.replies === true,
    capabilities.reactions === true,
    own && capabilities.edits === true && message.undecryptable !== true,
    own && capabilities.deletes === true,
  );
}

export function hasAnyPermission(permissions: MessagePermissions): boolean {
  return permissions.reply || permissions.react || permissions.edit || permissions.delete;
}

/** The user's own reactions after clicking `reaction`: added if absent, removed if present. */
export function toggledReactions(reactions: readonly ReactionView[] | undefined, reaction: string): string[] {
  const mine = (reactions ?? []).filter((item) => item.mine).map((item) => item.reaction);
  return mine.includes(reaction) ? mine.filter((item) => item !== reaction) : [...mine, reaction];
}

/** "alice, bob and 3 others": who chose a reaction. */
export function reactionSenders(reaction: ReactionView, limit = 10): string {
  const names = reaction.senders.map((sender) => sender.name);
  if (names.length <= limit) return names.join(', ');
  return i18n.t('reactionSenders.andOthers', { names: names.slice(0, limit).join(', '), count: names.length - limit });
}

/** The newest of the user's messages that can still be edited (for Up in an empty composer). */
export function lastEditableOwn(items: readonly MessageView[], capabilities: Capabilities): MessageView | undefined {
  for (let index = items.length - 1; index >= 0; index--) {
    const message = items[index];
    if (message && messagePermissions(message, capabilities).edit) return message;
  }
  return undefined;
}

/** What the status line under one of the user's own messages says. */
export function outgoingStatus(message: MessageView): { readonly text: string; readonly tone: 'muted' | 'queued' | 'failed' } | null {
  if (message.direction !== 'out' || message.deleted) return null;
  if (message.status === 'queued') return { text: i18n.t('outgoing.queued'), tone: 'queued' };
  if (message.status === 'sending') return { text: i18n.t('outgoing.sending'), tone: 'muted' };
  if (message.status === 'failed') return { text: i18n.t('outgoing.failed', { error: message.error?.message ?? i18n.t('outgoing.notSent') }), tone: 'failed' };
  if (message.receipt === 'read') return { text: `✓✓ ${i18n.t('outgoing.read')}`, tone: 'muted' };
  if (message.receipt === 'delivered') return { text: `✓ ${i18n.t('outgoing.delivered')}`, tone: 'muted' };
  return null;
}

const units = ['', 'KB', 'MB', 'GB', 'TB'];

/** 1234567 → "1.2 MB". */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(value);
  return `${number} ${unit === 0 ? i18n.t('units.bytes') : units[unit] ?? ''}`;
}

/** An excerpt of a message for a reply quote: one line, at most `max` characters. */
export function excerpt(text: string, max = 120): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
