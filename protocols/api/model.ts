/**
 * The common data model every network maps onto. All values are plain, serializable data:
 * they cross a worker boundary (structured clone) and the bridge (JSON).
 *
 * Identifiers named `…Id` here are the network's own, unique within one account (an IRC
 * channel name folded to lower case, an XMPP bare JID, a Matrix room id). The core pairs
 * them with the account to make its own local ids.
 */
import type { Capabilities } from './manifest.js';

/** How available someone is, from best to worst. */
export type PresenceStatus = 'available' | 'chat' | 'away' | 'busy' | 'extended-away' | 'offline' | 'unknown';

/** A contact's or the user's presence. */
export interface Presence {
  readonly status: PresenceStatus;
  /** Free text the person set ("in a meeting"). */
  readonly message?: string;
}

/**
 * The presence the user asks a connection to show: a {@link Presence}, or `invisible`
 * (connected, shown to others as offline). The core sends `invisible` only to plugins that
 * declare the `invisible` capability. Since 0.5.
 */
export interface OwnPresence {
  readonly status: PresenceStatus | 'invisible';
  readonly message?: string;
}

/**
 * What a connection made of {@link OwnPresence} when it is not quite what was asked
 * (XMPP invisible without XEP-0186), in words for the user. Since 0.5.
 */
export interface PresenceOutcome {
  readonly note?: string;
}

/** Someone on the buddy list of one account. */
export interface Contact {
  /** Network id of the contact (nick, bare JID, Matrix user id). */
  readonly id: string;
  /** Name to show. */
  readonly displayName: string;
  /** Groups the contact is in on the network's side. */
  readonly groups?: readonly string[];
  readonly presence: Presence;
  /** Presence subscription state, for networks that have one. Since 0.2. */
  readonly subscription?: Subscription;
  /** True when the user blocked this contact (XEP-0191, Matrix ignore). Since 0.2. */
  readonly blocked?: boolean;
  /**
   * The contact's picture (XEP-0084/0153, Matrix avatar_url), at most 64 KiB: a plugin
   * scales or drops larger ones. The plugin caches it (in `dataDir`) and sends it again only
   * when it changes. Since 0.2.
   */
  readonly avatar?: Avatar;
}

/** A small picture as plain data. Since 0.2. */
export interface Avatar {
  readonly mimeType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  readonly dataBase64: string;
}

/** Direct conversations have one other party; rooms have members. */
export type ConversationKind = 'direct' | 'room';

/** A conversation as the network describes it. */
export interface Conversation {
  /** Network id: for a direct conversation, the other party's contact id. */
  readonly id: string;
  readonly kind: ConversationKind;
  /** Name to show in the tab and the room list. */
  readonly title: string;
  /** Room topic, if any. */
  readonly topic?: string;
  /** Whether the user is in the room now (false after a part or a kick). */
  readonly joined?: boolean;
  /**
   * What this conversation can do, where it differs from the plugin's capabilities (an
   * IRC channel without +typing, a Matrix room without encryption). Since 0.2.
   */
  readonly capabilities?: Partial<Capabilities>;
  /** True when messages in it are end-to-end encrypted. Since 0.2. */
  readonly encrypted?: boolean;
  /**
   * The groups the network puts this conversation in, by name (the Matrix spaces a room is
   * a child of): the buddy list shows it in each, as a contact in several groups. Since 0.7.
   */
  readonly groups?: readonly string[];
  /**
   * True for a group of rooms rather than a chat (a Matrix space): the buddy list shows it
   * as the group named by its {@link title}, not as a room, and
   * {@link ProtocolConnection.listRooms} with `{ space: id }` lists the rooms in it. Since 0.7.
   */
  readonly space?: boolean;
}

/** What kind of line a message is. */
export type MessageKind =
  /** Ordinary text. */
  | 'text'
  /** `/me waves`: body is "waves". */
  | 'action'
  /** An automated or low-priority message (IRC NOTICE, Matrix m.notice). */
  | 'notice'
  /** Something that happened in the conversation (join, part, topic change), written by the plugin. */
  | 'event';

