/** The link dialog's sentences, one per kind of link, and for a link no account fits. */
import { describe, expect, it } from 'vitest';
import { resolveLink } from '../../electron/core/links/resolveLink.js';
import { linkNotes, linkQuestion, linkVerb, noAccountText } from './linkWording.js';

function actionOf(uri: string) {
  const { parsed } = resolveLink(uri, []);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.action;
}

describe('link wording', () => {
  it('asks what the link asks, with the account', () => {
    expect(linkQuestion(actionOf('irc://irc.example.org/%23room'), 'alice')).toBe('Join #room on irc.example.org with account alice?');
    expect(linkQuestion(actionOf('matrix:r/room:example.org'), '@alice:example.org')).toBe('Join #room:example.org with account @alice:example.org?');
    expect(linkQuestion(actionOf('irc://irc.example.org/bob,isnick'), 'alice')).toBe('Open a chat with bob on irc.example.org with account alice?');
    expect(linkQuestion(actionOf('xmpp:romeo@montague.net?roster;name=Romeo;group=Friends'), 'juliet@capulet.lit'))
      .toBe('Add romeo@montague.net (Romeo) to your buddy list in Friends with account juliet@capulet.lit?');
    expect(linkQuestion(actionOf('ircs://irc.example.org'), 'alice')).toBe('Show the server messages of irc.example.org with account alice?');
    expect(['irc://h.example/c', 'xmpp:a@b.example', 'xmpp:a@b.example?roster', 'irc://h.example'].map((uri) => linkVerb(actionOf(uri))))
      .toEqual(['Join room', 'Open chat', 'Add contact', 'Show server']);
  });

  it('says what the link carries besides', () => {
    expect(linkNotes(actionOf('matrix:roomid/abc:example.org/e/def'))).toEqual(['The link points at a message in this room.']);
    expect(linkNotes(actionOf('xmpp:romeo@montague.net?message;body=hi'))).toEqual(['The link suggests a message: it goes into the message box and is sent only if you send it.']);
    expect(linkNotes(actionOf('xmpp:romeo@montague.net'))).toEqual([]);
  });

  it('says which account is missing', () => {
    expect(noAccountText(resolveLink('irc://irc.example.org/%23room', []))).toBe('You have no IRC account on irc.example.org. Add one to join #room on irc.example.org.');
    expect(noAccountText(resolveLink('matrix:u/bob:example.org', []))).toBe('You have no Matrix account. Add one to open a chat with @bob:example.org.');
    expect(noAccountText(resolveLink('xmpp://guest@example.com/support@example.com?message', [])))
      .toBe('The link asks for your XMPP account guest@example.com, which is not set up here. Add it to continue.');
  });
});
