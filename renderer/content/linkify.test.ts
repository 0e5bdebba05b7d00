import { describe, expect, it } from 'vitest';
import { linkifyText } from './linkify.js';
import { describeLink, hasInvisible, stripInvisible } from './links.js';
import { colourClasses, hexColourIndex, ircColourIndex, safeHref } from './richNodes.js';

describe('linkifyText', () => {
  it('turns bare addresses into link nodes and keeps the rest as text', () => {
    expect(linkifyText('see https://example.org/a?b=1, or mail bob@example.org.')).toEqual([
      { type: 'text', text: 'see ' },
      { type: 'link', href: 'https://example.org/a?b=1', children: [{ type: 'text', text: 'https://example.org/a?b=1' }] },
      { type: 'text', text: ', or mail ' },
      { type: 'link', href: 'mailto:bob@example.org', children: [{ type: 'text', text: 'bob@example.org' }] },
      { type: 'text', text: '.' },
    ]);
  });

  it('links the chat schemes whole, and leaves other schemes as text', () => {
    const links = (text: string) => linkifyText(text).flatMap((node) => (node.type === 'link' ? [node.href] : []));
    expect(links('join xmpp:room@conference.example?join or irc://irc.libera.chat/#x or matrix:r/room:example.org')).toEqual([
      'xmpp:room@conference.example?join', 'irc://irc.libera.chat/#x', 'matrix:r/room:example.org',
    ]);
    expect(links('javascript:alert(1) file:///etc/passwd data:text/html,x')).toEqual([]);
    expect(linkifyText('<b>not html</b> & <script>x</script>')).toEqual([{ type: 'text', text: '<b>not html</b> & <script>x</script>' }]);
  });

  it('ends an address at a quote, angle bracket or backtick (pasted markup links only the address)', () => {
    const links = (text: string) => linkifyText(text).flatMap((node) => (node.type === 'link' ? [[node.href, node.children]] : []));
    expect(links('<a href="https://ok.example/x">y</a> <https://b.example/> `https://c.example/`')).toEqual([
      ['https://ok.example/x', [{ type: 'text', text: 'https://ok.example/x' }]],
      ['https://b.example/', [{ type: 'text', text: 'https://b.example/' }]],
      ['https://c.example/', [{ type: 'text', text: 'https://c.example/' }]],
    ]);
    expect(linkifyText('"https://ok.example/a"b').map((node) => node.type)).toEqual(['text', 'link', 'text']);
  });

  it('returns the text unchanged when there is no address', () => {
    expect(linkifyText('hello')).toEqual([{ type: 'text', text: 'hello' }]);
    expect(linkifyText('')).toEqual([]);
  });
});

describe('safeHref', () => {
  it.each([
    ['https://example.org', 'https://example.org/'],
    ['  https://example.org/x  ', 'https://example.org/x'],
    ['HTTPS://EXAMPLE.org', 'https://example.org/'],
    ['https://аррӏе.com/', 'https://xn--80ak6aa92e.com/'],
    ['mailto:bob@example.org', 'mailto:bob@example.org'],
    ['ircs://irc.libera.chat:6697/#x', 'ircs://irc.libera.chat:6697/#x'],
  ])('accepts %s as %s', (raw, href) => {
    expect(safeHref(raw)).toBe(href);
  });

  it.each([
    'javascript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd',
    '/relative', '//evil.example/', 'https://bank.example@evil.example/', 'https://u:p@example.org/', 'https://exa mple.org/', 'https:///',
    'mailto:', 'https://exa\u0000mple.org/', null, undefined, '',
  ])('refuses %j', (raw) => {
    expect(safeHref(raw)).toBeNull();
  });
});

describe('describeLink', () => {
  it('names the real host, in punycode for an IDN', () => {
    expect(describeLink('https://аррӏе.com/login')).toEqual({
      href: 'https://xn--80ak6aa92e.com/login', scheme: 'https:', destination: 'xn--80ak6aa92e.com', idn: true, display: 'https://xn--80ak6aa92e.com/login',
    });
    expect(describeLink('mailto:bob@example.org?subject=hi')?.destination).toBe('bob@example.org');
    expect(describeLink('xmpp:room@conference.example?join')?.destination).toBe('room@conference.example');
    expect(describeLink('https://example.org:8443/x')?.destination).toBe('example.org:8443');
    expect(describeLink('javascript:alert(1)')).toBeNull();
  });

  it('shows every internationalised domain in punycode, not only web hosts (found by the fuzzer)', () => {
    expect(describeLink('irc://пример.рф:6697/#x')).toMatchObject({ destination: 'xn--e1afmkfd.xn--p1ai:6697', idn: true });
    expect(describeLink('mailto:bob@аррӏе.com')).toMatchObject({ destination: 'bob@xn--80ak6aa92e.com', idn: true });
    expect(describeLink('xmpp:bob@münchen.de/phone')).toMatchObject({ destination: 'bob@xn--mnchen-3ya.de/phone', idn: true });
    expect(describeLink('matrix:u/bob:аррӏе.com')).toMatchObject({ destination: 'u/bob:xn--80ak6aa92e.com', idn: true });
    expect(describeLink('mailto:bob@example.org')).toMatchObject({ destination: 'bob@example.org', idn: false });
  });

  it('removes invisible and direction-changing characters from what it shows', () => {
    expect(stripInvisible('a\u202Eb\u200Bc\u2066d\uFEFF')).toBe('abcd');
    // Found by the fuzzer: the Arabic letter mark is a bidi control too; so are fillers invisible.
    expect(stripInvisible('a\u061Cb\u180Ec\u3164d\u034F')).toBe('abcd');
    expect(hasInvisible('exe.png\u202E')).toBe(true);
    expect(describeLink('mailto:bob%E2%80%AE@example.org')?.destination).toBe('bob@example.org');
  });
});

describe('colours', () => {
  it('maps IRC numbers and Matrix hex colours onto 16 classes', () => {
    expect(ircColourIndex('04')).toBe(4);
    expect(ircColourIndex('99')).toBeNull();
    expect(ircColourIndex('red')).toBeNull();
    expect(hexColourIndex('#ff0000')).toBe(4);
    expect(hexColourIndex('#fe0101')).toBe(4);
    expect(hexColourIndex('url(x)')).toBeNull();
    expect(colourClasses({ ircFg: '1', ircBg: '8', mxColor: null, mxBgColor: null })).toBe('fg-1 bg-8');
    expect(colourClasses({ ircFg: null, ircBg: null, mxColor: 'expression(1)', mxBgColor: null })).toBeUndefined();
  });
});
