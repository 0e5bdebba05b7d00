/** The small shield beside a message from an encrypted conversation (see state/messageTrust). */
import type { MessageView } from '../../electron/bridge/schemas.js';
import { trustMark } from '../state/messageTrust.js';

const GLYPHS = { verified: '🛡', warning: '⚠', notice: 'ⓘ' } as const;

export function TrustMarkIcon({ message }: { readonly message: MessageView }) {
  const mark = trustMark(message);
  if (!mark) return null;
  return (
    <span className={`trust-mark ${mark.tone}`} role="img" aria-label={mark.label} title={mark.explanation}>
      {GLYPHS[mark.tone]}
    </span>
  );
}
