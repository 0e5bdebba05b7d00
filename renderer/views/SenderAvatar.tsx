/** The avatar next to a message's sender: their contact picture on this account if the buddy list has one, else their initials (none when avatars are off). */
import type { MessageView } from '../../electron/bridge/schemas.js';
import { contactKey } from '../state/contacts.js';
import { useAppStore } from './AppContext.js';
import { RowAvatar } from './RowAvatar.js';

export function SenderAvatar({ message }: { readonly message: MessageView }) {
  const accountId = useAppStore('conversations', (state) => state.byId.get(message.conversationId)?.accountId);
  const picture = useAppStore('contacts', (state) => (accountId === undefined ? undefined : state.byKey.get(contactKey(accountId, message.senderId))?.avatarDataUrl));
  return <RowAvatar id={message.senderId} name={message.senderName} imageUrl={picture} size="small" />;
}
