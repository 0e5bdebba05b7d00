/**
 * The bridge contract: every request the UI can make and every event the core sends.
 * Both transports (Electron IPC through the preload, WebSocket in headless mode) carry
 * exactly these, and `docs/bridge.md` is generated from this file.
 */
import { z } from 'zod';
import {
  accountViewSchema, contactViewSchema, conversationViewSchema, fieldValueSchema, memberRoleChangeSchema, memberViewSchema, roomSettingsViewSchema, roomAffiliationSchema, affiliationEntryViewSchema,
  messageCursorSchema, messageViewSchema, pluginViewSchema, presenceViewSchema, requestViewSchema,
  roomDirectoryEntrySchema, settingsInputSchema, personViewSchema, bridgeErrorSchema, savedFileSchema, attachmentPreviewSchema,
  historyGapViewSchema, buddyGroupViewSchema, mergeSuggestionSchema, personMemberSchema,
} from './schemas.js';
import { preferencesPatchSchema, preferencesSchema } from './preferences.js';
import { linkResolutionSchema } from './linkSchemas.js';
import { pluginInstallPreviewSchema, pluginInstallSourceSchema, pluginOverviewSchema } from './pluginSchemas.js';
import { statusChoiceSchema, statusViewSchema } from './userStatus.js';
import { currentProfileSchema, ownProfileInputSchema } from './ownProfile.js';
import { matrixLoginOptionsParamsSchema, matrixLoginOptionsSchema, matrixSsoAttemptSchema, matrixSsoLoginSchema, matrixSsoStartSchema } from './matrixSso.js';

const accountRef = z.object({ accountId: z.string().min(1) });
const conversationRef = z.object({ conversationId: z.number().int() });
const messageRef = z.object({ messageId: z.number().int() });
const attachmentRef = messageRef.extend({ index: z.number().int().min(0).max(99) });
const contactRef = accountRef.extend({ contactId: z.string().min(1).max(512) });
const contactEdit = contactRef.extend({
  displayName: z.string().max(256).optional(),
  groups: z.array(z.string().min(1).max(256)).max(64).optional(),
});
const none = z.null();
/** Whose log the log viewer shows (electron/core/store/logDaysRepository.ts). */
const logSubjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('conversation'), conversationId: z.number().int() }),
  z.object({ kind: z.literal('buddy'), accountId: z.string().min(1), contactId: z.string().min(1).max(512) }),
  z.object({ kind: z.literal('person'), personId: z.number().int() }),
]);
const storageStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok') }),
  z.object({ state: z.literal('full'), freeBytes: z.number(), folder: z.string(), dropped: z.number().int() }),
]);

function request<P extends z.ZodType, R extends z.ZodType>(description: string, params: P, result: R) {
  return { description, params, result };
}