/** A message as received from the network. */
export interface IncomingMessage {
  /** The conversation it belongs to (network id, see {@link Conversation.id}). */
  readonly conversationId: string;
  /**
   * The network's id for this message (IRCv3 msgid, XMPP stanza-id, Matrix event id), when
   * the network has one. Used to drop duplicates from history catch-up.
   */
  readonly networkId?: string;
  /** Network id of the sender. */
  readonly senderId: string;
  /** Name to show for the sender. */
  readonly senderName: string;
  readonly kind: MessageKind;
  /** Plain text; formatting codes removed. */
  readonly body: string;
  /**
   * When the server says the message was sent, in milliseconds since the Unix epoch
   * (IRCv3 server-time, XEP-0203 delay, Matrix origin_server_ts); else the time of receipt.
   */
  readonly timestamp: number;
  /**
   * True when the user sent this message themselves, from this client (a server echo) or
   * from another one (carbons, another device). See {@link SendMessageRequest.localId}.
   */
  readonly fromSelf?: boolean;
  /** When {@link fromSelf} and the network echoes the sender's own id for it. */
  readonly localId?: string;
  /** The message this one answers (XEP-0461, Matrix rich replies, IRCv3 +reply). Since 0.2. */
  readonly replyTo?: MessageReference;
  /**
   * The network id of the first message of the thread this one is a reply in (Matrix
   * `m.thread` relations): shown in that thread, not in the conversation's main log.
   * Absent for a message of the main log. Since 0.6.
   */
  readonly threadRootId?: string;
  /**
   * For a network with intentional mentions (Matrix `m.mentions`): true when the message
   * says it mentions the user (or the whole room), false when it says whom it mentions and
   * the user is not among them. Absent: the client decides from the text, as before. Since 0.6.
   */
  readonly mentionsSelf?: boolean;
  /**
   * The body as HTML, for networks with formatted messages (Matrix `formatted_body`). The
   * core and UI treat it as untrusted: it is shown only through an allowlist sanitizer, and
   * {@link body} is always the plain-text fallback. Since 0.2.
   */
  readonly html?: string;
  /** Files attached to the message (shown as links; previews only after consent). Since 0.2. */
  readonly attachments?: readonly Attachment[];
  /** True when the message could not be decrypted; `body` then says so in words. Since 0.2. */
  readonly undecryptable?: boolean;
  /** True when it arrived encrypted and was decrypted. Since 0.2. */
  readonly encrypted?: boolean;
  /**
   * For a message in an end-to-end encrypted conversation: how far the device that sent it
   * can be trusted. Absent where the network has no such notion. Since 0.3.
   */
  readonly senderTrust?: SenderTrust;
  /**
   * True when the plugin delivers the message by a catch-up after an outage or a join
   * (Matrix paging back after a sync gap, XMPP archive catch-up or MUC discussion history,
   * IRCv3 chathistory): history the client missed, not live. The core places it among the
   * stored messages by its {@link timestamp} instead of after what arrived before it: a
   * catch-up comes after the live messages of the new connection, and would otherwise show
   * older messages below newer ones. Leave it out for live messages, whatever their time:
   * those are shown in the order they arrive. Since 0.4.
   */
  readonly catchUp?: boolean;
}

/**
 * How far the device that sent a message in an end-to-end encrypted conversation can be
 * trusted (Matrix: the event's shield; OMEMO: the sending device's trust). Since 0.3.
 */
export type SenderTrust =
  /** The user verified the sending device, or the identity of its owner that signed it. */
  | 'verified'
  /** The device is signed by its owner, whose identity the user has not verified: nothing to warn about. */
  | 'unverified-identity'
  /** Neither the user nor its owner verified the sending device. */
  | 'unverified-device'
  /** The sending device is unknown, or was deleted. */
  | 'unknown-device'
  /** The key came from somewhere that cannot prove who sent it (forwarded, or from a backup). */
  | 'unauthenticated'
  /** The sender was verified before and their identity has changed since. */
  | 'identity-changed'
  /** The message was sent unencrypted, in an encrypted conversation. */
  | 'unencrypted';

/** Points at another message in the same conversation. Since 0.2. */
export interface MessageReference {
  readonly networkId: string;
  readonly senderId?: string;
  /** A short quote of the referenced message, for display when it is not stored locally. */
  readonly excerpt?: string;
}

/** A file attached to a message. Since 0.2. */
export interface Attachment {
  /** Where to fetch it: an https URL, or a network URI the plugin can download (mxc://). */
  readonly url: string;
  readonly name: string;
  readonly mimeType?: string;
  readonly size?: number;
  readonly kind: 'image' | 'video' | 'audio' | 'file';
  /**
   * Plugin-defined data the plugin needs to fetch the file again later, opaque to the core
   * (at most 64 KiB): for a Matrix encrypted file, its EncryptedFile JSON with the key, iv
   * and hashes. The key is message content, so it is stored with the message like the
   * body; it is never shown to the user. Handed back in {@link DownloadRequest.attachment}.
   * Since 0.3.
   */
  readonly reference?: string;
}

/** A room in the server's directory. Since 0.2. */
export interface RoomDirectoryEntry {
  /** What to pass to {@link JoinRoomRequest.room}. */
  readonly id: string;
  readonly title: string;
  readonly topic?: string;
  readonly memberCount?: number;
}

/**
 * Where {@link ProtocolConnection.listRooms} looks: another server's directory (with the
 * `roomDirectoryServers` capability), or the rooms in a space ({@link Conversation.space}).
 * Since 0.7.
 */
