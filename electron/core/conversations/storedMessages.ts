/**
 * The two steps every action on a stored message shares (the user's edits and reactions,
 * the outbox's retries): find it or say it is gone, and announce what changed.
 */
import type { Message } from '../model/message.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import { notFound } from '../model/coreError.js';
import type { MessagesRepository } from '../store/messagesRepository.js';

export function requireMessage(messages: Pick<MessagesRepository, 'get'>, messageId: number): Message {
  const message = messages.get(messageId);
  if (!message) throw notFound('There is no such message.');
  return message;
}

/** Announces a message a repository write returned (message.updated); a write that found none means it vanished. */
export function announceUpdated(events: EventBatcher, message: Message | undefined): Message {
  if (!message) throw notFound('The message vanished.');
  events.emit({ type: 'message.updated', payload: { message } });
  return message;
}
