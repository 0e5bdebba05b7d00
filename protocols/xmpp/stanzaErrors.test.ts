import { describe, expect, it } from 'vitest';
import { describeStanzaError, STANZA_ERROR_CONDITIONS, STANZA_ERROR_TYPES } from './stanzaErrors.js';
import { NS, xml } from './xml.js';

function errorStanza(type: string, condition: string, text?: string) {
  return xml('iq', { type: 'error', from: 'room@conference.example.org', id: '1' },
    xml('error', { type }, xml(condition, { xmlns: NS.stanzas }), ...(text ? [xml('text', { xmlns: NS.stanzas }, text)] : [])));
}

describe('stanza errors (RFC 6120 §8.3)', () => {
  it('maps every condition of every type to a sentence without jargon', () => {
    expect(STANZA_ERROR_TYPES).toEqual(['auth', 'cancel', 'continue', 'modify', 'wait']);
    expect(STANZA_ERROR_CONDITIONS).toHaveLength(22);
    for (const type of STANZA_ERROR_TYPES) {
      for (const condition of STANZA_ERROR_CONDITIONS) {
        const info = describeStanzaError(errorStanza(type, condition), 'Joining the room');
        expect(info.condition).toBe(condition);
        expect(info.type).toBe(type);
        expect(info.message).toMatch(/^Joining the room failed at room@conference\.example\.org: [a-z]/);
        expect(info.message).not.toContain(condition.includes('-') ? `(${condition})` : '\u0000');
        if (type === 'wait') expect(info.message).toMatch(/Try again later\.$/);
      }
    }
  });

  it('says what the server said, and copes with a missing or unknown condition', () => {
    const withText = describeStanzaError(errorStanza('cancel', 'item-not-found', 'no such room'), 'Joining x');
    expect(withText.message).toBe('Joining x failed at room@conference.example.org: it does not exist ("no such room").');
    expect(withText.kind).toBe('protocol');
    expect(describeStanzaError(errorStanza('wait', 'resource-constraint'), 'Sending').kind).toBe('rate-limited');
    expect(describeStanzaError(errorStanza('cancel', 'service-unavailable'), 'Sending').kind).toBe('not-supported');
    expect(describeStanzaError(errorStanza('modify', 'urn-unknown-thing'), 'Sending').message).toMatch(/the request failed \(urn-unknown-thing\)/);
    const bare = describeStanzaError(xml('message', { type: 'error' }), 'Sending');
    expect(bare.condition).toBe('undefined-condition');
    expect(bare.message).toBe('Sending failed: an unspecified error occurred.');
  });
});
