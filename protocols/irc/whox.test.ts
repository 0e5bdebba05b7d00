import { describe, expect, it } from 'vitest';
import { parseWhoxAccount, whoxAccountsLine } from './whox.js';

const reply = (params: string[]) => ({ command: '354', params, tags: {} });

describe('WHOX account lookup', () => {
  it('asks for channel, nick, flags and account with its own token, and reads only its own replies', () => {
    expect(whoxAccountsLine('#room')).toBe('WHO #room %tcnfa,152');
    expect(parseWhoxAccount(reply(['me', '152', '#room', 'alice', 'H@', 'alice']), undefined)).toEqual({ channel: '#room', nick: 'alice', account: 'alice', bot: undefined });
    // `0` is "not logged in" (https://ircv3.net/specs/extensions/whox).
    expect(parseWhoxAccount(reply(['me', '152', '#room', 'bob', 'G', '0']), 'B')).toEqual({ channel: '#room', nick: 'bob', account: undefined, bot: false });
    expect(parseWhoxAccount(reply(['me', '152', '#room', 'helper', 'HB', 'helperbot']), 'B')).toMatchObject({ account: 'helperbot', bot: true });
    // irc-framework's own WHOX (another token, more fields) is not ours.
    expect(parseWhoxAccount(reply(['me', '7', '#room', 'u', 'h', 'irc', 'carol', 'H', '0', 'carol', '0', 'Carol']), 'B')).toBeUndefined();
    expect(parseWhoxAccount({ command: '352', params: ['me', '152', '#room', 'alice', 'H', 'alice'], tags: {} }, undefined)).toBeUndefined();
  });
});
