/**
 * "Open link": before a link from a message leaves the app, the user sees where it really
 * goes: the host as the URL parser reads it (punycode for an internationalised name), the
 * whole address without invisible or direction-changing characters, and the link's text
 * when it claims something else.
 */
import type { LinkDestination } from '../content/links.js';
import { stripInvisible } from '../content/links.js';
import { useActions } from './AppContext.js';
import { Dialog } from './Dialog.js';

export function OpenLinkDialog({ link, text, onClose }: { readonly link: LinkDestination; readonly text: string; readonly onClose: () => void }) {
  const actions = useActions();
  const shownText = stripInvisible(text).trim();
  const textDiffers = shownText !== '' && shownText !== link.display && shownText !== link.destination;
  return (
    <Dialog title="Open link" onClose={onClose}>
      <p>This link goes to:</p>
      <p className="link-destination" dir="ltr"><strong>{link.destination}</strong></p>
      {link.idn ? <p className="field-help">This name has non-Latin letters; it is shown as the network sees it (punycode). Check it is the site you expect.</p> : null}
      <p className="link-address" dir="ltr"><code>{link.display}</code></p>
      {textDiffers ? <p className="field-help">The message shows it as “<bdi>{shownText}</bdi>”.</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>Cancel</button>
        <button type="button" className="primary" onClick={() => actions.openLink(link.href)}>Open</button>
      </div>
    </Dialog>
  );
}