/** Requests: a named verb, its parameters, and what it resolves to. */
export const requests = {
  'plugins.list': request('The protocol plugins loaded, with the account fields each needs.',
    z.object({}), z.array(pluginViewSchema)),
  'plugins.overview': request('Every plugin with its version, source, state (with the last error), accounts and the last minute of its resource use (the Plugins dialog).',
    z.object({}), z.array(pluginOverviewSchema)),
  'plugins.inspectInstall': request(
    'Bring a plugin to install (a folder on the core\'s computer, a packed .tgz, or an npm package name, checked against the registry\'s integrity) into staging and read its manifest in the sandbox. Nothing is installed until plugins.confirmInstall names the token.',
    z.object({ source: pluginInstallSourceSchema }), pluginInstallPreviewSchema),
  'plugins.confirmInstall': request('Install (or update to) the inspected plugin into the profile and start it, sandboxed; resolves with its id.',
    z.object({ token: z.string().min(1).max(64) }), z.object({ pluginId: z.string() })),
  'plugins.cancelInstall': request('Forget an inspected plugin without installing it.', z.object({ token: z.string().min(1).max(64) }), none),
  'plugins.remove': request('Remove an installed plugin and its data (refused while accounts use it).', z.object({ pluginId: z.string().min(1) }), none),
  'plugins.setEnabled': request('Enable or disable a plugin; a disabled plugin stays stopped across restarts and its accounts show why.',
    z.object({ pluginId: z.string().min(1), enabled: z.boolean() }), none),
  'plugins.restart': request('Start a plugin afresh (also one disabled after repeated crashes); its accounts reconnect.', z.object({ pluginId: z.string().min(1) }), none),
  'accounts.list': request('All accounts with their connection state.',
    z.object({}), z.array(accountViewSchema)),
  'accounts.add': request(
    'Create an account from the values of its plugin\'s account fields (secrets go to the secret store) and connect it.',
    z.object({ pluginId: z.string().min(1), settings: settingsInputSchema }), accountViewSchema),
  'accounts.update': request(
    'Change an account\'s settings (a secret left out keeps its stored value) and reconnect it.',
    accountRef.extend({ settings: settingsInputSchema }), accountViewSchema),
  'accounts.remove': request('Disconnect and delete an account, its secrets and its history.',
    accountRef, none),
  'accounts.trustCertificate': request(
    'Trust exactly this certificate (by SHA-256 fingerprint) for this account, after a certificate error showed it, and reconnect. A different certificate later fails again.',
    accountRef.extend({ fingerprint256: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'a SHA-256 fingerprint as AA:BB:…') }), accountViewSchema),
  'accounts.connect': request('Connect (or reconnect now) and keep the account enabled.', accountRef, none),
  'accounts.disconnect': request('Disconnect and keep the account offline until connected again.', accountRef, none),
  'accounts.reorder': request('Put the accounts in this order (every account id once), kept in the profile; accounts.list lists them so.',
    z.object({ accountIds: z.array(z.string().min(1)).max(1000) }), none),
  'conversations.list': request('All open conversations of every account.',
    z.object({}), z.array(conversationViewSchema)),
  'conversations.joinRoom': request('Join a room (an IRC channel, an XMPP MUC, a Matrix room).',
    accountRef.extend({
      room: z.string().min(1).max(512), password: z.string().max(512).optional(), nick: z.string().min(1).max(256).optional(),
      /** Matrix: servers to join through (a link's via=). */
      via: z.array(z.string().min(1).max(255)).max(20).optional(),
    }),
    conversationViewSchema),
  'conversations.openDirect': request('Open a direct conversation with someone by their network id.',
    accountRef.extend({ contactId: z.string().min(1).max(512) }), conversationViewSchema),
  'conversations.leave': request('Leave a room or close a direct conversation; its history stays.',
    conversationRef, none),
  'conversations.show': request(
    'Show a stored conversation again, also one closed or a room left long ago (a search result, imported history): marks it open and returns its view. Nothing goes to the network: a room not open is shown as not joined.',
    conversationRef, conversationViewSchema),
  'conversations.markRead': request(
    'Reset the unread count of a conversation and tell the network how far the user read; with `threadRoot` (the message id of a thread\'s first message), how far they read that thread.',
    conversationRef.extend({ threadRoot: z.number().int().optional() }), none),
  'messages.thread': request(
    'The newest messages of a thread (`root`: the message id of its first message), oldest first. Messages in a thread carry `threadRootId` and are not part of the main log.',
    conversationRef.extend({ root: z.number().int(), limit: z.number().int().min(1).max(500) }),
    z.array(messageViewSchema)),
  'messages.list': request(
    'A page of a conversation\'s messages, oldest first, ending just before the cursor (or at the newest).',
    conversationRef.extend({ before: messageCursorSchema.optional(), limit: z.number().int().min(1).max(500) }),
    z.array(messageViewSchema)),
  'messages.send': request(
    'Send a message. It is stored first and returned with status "sending"; updates follow as message.updated.',
    conversationRef.extend({
      body: z.string().min(1),
      kind: z.enum(['text', 'action', 'notice']).optional(),
      /** The message this one replies to. */
      replyTo: z.number().int().optional(),
      /** The first message of the thread to reply in (a message of the main log). */
      threadRoot: z.number().int().optional(),
      /** Network ids of the members the user picked to mention (networks with intentional mentions). */
      mentionIds: z.array(z.string().min(1).max(512)).max(100).optional(),
    }),
    messageViewSchema),
  'messages.sendFile': request(
    'Send a file (up to 40 MB) into a conversation whose capabilities include fileUpload: either its bytes as base64 (the Electron app) or, in headless mode, the uploadId the server answered to an HTTP POST of the file to `<token>/upload` (WebSocket frames are limited to 1 MB). Stored first as a message with the file as attachment; its status follows like a text message\'s.',
    conversationRef.extend({
      name: z.string().min(1).max(255),
      mimeType: z.string().min(1).max(255),
      dataBase64: z.string().max(56 * 1024 * 1024).optional(),
      uploadId: z.string().min(1).max(64).optional(),
    }),
    messageViewSchema),
  'messages.fetchOlder': request(
    'Ask the network for history older than the oldest stored message; what it finds is stored. Resolves with how many messages were added and whether the beginning was reached.',
    conversationRef.extend({ limit: z.number().int().min(1).max(500) }),
    z.object({ added: z.number().int(), complete: z.boolean() })),
  'history.gaps': request(
    'Where a conversation\'s messages may be missing (a network\'s catch-up stopped early), oldest first. A gap whose range is already stored is not listed.',
    conversationRef, z.array(historyGapViewSchema)),
  'history.fillGap': request(
    'Load the messages missing in a gap: the core pages back through the network\'s history from the gap\'s newer end until it meets the older end or a stored message, stores what comes (once per network id), then removes the gap, or shrinks it when the network ran out of pages. On failure the gap is kept and the error says why.',
    z.object({ gapId: z.number().int() }), z.object({ added: z.number().int(), filled: z.boolean() })),
  'messages.retry': request('Put a failed message back in the outbox; it is sent when its account is online.', messageRef, messageViewSchema),
  'messages.cancel': request('Remove a queued or failed message of the user\'s before it is sent.', messageRef, none),
  'messages.edit': request('Correct one of the user\'s own messages.', messageRef.extend({ body: z.string().min(1) }), messageViewSchema),
  'messages.delete': request('Retract one of the user\'s own messages.', messageRef, none),
  'messages.react': request('Set the user\'s reactions to a message (the whole set; empty removes them).',
    messageRef.extend({ reactions: z.array(z.string().min(1).max(64)).max(20) }), none),
  'attachments.save': request(
    'Download a received message\'s attachment (by its index) into the downloads folder under a safe, unique name; progress comes as attachment.progress. Nothing is opened.',
    attachmentRef, savedFileSchema),
  'attachments.preview': request(
    'Fetch an image attachment (a thumbnail where the network has one, size-capped) for a preview the user asked for. Only PNG, JPEG, GIF and WebP, judged from the bytes.',
    attachmentRef, attachmentPreviewSchema),
  'attachments.cancel': request(
    'Cancel the save or preview of an attachment in progress: the download stops, its request fails with "The download was cancelled." and no partial file is left. Nothing running is no error.',
    attachmentRef, none),
  'members.list': request('The current members of a room.', conversationRef, z.array(memberViewSchema)),
  'members.kick': request('Remove a member from a room.',
    conversationRef.extend({ memberId: z.string().min(1), reason: z.string().max(512).optional() }), none),
  'members.setRole': request('Change a member\'s standing in a room (voice, moderator, member, admin, owner, none, ban): one of the member\'s `roleChanges`. The new standing arrives as members.changed.',
    conversationRef.extend({ memberId: z.string().min(1), change: memberRoleChangeSchema, reason: z.string().max(512).optional() }), none),
  'conversations.destroy': request('Destroy a room the user owns, with an optional reason told to everyone in it; the room is then shown as left.',
    conversationRef.extend({ reason: z.string().max(512).optional() }), none),
  'conversations.roomSettings': request('A room\'s settings as its owner may change them (members-only, persistent, moderated, password, name, description, public listing), each only where the room offers it.',
    conversationRef, roomSettingsViewSchema),
  'conversations.setRoomSettings': request('Change the given settings of a room the user owns; the others stay as they are.',
    conversationRef.extend({ settings: roomSettingsViewSchema }), none),
  'conversations.affiliations': request('The addresses holding one affiliation in a room (members, banned, admins or owners), whether they are in the room or not.',
    conversationRef.extend({ affiliation: roomAffiliationSchema }), z.array(affiliationEntryViewSchema)),
  'conversations.setAffiliation': request('Give an address an affiliation in a room, or take it away (none), whether they are in the room or not; the reason goes with a ban.',
    conversationRef.extend({ address: z.string().min(1).max(3071), affiliation: z.union([roomAffiliationSchema, z.literal('none')]), reason: z.string().max(512).optional() }), none),
  'conversations.invite': request('Invite someone into a room.',
    conversationRef.extend({ contactId: z.string().min(1).max(512) }), none),
  'conversations.setTopic': request('Change a room\'s topic.', conversationRef.extend({ topic: z.string().max(4096) }), none),
  'conversations.setNick': request('Change the user\'s nick in one room.', conversationRef.extend({ nick: z.string().min(1).max(256) }), none),
  'conversations.setTyping': request('Tell the others whether the user is typing.',
    conversationRef.extend({ state: z.enum(['active', 'paused', 'done']) }), none),
  'contacts.list': request('Every contact on every account\'s buddy list.', z.object({}), z.array(contactViewSchema)),
  'contacts.add': request('Add someone to an account\'s buddy list (and ask for their presence).', contactEdit, none),
  'contacts.update': request('Rename or regroup a contact.', contactEdit, none),
  'contacts.remove': request('Remove a contact from an account\'s buddy list.', contactRef, none),
  'contacts.setBlocked': request('Block or unblock someone.', contactRef.extend({ blocked: z.boolean() }), none),
  'people.list': request('Every person: buddies of different accounts merged by the user because they are the same human.',
    z.object({}), z.array(personViewSchema)),
  'contacts.merge': request(
    'Merge a contact with another one (of any account) into one person, joining their persons if they are in one; optionally name the person (trimmed, controls removed, at most 100 characters). At most 20 buddies per person.',
    contactRef.extend({
      withAccountId: z.string().min(1),
      withContactId: z.string().min(1).max(512),
      name: z.string().max(4096).optional(),
    }), personViewSchema),
  'people.rename': request('Rename a person (trimmed, controls removed, at most 100 characters); a blank name calls it after its first buddy again.',
    z.object({ personId: z.number().int(), name: z.string().max(4096) }), personViewSchema),
  'people.open': request(
    'Open (or return) the direct conversation with a person\'s preferred buddy: the most reachable one (available, busy, away, extended away, in that order), a tie going to the one with the most recent direct conversation; when none is online, the first merged.',
    z.object({ personId: z.number().int() }), conversationViewSchema),
  'contacts.separate': request('Take a contact out of its person; a person left with one buddy is dissolved.', contactRef, none),
  'groups.list': request('The buddy list\'s groups, in the user\'s order, merged across networks by name.', z.object({}), z.array(buddyGroupViewSchema)),
  'groups.create': request('Add an empty group at the end (its name trimmed, controls removed, at most 100 characters).',
    z.object({ name: z.string().max(4096) }), z.array(buddyGroupViewSchema)),
  'groups.rename': request('Rename a group, on every account: XMPP buddies in it are regrouped on the server (RFC 6121 roster set).',
    z.object({ name: z.string().min(1).max(256), to: z.string().max(4096) }), z.array(buddyGroupViewSchema)),
  'groups.remove': request('Delete a group: its buddies stay in their other groups, or go to "Buddies" (which cannot be deleted).',
    z.object({ name: z.string().min(1).max(256) }), z.array(buddyGroupViewSchema)),
  'groups.reorder': request('Put the named groups first, in this order (the others follow in theirs).',
    z.object({ names: z.array(z.string().min(1).max(256)).max(2000) }), z.array(buddyGroupViewSchema)),
  'groups.setCollapsed': request('Collapse or expand a group (kept in the profile).',
    z.object({ name: z.string().min(1).max(256), collapsed: z.boolean() }), z.array(buddyGroupViewSchema)),
  'groups.moveContact': request(
    'Move a buddy out of the group it was shown in (`from`; every group when left out) into `to`: on the server for networks that keep groups (XMPP roster), in the profile for the others.',
    contactRef.extend({ from: z.string().min(1).max(256).optional(), to: z.string().min(1).max(256) }), none),
  'groups.movePerson': request('Show a person in a group, and move each of its buddies there.',
    z.object({ personId: z.number().int(), to: z.string().min(1).max(256) }), none),
  'people.suggestions': request('Pairs of buddies of different accounts that look like the same person, for a "Merge?" offer.',
    z.object({}), z.array(mergeSuggestionSchema)),
  'people.dismissSuggestion': request('The two buddies are not the same person: never suggest merging them again.',
    z.object({ a: personMemberSchema, b: personMemberSchema }), none),
  'accounts.setProfile': request(
    'Publish the user\'s own display name and/or picture on an online account whose plugin has the `ownProfile` capability (XMPP nickname and avatar, Matrix display name and avatar). A field left out stays as it was; `removePicture` removes the picture (plugins with `ownProfileRead`). The picture is PNG, JPEG, GIF or WebP, judged from its bytes, up to 512 KB; the network may accept less and says so in words.',
    accountRef.extend(ownProfileInputSchema.shape), none),
  'accounts.profile': request(
    'The display name and picture the user shows everyone on an online account whose plugin has the `ownProfileRead` capability, as the network has them now.',
    accountRef, currentProfileSchema),
  'accounts.setPresence': request('Set the user\'s presence on an account.', accountRef.extend({ presence: presenceViewSchema }), none),
  'requests.list': request('Open requests from the networks (subscriptions, invites, verifications).',
    z.object({}), z.array(requestViewSchema)),
  'requests.answer': request('Answer a request with one of its choices.',
    accountRef.extend({ requestId: z.string().min(1), choiceId: z.string().min(1) }), none),
  'rooms.directory': request('Search an account\'s room directory (IRC LIST, XMPP disco, Matrix public rooms), another server\'s (`server`), or list the rooms in a space (`space`).',
    accountRef.extend({
      query: z.string().max(256), limit: z.number().int().min(1).max(1000),
      /** Another server's directory (the plugin's `roomDirectoryServers`), as typed. */
      server: z.string().max(255).optional(),
      /** The rooms in a space: its conversation's network id. */
      space: z.string().max(255).optional(),
    }), z.array(roomDirectoryEntrySchema)),
  'search.query': request(
    'Full-text search of stored messages, newest first, everywhere or narrowed by every filter given: account, network (a plugin id, all its accounts), conversation, a buddy or a person (their chats, and what they said in rooms; a person on every account), sender (display name or network id, whole, any case), times (ms, inclusive), has a web link, has a file. Words match from their start; words in double quotes match as a phrase. In `snippet` the matches are between U+0002 and U+0003 (show them as marks, as text).',
    z.object({
      query: z.string().min(1).max(512),
      accountId: z.string().optional(),
      conversationId: z.number().int().optional(),
      sender: z.string().min(1).max(512).optional(),
      since: z.number().int().optional(),
      until: z.number().int().optional(),
      hasLink: z.boolean().optional(),
      hasFile: z.boolean().optional(),
      network: z.string().min(1).max(128).optional(),
      buddy: z.object({ accountId: z.string().min(1), contactId: z.string().min(1).max(512) }).optional(),
      personId: z.number().int().optional(),
      limit: z.number().int().min(1).max(200),
    }),
    z.array(z.object({ message: messageViewSchema, snippet: z.string() }))),
  'logs.days': request(
    'The log viewer: the days on which a room or chat, a buddy (its chat on one account) or a person (their chats on every account) has stored messages, with how many, newest first. Days are the user\'s local days in `timeZone` (IANA, the window\'s own).',
    z.object({ subject: logSubjectSchema, timeZone: z.string().min(1).max(64) }),
    z.array(z.object({ day: z.string(), count: z.number().int() }))),
  'logs.read': request(
    'One local day (YYYY-MM-DD in `timeZone`) of a log subject\'s messages, oldest first: at most 2,000, `truncated` when the day has more. A day without messages gives none.',
    z.object({ subject: logSubjectSchema, timeZone: z.string().min(1).max(64), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    z.object({ day: z.string(), messages: z.array(messageViewSchema), truncated: z.boolean() })),
  'history.export': request(
    'Export stored history into the downloads folder: everything, one account, one conversation or one person\'s chats, optionally within times (ms, inclusive). txt and jsonl give one file; html a folder with one self-contained page per conversation. Progress comes as history.exportProgress; written under a temporary name, so a cancelled or failed export leaves nothing.',
    z.object({
      format: z.enum(['txt', 'jsonl', 'html']),
      accountId: z.string().min(1).optional(),
      conversationId: z.number().int().optional(),
      personId: z.number().int().optional(),
      since: z.number().optional(),
      until: z.number().optional(),
    }),
    z.object({ path: z.string(), messages: z.number().int(), conversations: z.number().int() })),
  'history.cancelExport': request('Cancel the export in progress (it fails with "The export was cancelled; nothing was written."). Nothing running is no error.',
    z.object({}), none),
  'history.import': request(
    'Import logs from a file or folder on the core\'s machine: Pidgin\'s log tree, WeeChat logger files, irssi autologs, or a Switchboard JSON Lines export. Each file is imported whole or not at all; what is already stored is not added again. Progress comes as history.importProgress; `summary` says in words what was added and which files were skipped, and why.',
    z.object({ from: z.enum(['pidgin', 'weechat', 'irssi', 'jsonl']), path: z.string().min(1).max(4096) }),
    z.object({
      messages: z.number().int(), conversations: z.number().int(), duplicates: z.number().int(), accountsCreated: z.number().int(),
      skipped: z.array(z.object({ path: z.string(), reason: z.string() })), cancelled: z.boolean(), summary: z.string(),
    })),
  'history.cancelImport': request('Cancel the import in progress after the file being imported (files already imported stay). Nothing running is no error.',
    z.object({}), none),
  'history.retention': request('How long an account\'s messages are kept: `days`, or forever when absent (the default).',
    accountRef, z.object({ days: z.number().int().optional() })),
  'history.setRetention': request('Keep an account\'s messages forever (null) or delete those older than `days`, daily.',
    accountRef.extend({ days: z.number().int().min(1).max(36500).nullable() }), none),
  'history.retentionPreview': request('How many of an account\'s messages a limit of `days` would delete now (shown before deleting).',
    accountRef.extend({ days: z.number().int().min(1).max(36500) }), z.object({ count: z.number().int() })),
  'history.applyRetention': request('Delete now the account\'s messages older than its limit (they leave search too); resolves with how many.',
    accountRef, z.object({ deleted: z.number().int() })),
  'storage.state': request('Whether the profile\'s disk takes writes (see the storage.state event).',
    z.object({}), storageStateSchema),
  'preferences.get': request('The user\'s preferences (electron/bridge/preferences.ts), the same in every window.',
    z.object({}), preferencesSchema),
  'preferences.set': request('Change some preferences; the others keep their values. Resolves to all of them; every window gets preferences.changed.',
    preferencesPatchSchema, preferencesSchema),
  'matrix.loginOptions': request('How a Matrix homeserver lets users sign in (the Add account dialog): its URL (found from the user id when not given), password, single sign-on with its identity providers, and the OAuth 2.0 issuer of next-generation auth when it delegates to one.',
    matrixLoginOptionsParamsSchema, matrixLoginOptionsSchema),
  'matrix.ssoStart': request('Start a single sign-on: the core opens a one-shot listener on 127.0.0.1 and resolves with the homeserver address for the UI to open in the browser (window.open: the system browser in the app, a tab in headless mode).',
    matrixSsoStartSchema, matrixSsoAttemptSchema.extend({ url: z.string() })),
  'matrix.ssoFinish': request('Wait (up to 5 minutes) for the browser to come back from the sign-on, and log in with its token (m.login.token); resolves with the new session for the account\'s access token. Fails in words on a timeout, a state mismatch or a refusal.',
    matrixSsoAttemptSchema, matrixSsoLoginSchema),
  'matrix.ssoCancel': request('Stop waiting for a sign-on (its listener closes).', matrixSsoAttemptSchema, none),
  'links.resolve': request(
    'Read a link (xmpp:, irc:, ircs:, matrix:, https://matrix.to/#/…) into the action it asks for, or why it is refused, with the accounts that fit. Nothing is done: the UI asks the user, then makes the ordinary requests.',
    z.object({ uri: z.string().max(100_000) }), linkResolutionSchema),
  'links.take': request('The links the system handed to the app (command line, another launch, macOS open-url) that no window took yet, read as links.resolve reads them; each is given to one window only.',
    z.object({}), z.array(linkResolutionSchema)),
  'status.get': request('The user\'s status: the global one, the accounts\' own ones, saved statuses, whether auto-away is in effect, and notes where a network cannot show it.',
    z.object({}), statusViewSchema),
  'status.set': request('Set the global status (every account without one of its own; Offline disconnects them, another status connects them back). With savedName, that saved status moves to the top.',
    statusChoiceSchema.extend({ savedName: z.string().max(100).optional() }), statusViewSchema),
  'status.setAccount': request('Give an account a status of its own, or (null) let it follow the global status again.',
    accountRef.extend({ status: statusChoiceSchema.nullable() }), statusViewSchema),
  'status.save': request('Save a status and message under a name (replacing one of the same name); saved statuses are listed most recently used first.',
    statusChoiceSchema.extend({ name: z.string().min(1).max(100) }), statusViewSchema),
  'status.forget': request('Delete a saved status.', z.object({ name: z.string().min(1).max(100) }), statusViewSchema),
  'activity.report': request('The page saw keyboard or pointer input (headless mode\'s idle time for auto-away; send at most about once a second).',
    z.object({}), none),
  'commands.run': request('Run a plugin\'s slash command (one of plugins.list\'s commands) on an account.',
    accountRef.extend({ command: z.string().min(1).max(64), args: z.string().max(100_000), conversationId: z.number().int().optional() }), none),
} as const;

function event<P extends z.ZodType>(description: string, payload: P) {
  return { description, payload };
}

/** Events: what the core tells the UI, in batches. */
export const events = {
  'account.changed': event('An account was added or its settings or connection state changed.',
    z.object({ account: accountViewSchema })),
  'account.removed': event('An account was deleted.', z.object({ accountId: z.string() })),
  'accounts.reordered': event('The user put the accounts in a new order (every account id, first first).',
    z.object({ accountIds: z.array(z.string()) })),
  'conversation.changed': event('A conversation was opened or changed (title, topic, unread, joined).',
    z.object({ conversation: conversationViewSchema })),
  'conversation.removed': event('A conversation was closed.', z.object({ conversationId: z.number().int() })),
  'message.added': event('A message was stored (received, or sent by the user).',
    z.object({ message: messageViewSchema })),
  'message.updated': event('A stored message changed (sent, failed, confirmed, edited, reacted to, read).',
    z.object({ message: messageViewSchema })),
  'message.progress': event('How much of a file being sent has gone out.',
    z.object({ conversationId: z.number().int(), messageId: z.number().int(), sentBytes: z.number(), totalBytes: z.number() })),
  'attachment.progress': event('How much of an attachment being saved or previewed has arrived.',
    z.object({ messageId: z.number().int(), index: z.number().int(), receivedBytes: z.number(), totalBytes: z.number().optional() })),
  'message.removed': event('A queued or failed message was cancelled by the user.',
    z.object({ conversationId: z.number().int(), messageId: z.number().int() })),
  'history.gapChanged': event('A history gap was found, or loading part of it moved its newer end.',
    z.object({ gap: historyGapViewSchema })),
  'history.gapRemoved': event('A history gap was filled (or its conversation\'s history was found complete).',
    z.object({ conversationId: z.number().int(), gapId: z.number().int() })),
  'history.exportProgress': event('How far the export in progress is, in messages.',
    z.object({ done: z.number().int(), total: z.number().int() })),
  'history.importProgress': event('How far the import in progress is: files done of all, messages added so far.',
    z.object({ filesDone: z.number().int(), files: z.number().int(), messages: z.number().int() })),
  'members.changed': event('A room\'s member list changed; with reset, "added" is the whole list.',
    z.object({
      conversationId: z.number().int(),
      reset: z.boolean(),
      added: z.array(memberViewSchema),
      removed: z.array(z.string()),
      renamed: z.array(z.object({ from: z.string(), to: z.string() })),
    })),
  'typing': event('Someone started or stopped typing.', z.object({
    conversationId: z.number().int(), participantId: z.string(), state: z.enum(['active', 'paused', 'done']),
  })),
  'server.notice': event('A line from an account\'s server (MOTD, server notices).',
    z.object({ accountId: z.string(), text: z.string(), timestamp: z.number() })),
  'contact.changed': event('A contact was added to a buddy list or changed (name, groups, presence).',
    z.object({ contact: contactViewSchema })),
  'contact.removed': event('A contact left a buddy list.', z.object({ accountId: z.string(), contactId: z.string() })),
  'person.changed': event('A person was created or changed (name, buddies).', z.object({ person: personViewSchema })),
  'person.removed': event('A person was dissolved (separated, or its buddies left their buddy lists).', z.object({ personId: z.number().int() })),
  'groups.changed': event('The groups, their order or their collapsed state changed: all of them, as they are now.',
    z.object({ groups: z.array(buddyGroupViewSchema) })),
  'people.suggestionsChanged': event('The suggested merges changed: all of them, as they are now.',
    z.object({ suggestions: z.array(mergeSuggestionSchema) })),
  'request.raised': event('A network asks the user to decide something.', z.object({ request: requestViewSchema })),
  'request.closed': event('A request was answered or withdrawn.', z.object({ accountId: z.string(), requestId: z.string() })),
  'preferences.changed': event('The user changed preferences (in any window): all of them, as they are now.',
    z.object({ preferences: preferencesSchema })),
  'link.opened': event('The system handed the app a link (see links.take).', z.object({})),
  'status.changed': event('The user\'s status changed (set in any window, auto-away, a network\'s note): all of it, as it is now.',
    z.object({ status: statusViewSchema })),
  'storage.state': event(
    'The profile\'s disk stopped taking writes (full, or failing): what arrives is held in memory and stored when space is back, and new messages cannot be saved; or it takes writes again ("ok"). With the free bytes, the profile folder and how many held events had to be dropped.',
    storageStateSchema),
} as const;

export type RequestName = keyof typeof requests;
export type RequestParams<N extends RequestName> = z.input<(typeof requests)[N]['params']>;
export type RequestResult<N extends RequestName> = z.output<(typeof requests)[N]['result']>;

export type EventName = keyof typeof events;
export type EventPayload<N extends EventName> = z.output<(typeof events)[N]['payload']>;
/** One event as it travels: its name and payload. */
export type BridgeEvent = { [N in EventName]: { type: N; payload: EventPayload<N> } }[EventName];

/** The core's implementation of every request, checked by the compiler for completeness. */
export type RequestHandlers = {
  [N in RequestName]: (params: z.output<(typeof requests)[N]['params']>) => Promise<RequestResult<N>>;
};

export const requestNames = Object.keys(requests) as RequestName[];
export const eventNames = Object.keys(events) as EventName[];

export { bridgeErrorSchema, fieldValueSchema };
