/** m.room.message content both ways. */
import { describe, expect, it } from 'vitest';
import { editContent, mentionsSelfOf, messageContent, parseMessageContent, parseStickerContent, relationOf, stripReplyFallback } from './content.js';

describe('Matrix message content', () => {
  it('maps msgtypes to kinds and passes formatted bodies through as html', () => {
    expect(parseMessageContent({ msgtype: 'm.emote', body: 'waves' })).toEqual({ kind: 'action', body: 'waves' });
    expect(parseMessageContent({ msgtype: 'm.notice', body: 'bot' })?.kind).toBe('notice');
    const hostile = '<img src=x onerror=alert(1)>hi';
    expect(parseMessageContent({ msgtype: 'm.text', body: 'hi', format: 'org.matrix.custom.html', formatted_body: hostile }))
      .toEqual({ kind: 'text', body: 'hi', html: hostile });
    expect(parseMessageContent({ msgtype: 'm.text', body: 'hi', format: 'other', formatted_body: '<b>x</b>' })?.html).toBeUndefined();
    expect(parseMessageContent({ msgtype: 'm.text', body: 42 })).toBeUndefined();
    expect(parseMessageContent(null)).toBeUndefined();
  });

  it('drops an empty reply id and a size that is no count of bytes, keeping the message (found by the fuzzer)', () => {
    expect(parseMessageContent({ msgtype: 'm.text', body: 'hi', 'm.relates_to': { 'm.in_reply_to': { event_id: '' } } })).toEqual({ kind: 'text', body: 'hi' });
    for (const size of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(parseMessageContent({ msgtype: 'm.file', body: 'f', url: 'mxc://h/f', info: { size } })?.attachments).toEqual([{ url: 'mxc://h/f', name: 'f', kind: 'file' }]);
    }
  });

  it('strips reply fallbacks and reads attachments, encrypted ones included', () => {
    expect(stripReplyFallback('> <@bob:x> question?\n> more\n\nanswer')).toBe('answer');
    const reply = parseMessageContent({
      msgtype: 'm.text', body: '> <@bob:x> q\n\nanswer', format: 'org.matrix.custom.html',
      formatted_body: '<mx-reply><blockquote>q</blockquote></mx-reply>answer', 'm.relates_to': { 'm.in_reply_to': { event_id: '$q' } },
    });
    expect(reply).toEqual({ kind: 'text', body: 'answer', html: 'answer', replyToId: '$q' });
    const file = parseMessageContent({ msgtype: 'm.file', body: 'a.pdf', file: { url: 'mxc://s/id' }, info: { mimetype: 'application/pdf', size: 3 } });
    // An encrypted file keeps its EncryptedFile (key, iv, hashes) for the download to decrypt.
    expect(file?.attachments).toEqual([{ url: 'mxc://s/id', name: 'a.pdf', kind: 'file', mimeType: 'application/pdf', size: 3, reference: '{"url":"mxc://s/id"}' }]);
  });

  it('builds messages, replies and edits', () => {
    expect(messageContent('action', 'waves')).toEqual({ msgtype: 'm.emote', body: 'waves', 'm.mentions': {} });
    expect(messageContent('text', 'yes', { replyTo: { networkId: '$q' } })['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: '$q' } });
    const edit = editContent('$e', 'text', 'fixed');
    expect(edit).toMatchObject({ body: '* fixed', 'm.new_content': { msgtype: 'm.text', body: 'fixed' } });
    expect(relationOf(edit)).toEqual({ relType: 'm.replace', eventId: '$e' });
  });

  it('sends formatting as org.matrix.custom.html beside the typed text, escaping HTML in it', () => {
    expect(messageContent('text', '*bold* <i>x</i>')).toEqual({
      msgtype: 'm.text', body: '*bold* <i>x</i>', format: 'org.matrix.custom.html', formatted_body: '<strong>bold</strong> &#60;i&#62;x&#60;/i&#62;', 'm.mentions': {},
    });
    expect(messageContent('text', 'plain\n<b>lines</b>')).toEqual({ msgtype: 'm.text', body: 'plain\n<b>lines</b>', 'm.mentions': {} });
    expect(editContent('$e', 'text', '_new_')).toMatchObject({
      body: '* _new_', format: 'org.matrix.custom.html', formatted_body: '* <em>new</em>',
      'm.new_content': { body: '_new_', format: 'org.matrix.custom.html', formatted_body: '<em>new</em>' },
    });
  });
});

describe('stickers (§Stickers)', () => {
  it('shows an m.sticker as the image it is, named by its description', () => {
    expect(parseStickerContent({ body: 'Landing', url: 'mxc://example.org/sticker', info: { mimetype: 'image/png', size: 1234, w: 256, h: 256 } })).toEqual({
      kind: 'text', body: 'Landing',
      attachments: [{ url: 'mxc://example.org/sticker', name: 'Landing', kind: 'image', mimeType: 'image/png', size: 1234 }],
    });
  });

  it('gives nothing for a sticker without an image, and a name for one without a description', () => {
    expect(parseStickerContent({ body: 'no url' })).toBeUndefined();
    expect(parseStickerContent('not an object')).toBeUndefined();
    expect(parseStickerContent({ url: 'mxc://example.org/s' })?.attachments?.[0]?.name).toBe('sticker');
  });
});

describe('threads (§Threading)', () => {
  it('reads the thread root and drops the fallback reply of a thread message', () => {
    const inThread = { msgtype: 'm.text', body: 'in the thread', 'm.relates_to': { rel_type: 'm.thread', event_id: '$root', is_falling_back: true, 'm.in_reply_to': { event_id: '$latest' } } };
    expect(parseMessageContent(inThread)).toEqual({ kind: 'text', body: 'in the thread', threadRootId: '$root' });
    const replyInThread = { ...inThread, 'm.relates_to': { ...inThread['m.relates_to'], is_falling_back: false } };
    expect(parseMessageContent(replyInThread)).toMatchObject({ threadRootId: '$root', replyToId: '$latest' });
    expect(parseMessageContent({ ...inThread, 'm.relates_to': { rel_type: 'm.thread', event_id: '' } })).toEqual({ kind: 'text', body: 'in the thread' });
  });

  it('sends a thread reply with the thread relation and a fallback to the newest event in it', () => {
    expect(messageContent('text', 'me too', { threadRootId: '$root', threadLatestId: '$last' })['m.relates_to']).toEqual({
      rel_type: 'm.thread', event_id: '$root', is_falling_back: true, 'm.in_reply_to': { event_id: '$last' },
    });
    expect(messageContent('text', 'me too', { threadRootId: '$root', replyTo: { networkId: '$m' } })['m.relates_to']).toMatchObject({ is_falling_back: false, 'm.in_reply_to': { event_id: '$m' } });
  });
});

describe('intentional mentions (§User and room mentions)', () => {
  it('says whom a message mentions: the members picked and the sender replied to', () => {
    expect(messageContent('text', 'Bob: hi', { mentionIds: ['@bob:x'], replyTo: { networkId: '$q', senderId: '@carol:x' } })['m.mentions']).toEqual({ user_ids: ['@bob:x', '@carol:x'] });
  });

  it('honours m.mentions when present and leaves older messages to their text', () => {
    expect(mentionsSelfOf({ body: 'alice?', 'm.mentions': {} }, '@alice:x')).toBe(false);
    expect(mentionsSelfOf({ body: 'hey', 'm.mentions': { user_ids: ['@alice:x'] } }, '@alice:x')).toBe(true);
    expect(mentionsSelfOf({ body: 'all', 'm.mentions': { room: true } }, '@alice:x')).toBe(true);
    expect(mentionsSelfOf({ body: 'alice?' }, '@alice:x')).toBeUndefined();
  });
});
