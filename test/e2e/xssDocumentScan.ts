/**
 * The XSS end-to-end test's look at the whole document, not only the message bodies: after
 * a run, every element and attribute of the page must be something the app itself renders.
 * A vector that escaped the message renderer anywhere (a reply quote, a name, a dialog, a
 * tab, the buddy list) would show up here as markup outside this allowlist: an event-handler
 * attribute, a javascript: or other foreign URL, a frame, a script that is not the app's,
 * a <base>, a <style>, a meta refresh, SVG or MathML.
 *
 * The allowlist is written here by hand, independent of the renderer's code, on purpose.
 */
import type { Page } from '@playwright/test';

/** What the app's own views and a message's formatting may put in the page. */
const ELEMENTS = [
  'html', 'head', 'meta', 'title', 'link', 'script', 'body',
  // The app's chrome.
  'div', 'span', 'p', 'button', 'input', 'label', 'select', 'option', 'optgroup', 'textarea', 'form', 'fieldset', 'legend', 'ul', 'ol', 'li',
  'dl', 'dt', 'dd', 'section', 'header', 'main', 'aside', 'nav', 'h1', 'h2', 'h3', 'time', 'progress', 'mark', 'img', 'bdi',
  'details', 'summary', 'kbd',
  // A message's formatting (renderer/content/richNodes.ts's list, written out again).
  'b', 'strong', 'i', 'em', 'u', 's', 'del', 'code', 'pre', 'blockquote', 'br', 'h4', 'h5', 'h6', 'sup', 'sub', 'a',
];

/** The protocol icons of the network badges (views/ProtocolIcon.tsx) and the Plugins dialog's sparklines: SVG, only these elements and attributes, only there. */
const ICON_ELEMENTS = ['svg', 'path', 'polyline'];
const ICON_ATTRIBUTES = ['class', 'viewbox', 'width', 'height', 'aria-hidden', 'focusable', 'd', 'fill', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin',
  // The Plugins dialog's CPU sparkline (views/PluginRow.tsx): an svg with a label and one polyline.
  'role', 'aria-label', 'points'];
/** Elements whose colours the app sets from an id (views/NetworkBadge.tsx, views/Avatar.tsx), and the only style they may have. */
const COLOURED = ['network-badge', 'avatar-initials'];
const COLOUR_STYLE = /^background-color: rgb\(\d{1,3}, \d{1,3}, \d{1,3}\); color: rgb\(\d{1,3}, \d{1,3}, \d{1,3}\);$/;

/**
 * @dnd-kit's accessibility helpers (the buddy list's drag and drop): a hidden description
 * and a visually hidden live region, each with an id of this shape and only this styling.
 */
const DND_HELPER_ID = /^Dnd(?:DescribedBy|LiveRegion)-\d+$/;
const DND_HELPER_STYLE = /^(?:(?:display: none|position: fixed|top: 0px|left: 0px|width: 1px|height: 1px|margin: -1px|border: 0px(?: none)?|padding: 0px|overflow: hidden|clip: rect\([\d\w, ]*\)|clip-path: inset\(100%\)|white-space: nowrap);\s*)+$/;

/**
 * react-virtuoso's parts of the windowed message log (views/MessageLog.tsx): its scroller,
 * viewport, item list and row wrappers (known by the attributes it gives them), placed and
 * sized with these properties only, never inside a message.
 */
const VIRTUOSO_PART = '[data-virtuoso-scroller], [data-viewport-type], [data-testid^="virtuoso-"], [data-known-size]';
const VIRTUOSO_STYLE = /^(?:(?:height|width|top|position|outline|overflow-y|overflow-anchor|box-sizing|margin-top|padding-top|padding-bottom|visibility|z-index): [a-z0-9.%-]+;\s*)+$/;

/** The page's theme and text size on <html> (renderer/state/appearance.ts), and nothing else there. */
const ROOT_STYLE = /^color-scheme: (?:light|dark); font-size: \d{1,2}px;$/;

/** Attributes whose value is a URL, and the URLs each element may have there. */
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'data', 'poster', 'background', 'cite', 'ping', 'xlink:href', 'codebase', 'manifest'];

