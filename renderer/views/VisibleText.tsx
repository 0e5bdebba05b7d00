/**
 * Text from the network on screen: hidden characters (bidi controls, zero-width
 * characters: renderer/content/hiddenChars.ts) as visible markers, and, for a whole
 * message or a name, isolated in a `<bdi>` so that its direction can neither spill into
 * nor be changed by what is around it (HTML §4.5.24, UAX #9 §2.7).
 */
import { revealHidden } from '../content/hiddenChars.js';

export function VisibleText({ text }: { readonly text: string }) {
  return (
    <>
      {revealHidden(text).map((piece, index) => (piece.kind === 'text' ? piece.text
        : <span key={index} className="hidden-char" title={piece.title}>{piece.label}</span>))}
    </>
  );
}

/** A name (sender, room, contact) or one message's text on its own: isolated, hidden characters shown. */
export function IsolatedText({ text }: { readonly text: string }) {
  return <bdi><VisibleText text={text} /></bdi>;
}
