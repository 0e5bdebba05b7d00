/** The avatar next to a message's sender: their contact picture on this account if the buddy list has one, else their initials. */
import type { MessageView } from '../../electron/bridge/schemas.js';
import { contactKey } from '../state/contacts.js';
import { useAppStore } from './AppContext.js';
import { Avatar } from './Avatar.js';

export function SenderAvatar({ message }: { readonly message: MessageView }) {
  const accountId = useAppStore('conversations', (state) => state.byId.get(message.conversationId)?.accountId);
  const picture = useAppStore('contacts', (state) => (accountId === undefined ? undefined : state.byKey.get(contactKey(accountId, message.senderId))?.avatarDataUrl));
  return <Avatar id={message.senderId} name={message.senderName} imageUrl={picture} size="small" />;
}
