import type { Migration } from './migration.js';
import { migration0001Initial } from './0001-initial.js';
import { migration0002PluginState } from './0002-plugin-state.js';
import { migration0003ContactsReactionsRichMessages } from './0003-contacts-reactions-rich-messages.js';
import { migration0004MessageSearch } from './0004-message-search.js';
import { migration0005ContactAvatars } from './0005-contact-avatars.js';
import { migration0006SenderTrust } from './0006-sender-trust.js';
import { migration0007SearchTimeMarks } from './0007-search-time-marks.js';
import { migration0008Persons } from './0008-persons.js';
import { migration0009HistoryGaps } from './0009-history-gaps.js';
import { migration0010Preferences } from './0010-preferences.js';
import { migration0011MessageOrder } from './0011-message-order.js';
import { migration0012BuddyGroups } from './0012-buddy-groups.js';
import { migration0013SearchIndexPending } from './0013-search-index-pending.js';
import { migration0014MessageThreadsMentions } from './0014-message-threads-mentions.js';
import { migration0015ConversationGroups } from './0015-conversation-groups.js';
import { migration0016RoomLeavesPending } from './0016-room-leaves-pending.js';

/** Every migration, in order. Append only. */
export const migrations: readonly Migration[] = [migration0001Initial, migration0002PluginState, migration0003ContactsReactionsRichMessages, migration0004MessageSearch, migration0005ContactAvatars, migration0006SenderTrust,
  migration0007SearchTimeMarks, migration0008Persons, migration0009HistoryGaps, migration0010Preferences, migration0011MessageOrder,
  migration0012BuddyGroups, migration0013SearchIndexPending, migration0014MessageThreadsMentions,
  migration0015ConversationGroups, migration0016RoomLeavesPending];
