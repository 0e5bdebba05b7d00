/**
 * What renderer/state says once the UI speaks German: the words come from the German
 * catalogue, plurals follow German's CLDR rules (one / other), and numbers are written the
 * German way (decimal comma, dot for thousands) through Intl in the UI's language.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatSize, reactionSenders } from '../state/messageRules.js';
import { memberDescription } from '../state/members.js';
import { messageLabel } from '../state/messageLabel.js';
import { storageBanner } from '../state/storage.js';
import { message } from '../state/testData.js';
import { typingText } from '../state/typing.js';
import { i18n } from './index.js';

describe('renderer/state in German', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('de');
  });
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('describes members, messages and who is typing in German words', () => {
    expect(memberDescription({ id: 'guest', displayName: 'guest', account: 'carla', bot: true })).toBe('Bot, angemeldet als carla');
    const reply = message({ senderName: 'bob', replyTo: { networkId: 'm7', messageId: 7, senderName: 'alice' }, reactions: [{ reaction: '👍', senders: [{ id: 'a', name: 'Ann' }], mine: false }] });
    expect(messageLabel(reply, '18:53')).toBe('bob, 18:53, als Antwort an alice: hello. Reaktionen: 👍 von Ann');
    expect(messageLabel(message({ deleted: true }), '18:53')).toBe('bob, 18:53: Nachricht gelöscht');
    expect(typingText(['Ann', 'Bob'])).toBe('Ann und Bob schreiben…');
  });

  it('counts with German plurals and writes numbers the German way', () => {
    const senders = (n: number) => ({ reaction: 'x', mine: false, senders: Array.from({ length: n }, (_, index) => ({ id: `${index}`, name: `P${index}` })) });
    expect(reactionSenders(senders(2), 1)).toBe('P0 und 1 weitere Person');
    expect(reactionSenders(senders(4), 1)).toBe('P0 und 3 weitere');
    expect(formatSize(1_300_000)).toBe('1,2 MB');
    const full = (dropped: number) => storageBanner({ state: 'full', freeBytes: 12_345 * 1024 * 1024, folder: '/data', dropped });
    expect(full(1)?.title).toBe('Festplatte voll (12.345 MB frei auf /data): Neue Nachrichten können nicht gespeichert werden');
    expect(full(1)?.detail).toContain('1 der ältesten Aktualisierungen, die inzwischen ankamen, konnte nicht behalten werden.');
    expect(full(1234)?.detail).toContain('1.234 der ältesten Aktualisierungen, die inzwischen ankamen, konnten nicht behalten werden.');
  });
});
