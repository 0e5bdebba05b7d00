// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { XSS_CORPUS } from '../../test/fixtures/xssCorpus.js';
import { RichText } from '../views/RichText.js';
import { linkifyText } from './linkify.js';
import { visibleText } from './hiddenChars.js';
import { describeLink } from './links.js';
import { LINK_PROTOCOLS, plainText, type RichNode } from './richNodes.js';
import { sanitizeHtml, sanitizeToFragment } from './sanitizeHtml.js';

afterEach(cleanup);

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

function linkHrefs(nodes: readonly RichNode[]): string[] {
  return nodes.flatMap((node) => (node.type === 'link' ? [node.href] : node.type === 'element' ? linkHrefs(node.children) : []));
}

describe('the XSS corpus (test/fixtures/xssCorpus.ts, also sent through every network by test/e2e/xss.e2e.ts)', () => {
  it('has at least 60 vectors with unique names', () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(XSS_CORPUS.map((vector) => vector.name)).size).toBe(XSS_CORPUS.length);
  });

  it.each(XSS_CORPUS.map((vector) => [vector.name, vector] as const))('%s as HTML: only allowlisted markup, the expected text and links', (_, vector) => {
    const fragment = sanitizeToFragment(vector.payload);
    expect(fragment.querySelector('script, style, svg, math, iframe, object, embed, form, input')).toBeNull();
    for (const element of fragment.querySelectorAll('*')) {
      expect([...element.attributes].map((attribute) => attribute.name).filter((name) => !['href', 'data-irc-fg', 'data-irc-bg', 'data-mx-color', 'data-mx-bg-color'].includes(name))).toEqual([]);
    }
    const nodes = sanitizeHtml(vector.payload);
    expect(visibleText(plainText(nodes))).toBe(vector.asHtml.text);
    expect(linkHrefs(nodes)).toEqual(vector.asHtml.links ?? []);
    const { container, unmount } = render(createElement(RichText, { nodes, onOpenLink: () => undefined }));
    assertSafe(container);
    expect(container.textContent).toBe(vector.asHtml.text);
    unmount();
  });

  it.each(XSS_CORPUS.map((vector) => [vector.name, vector] as const))('%s as plain text: shown exactly, ordinary addresses linked', (_, vector) => {
    const nodes = linkifyText(vector.payload);
    expect(plainText(nodes)).toBe(vector.payload);
    expect(linkHrefs(nodes)).toEqual(vector.textLinks ?? []);
    const { container, unmount } = render(createElement(RichText, { nodes, onOpenLink: () => undefined }));
    assertSafe(container);
    expect(container.textContent).toBe(vector.shown ?? vector.payload);
    unmount();
  });
});

describe('sanitizeHtml', () => {
  it('keeps the allowed formatting and turns colour attributes into classes', () => {
    const { container } = render(createElement(RichText, {
      nodes: sanitizeHtml('<p><b>bold</b> <em>em</em> <code>x()</code><br><span data-irc-fg="04" data-irc-bg="1">red on black</span> <span data-mx-color="#0000ff">blue</span></p><ul><li>one</li></ul><blockquote>q</blockquote><h1>Title</h1><sup>2</sup><del>old</del>'),
      onOpenLink: () => undefined,
    }));
    expect(container.innerHTML).toBe(
      '<bdi><p><b>bold</b> <em>em</em> <code>x()</code><br><span class="fg-4 bg-1">red on black</span> <span class="fg-12">blue</span></p>'
      + '<ul><li>one</li></ul><blockquote>q</blockquote><h1>Title</h1><sup>2</sup><del>old</del></bdi>',
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

  it('drops a link with nothing to see (an empty <a> left by a nested one) and keeps its text', () => {
    expect(sanitizeHtml('<a href="https://ok.example/"><a href="https://b.example/">nested</a></a>')).toEqual([
      { type: 'link', href: 'https://b.example/', children: [{ type: 'text', text: 'nested' }] },
    ]);
    expect(sanitizeHtml('x<a href="https://ok.example/"> </a>y')).toEqual([{ type: 'text', text: 'x' }, { type: 'text', text: ' ' }, { type: 'text', text: 'y' }]);
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