/** Every piece of markup in the page the app would not have put there, described for a failure message. */
export function scanDocument(page: Page, appUrl: string): Promise<string[]> {
  return page.evaluate(({ elements, urlAttributes, app, iconElements, iconAttributes, coloured, colourStyle, dndId, dndStyle, rootStyle, virtuosoPart, virtuosoStyle }) => {
    const rootStylePattern = new RegExp(rootStyle);
    const virtuosoStylePattern = new RegExp(virtuosoStyle);
    const allowed = new Set(elements);
    const colourPattern = new RegExp(colourStyle);
    const dndIdPattern = new RegExp(dndId);
    const dndStylePattern = new RegExp(dndStyle);
    /** The app's own badge icon: SVG in a badge, never in a message. */
    const ownIcon = (element: Element): boolean => element.namespaceURI === 'http://www.w3.org/2000/svg' && iconElements.includes(element.localName)
      && (element.closest('.network-badge') !== null || element.closest('.plugin-figures') !== null) && element.closest('.message-body') === null;
    const appOrigin = new URL(app).origin;
    const appPath = new URL(app).pathname;
    const own = (url: string): boolean => {
      try {
        const parsed = new URL(url, document.baseURI);
        return parsed.origin === appOrigin && parsed.pathname.startsWith(appPath);
      } catch {
        return false;
      }
    };
    /** Which URLs an attribute may hold on an element; anything else is foreign. */
    const urlAllowed = (element: Element, name: string, value: string): boolean => {
      const tag = element.localName;
      if (tag === 'a' && name === 'href') return /^(?:https?|mailto|xmpp|ircs?|matrix):/.test(value);
      if (tag === 'img' && name === 'src') return /^(?:blob:|data:image\/)/.test(value) || own(value);
      if (tag === 'script' && name === 'src') return own(value);
      if (tag === 'link' && name === 'href') {
        const rel = element.getAttribute('rel') ?? '';
        return (rel === 'icon' && value === 'data:,') || (['stylesheet', 'modulepreload'].includes(rel) && own(value));
      }
      return false;
    };
    const foreign: string[] = [];
    const describe = (element: Element, detail = ''): string => {
      const where = element.closest('[id]')?.id ?? element.closest('[class]')?.getAttribute('class') ?? '';
      return `<${element.localName}${detail}>${where === '' ? '' : ` in ${where}`}`;
    };
    for (const element of document.querySelectorAll('*')) {
      const tag = element.localName;
      if (ownIcon(element)) {
        for (const attribute of element.attributes) {
          if (!iconAttributes.includes(attribute.name.toLowerCase())) foreign.push(describe(element, ` ${attribute.name}="${attribute.value.slice(0, 80)}"`));
        }
        continue;
      }
      if (!allowed.has(tag) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
        foreign.push(describe(element));
        continue;
      }
      if (tag === 'script' && (element.getAttribute('src') === null || element.textContent !== '')) foreign.push(describe(element, ' inline'));
      if (tag === 'meta' && element.getAttribute('http-equiv') !== null && element.getAttribute('http-equiv')?.toLowerCase() !== 'content-security-policy') {
        foreign.push(describe(element, ` http-equiv="${element.getAttribute('http-equiv') ?? ''}"`));
      }
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        const value = attribute.value;
        const shown = ` ${name}="${value.slice(0, name === 'style' ? 400 : 80)}"`;
        if (name.startsWith('on') || ['srcdoc', 'is', 'xmlns', 'target', 'download'].includes(name)) {
          foreign.push(describe(element, shown));
        } else if (urlAttributes.includes(name) && !urlAllowed(element, name, value)) {
          foreign.push(describe(element, shown));
        } else if (name === 'style' && element === document.documentElement) {
          if (!rootStylePattern.test(value)) foreign.push(describe(element, shown));
        } else if (name === 'style' && dndIdPattern.test(element.id) && element.closest('.message-body') === null) {
          // @dnd-kit's hidden helpers, never in a message: hiding styles only.
          if (!dndStylePattern.test(value)) foreign.push(describe(element, shown));
        } else if (name === 'style' && element.matches(virtuosoPart) && element.closest('.message-body') === null) {
          // The windowed log's own placing and sizing: nothing else.
          if (!virtuosoStylePattern.test(value)) foreign.push(describe(element, shown));
        } else if (name === 'style' && coloured.some((name) => element.classList.contains(name)) && element.closest('.message-body') === null) {
          // A badge's or an avatar's colours, derived from an id: nothing else.
          if (!colourPattern.test(value)) foreign.push(describe(element, shown));
        } else if (name === 'style' && (element.closest('.message-body') !== null || !/^(?:(?:height|top): -?[\d.]+px;\s*)+$/.test(value))) {
          // The app positions rows of its virtual lists (height, top) and nothing else.
          foreign.push(describe(element, shown));
        } else if (/^\s*(?:javascript|vbscript|data):/i.test(value) && !urlAllowed(element, name, value)) {
          foreign.push(describe(element, shown));
        }
      }
    }
    return foreign;
  }, { elements: ELEMENTS, urlAttributes: URL_ATTRIBUTES, app: appUrl, iconElements: ICON_ELEMENTS, iconAttributes: ICON_ATTRIBUTES, coloured: COLOURED, colourStyle: COLOUR_STYLE.source,
    dndId: DND_HELPER_ID.source, dndStyle: DND_HELPER_STYLE.source, rootStyle: ROOT_STYLE.source, virtuosoPart: VIRTUOSO_PART, virtuosoStyle: VIRTUOSO_STYLE.source });
}

/**
 * Proves the scan sees what it must (a scan that cannot find anything would make every run
 * pass): planted markup is reported, element by element, then removed.
 */
export async function selfTestDocumentScan(page: Page, appUrl: string): Promise<string[]> {
  await page.evaluate(() => {
    const planted = document.createElement('div');
    planted.id = 'xss-scan-self-test';
    // Not a real event (onclick would be refused by the CSP, a refusal this run must not have): the rule is the prefix.
    planted.setAttribute('onxss', 'void 0');
    const link = document.createElement('a');
    link.setAttribute('href', 'javascript:void 0');
    planted.append(link, document.createElementNS('http://www.w3.org/2000/svg', 'svg'), document.createElement('object'));
    document.body.append(planted);
  });
  const found = await scanDocument(page, appUrl);
  await page.evaluate(() => document.getElementById('xss-scan-self-test')?.remove());
  return found;
}
