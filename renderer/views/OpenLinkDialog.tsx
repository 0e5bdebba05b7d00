/**
 * "Open link": before a link from a message leaves the app, the user sees where it really
 * goes: the host as the URL parser reads it (punycode for an internationalised name), the
 * whole address without invisible or direction-changing characters, and the link's text
 * when it claims something else, quoted as the message showed it (hidden characters as
 * the same markers: renderer/content/hiddenChars.ts).
 */
import { visibleText } from '../content/hiddenChars.js';
import type { LinkDestination } from '../content/links.js';
import { useActions } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { IsolatedText } from './VisibleText.js';
import { useT } from '../i18n/index.js';
import { PART, splitAround } from '../i18n/splitAround.js';

export function OpenLinkDialog({ link, text, onClose }: { readonly link: LinkDestination; readonly text: string; readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const [shownBefore, shownAfter] = splitAround(t('link.shownAs', { text: PART }));
  // Spaces around it only: String.prototype.trim would also drop a BOM the message showed as a marker.
  const quoted = text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  const shownText = visibleText(quoted);
  const textDiffers = shownText !== '' && shownText !== link.display && shownText !== link.destination;
  return (
    <Dialog title={t('link.title')} onClose={onClose}>
      <p>{t('link.goesTo')}</p>
      <p className="link-destination" dir="ltr"><strong>{link.destination}</strong></p>
      {link.idn ? <p className="field-help">{t('link.idn')}</p> : null}
      <p className="link-address" dir="ltr"><code>{link.display}</code></p>
      {textDiffers ? <p className="field-help link-shown-as">{shownBefore}<span className="link-shown-text"><IsolatedText text={quoted} /></span>{shownAfter}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        <button type="button" className="primary" onClick={() => actions.openLink(link.href)}>{t('link.open')}</button>
      </div>
    </Dialog>
  );
}