export interface RoomDirectoryScope {
  /** A server name, as the user typed it; the plugin checks it and says in words when it is no server or cannot be reached. */
  readonly server?: string;
  /** The network id of a {@link Conversation.space} conversation: its rooms instead of the directory. */
  readonly space?: string;
}

/**
 * A room the network keeps for the account, to join at login ({@link ProtocolConnection.savedRooms}).
 * Only its address: the plugin's `joinRoom` finds the password or nick it remembers for it.
 * Since 0.5.
 */
export interface RoomRef {
  /** What to pass to {@link JoinRoomRequest.room}. */
  readonly room: string;
}

/**
 * Something the network asks the user to decide: a subscription request, a room invite,
 * a certificate to trust, a device to verify. The core shows it and answers with
 * {@link ProtocolConnection.answerRequest}. Since 0.2.
 */
export interface UserRequest {
  /** Unique within the account while the request is open. */
  readonly id: string;
  readonly kind: 'subscription' | 'room-invite' | 'certificate' | 'verification' | 'other';
  /** One line: "alice@example.org wants to add you as a contact". */
  readonly title: string;
  /** More detail, plain text (emoji for SAS verification, a certificate fingerprint). */
  readonly detail?: string;
  /** Who asks, as a network id. */
  readonly fromId?: string;
  /** The room, for invites. */
  readonly conversationId?: string;
  /** Buttons, in order; the first is the default. Default: Accept / Decline. */
  readonly choices?: readonly { readonly id: string; readonly label: string }[];
}

/** Someone on the buddy list: how the user is subscribed to their presence (RFC 6121). Since 0.2. */
export type Subscription = 'both' | 'to' | 'from' | 'none' | 'pending-out' | 'pending-in';

/** A room member. */
export interface Member {
  /** Network id of the member (nick, occupant JID, Matrix user id). */
  readonly id: string;
  readonly displayName: string;
  /**
   * Rank in the room, highest first: `owner`, `admin`, `operator`, `halfop`, `voice`, or
   * absent for an ordinary member.
   */
  readonly role?: 'owner' | 'admin' | 'operator' | 'halfop' | 'voice';
  readonly presence?: Presence;
  /**
   * The services account the member is logged in as (IRC account-notify, extended-join,
   * account-tag), absent when not logged in or unknown. Since 0.5.
   */
  readonly account?: string;
  /** The member says it is a bot (IRCv3 bot mode). Since 0.5. */
  readonly bot?: boolean;
  /**
   * The changes of standing the user may make to this member now, by the network's rules
   * (XEP-0045 §5.1/§5.2 for XMPP rooms), for {@link ProtocolConnection.setMemberRole}; absent
   * or empty when none. The plugin announces the member again when this changes (the user's
   * own role changed). Since 0.6.
   */
  readonly roleChanges?: readonly MemberRoleChange[];
}

/**
 * A room's settings its owner may change ({@link ProtocolConnection.roomSettings}); each is
 * present only where the room offers it (XEP-0045 §10.2 muc#roomconfig). Since 0.6.
 */
export interface RoomSettings {
  /** Only members may enter (muc#roomconfig_membersonly). */
  readonly membersOnly?: boolean;
  /** The room stays when the last person leaves (muc#roomconfig_persistentroom). */
  readonly persistent?: boolean;
  /** Only those with voice may speak (muc#roomconfig_moderatedroom). */
  readonly moderated?: boolean;
  /** The password to enter; empty for none (muc#roomconfig_roomsecret). */
  readonly password?: string;
  /** The room's name, shown in directories (muc#roomconfig_roomname). Since 0.8. */
  readonly name?: string;
  /** A short description (muc#roomconfig_roomdesc). Since 0.8. */
  readonly description?: string;
  /** Listed in the service's room directory (muc#roomconfig_publicroom). Since 0.8. */
  readonly publicListing?: boolean;
}

/**
 * A standing in a room held by address, whether or not its holder is in the room
 * ({@link ProtocolConnection.roomAffiliations}): XMPP affiliations (XEP-0045 §5.2), `outcast`
 * being banned. Since 0.8.
 */
export type RoomAffiliation = 'owner' | 'admin' | 'member' | 'outcast';

/** One address on a room's affiliation list. Since 0.8. */
export interface AffiliationEntry {
  /** The holder's address (a bare JID for XMPP). */
  readonly address: string;
  /** The reason given when it was granted (bans, mostly), where the network keeps one. */
  readonly reason?: string;
}

/**
 * A change of a room member's standing ({@link ProtocolConnection.setMemberRole}): XMPP
 * roles (voice, moderator, XEP-0045 §8) and affiliations (member, admin, owner, none, outcast
 * = ban, §9–§10). Since 0.6.
 */
export type MemberRoleChange =
  | 'grant-voice' | 'revoke-voice' | 'grant-moderator' | 'revoke-moderator'
  | 'make-member' | 'make-admin' | 'make-owner' | 'remove-affiliation' | 'ban';

