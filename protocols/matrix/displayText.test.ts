/** Names and ids from other people, as the plugin passes them on (displayText.ts). */
import { describe, expect, it } from 'vitest';
import { isUserId, MAX_NAME, oneLine } from './displayText.js';

describe('oneLine', () => {
  it('turns breaks into spaces and drops controls and bidi embeddings, overrides and isolates', () => {
    expect(oneLine('Bob\r\n\tSmith')).toBe('Bob Smith');
    expect(oneLine(' \u0000A\u001b[2Jli\u007fce\u0085\u202E\u2066 ')).toBe('A[2Jlice');
    // Marks and joiners stay: they change no order and build emoji.
    expect(oneLine('\u200F👩‍👩‍👧 عربي')).toBe('\u200F👩‍👩‍👧 عربي');
  });

  it('ends a name past the limit in "…" without splitting a surrogate pair', () => {
    expect(oneLine('a'.repeat(MAX_NAME))).toBe('a'.repeat(MAX_NAME));
    expect(oneLine(`${'a'.repeat(254)}🙂🙂`)).toBe(`${'a'.repeat(254)}…`);
    expect(oneLine('z'.repeat(5000), 10)).toBe(`${'z'.repeat(9)}…`);
  });

  it('gives "" for what is no string', () => {
    for (const value of [undefined, null, 42, {}, ['Bob'], JSON.parse('{"toString":1}')]) expect(oneLine(value)).toBe('');
  });
});

describe('isUserId', () => {
  it('takes @localpart:server, historical ones included', () => {
    for (const id of ['@alice:localhost', '@Bob_(old)=:example.org:8448', '@ü:server', '@a:[::1]']) expect(isUserId(id)).toBe(true);
  });

  it('refuses what no server makes: no sigil or colon, empty parts, controls, bidi characters, more than 255 characters', () => {
    for (const id of ['', 'bob', '@bob', '@:localhost', '@bob:', '!room:localhost', '@b\nob:localhost', '@bob:localhost\u0000', '@\u202Eevil:localhost', '@a: b', `@${'x'.repeat(250)}:localhost`, 42, null, ['@bob:localhost']]) {
      expect(isUserId(id)).toBe(false);
    }
  });
});
