/**
 * Plugins are third-party code: the core checks the shape of every event before acting on
 * it, with the plugin SDK's validators (protocols/api/validation), the same ones plugins and
 * the conformance kit use.
 */
import type { IncomingMessage } from '../../../protocols/api/index.js';

export { protocolEventProblem } from '../../../protocols/api/validation/index.js';

/**
 * The messages of a history page that are of this conversation (their shape was checked
 * with the page, protocols/api/validation/resultSchemas.ts).
 */
export function validHistoryMessages(messages: readonly IncomingMessage[], conversationNetworkId: string): IncomingMessage[] {
  return messages.filter((message) => message.conversationId === conversationNetworkId);
}
