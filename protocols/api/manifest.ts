/**
 * What a plugin declares about itself before any account exists: who it is, which API it
 * was built for, what its networks can do, and which fields an account needs. The core
 * generates the account dialog from {@link AccountField}s, so a plugin ships no UI code.
 */

/** A value an account field can hold. */
export type AccountFieldValue = string | number | boolean;

/** Common to every kind of account field. */
interface AccountFieldBase {
  /** Stable key, used in {@link ConnectionContext.settings}. Letters, digits, `_` and `-`. */
  readonly key: string;
  /** Short label shown beside the input, e.g. "Server". */
  readonly label: string;
  /** One sentence shown as help under the input. */
  readonly help?: string;
  /** When true the account cannot be saved without a value. */
  readonly required?: boolean;
  /**
   * Fields marked advanced are folded away in the dialog until the user asks for them.
   */
  readonly advanced?: boolean;
}

/** A line of text. */
export interface TextAccountField extends AccountFieldBase {
  readonly kind: 'text';
  readonly default?: string;
  readonly placeholder?: string;
  /** A regular expression (JavaScript syntax, anchored by the core) the value must match. */
  readonly pattern?: string;
  /** Shown when {@link pattern} does not match. */
  readonly patternMessage?: string;
  readonly maxLength?: number;
}

/**
 * A secret such as a password or a token. The core keeps it in the secret store (the
 * OS keychain in the app), never in the database, and hands it to the connection in
 * {@link ConnectionContext.settings} only.
 */
export interface SecretAccountField extends AccountFieldBase {
  readonly kind: 'secret';
}

/** A whole number. */
export interface NumberAccountField extends AccountFieldBase {
  readonly kind: 'number';
  readonly default?: number;
  readonly min?: number;
  readonly max?: number;
}

/** A checkbox. */
export interface BooleanAccountField extends AccountFieldBase {
  readonly kind: 'boolean';
  readonly default?: boolean;
}

/** One of a fixed set of values. */
export interface ChoiceAccountField extends AccountFieldBase {
  readonly kind: 'choice';
  readonly choices: readonly { readonly value: string; readonly label: string }[];
  readonly default?: string;
}

/** An account field, described as data. */
export type AccountField =
  | TextAccountField
  | SecretAccountField
  | NumberAccountField
  | BooleanAccountField
  | ChoiceAccountField;

/**
 * What a network can do. The user interface shows only what is declared. Every flag is
 * optional and absent means "no", so adding a flag never breaks an older plugin.
 */
export interface Capabilities {
  /** Direct (one-to-one) conversations. */
  readonly directMessages?: boolean;
  /** Multi-user rooms: join by name, member list. */
  readonly rooms?: boolean;
  /** `/me` actions. */
  readonly actions?: boolean;
  /** Room topics. */
  readonly topics?: boolean;
  /** Typing notifications. */
  readonly typing?: boolean;
  /** A buddy list kept by the network (roster, MONITOR list, m.direct). */
  readonly contactList?: boolean;
  /** Fetching older messages from the server. */
  readonly history?: boolean;
  /** Rooms that need a password (IRC channel keys, XMPP password rooms). */
  readonly roomPasswords?: boolean;
  /** Correcting a sent message ({@link ProtocolConnection.editMessage}). Since 0.2. */
  readonly edits?: boolean;
  /** Retracting a sent message ({@link ProtocolConnection.deleteMessage}). Since 0.2. */
  readonly deletes?: boolean;
  /** Emoji reactions to messages ({@link ProtocolConnection.react}). Since 0.2. */
  readonly reactions?: boolean;
  /** Replies that quote another message. Since 0.2. */
  readonly replies?: boolean;
  /**
   * Threads: replies shown apart from the main log, under the message that began them
   * ({@link IncomingMessage.threadRootId}, {@link SendMessageRequest.threadRootId}). Since 0.6.
   */
  readonly threads?: boolean;
  /**
   * {@link ProtocolConnection.setBlocked} works for anyone by their id, a room member who is
   * no contact too (Matrix ignoring): rooms offer it on their members. Since 0.6.
   */
  readonly blockMembers?: boolean;
  /** Delivery and read receipts ({@link ProtocolConnection.markRead}). Since 0.2. */
  readonly receipts?: boolean;
  /** Setting the user's own presence ({@link ProtocolConnection.setPresence}). Since 0.2. */
  readonly presence?: boolean;
  /**
   * The network can hide a connected user ({@link OwnPresence} `invisible`): XMPP. Without
   * it the core shows such accounts as available, since they cannot hide. Since 0.5.
   */
  readonly invisible?: boolean;
  /** Adding, renaming, regrouping and removing contacts on the network's buddy list. Since 0.2. */
  readonly contactManagement?: boolean;
  /**
   * The network keeps the buddy list's groups ({@link ProtocolConnection.updateContact} with
   * `groups` changes them there, and a change made elsewhere arrives as `contact.upserted`),
   * as XMPP roster groups do (RFC 6121 §2.1.2.2). Without it the core keeps the groups the
   * user gives this account's buddies in the profile. Since 0.4.
   */
  readonly contactGroups?: boolean;
  /** Browsing the server's room directory ({@link ProtocolConnection.listRooms}). Since 0.2. */
  readonly roomDirectory?: boolean;
  /**
   * The room directory of another server can be searched ({@link RoomDirectoryScope.server},
   * Matrix `POST /publicRooms?server=`). Since 0.7.
   */
  readonly roomDirectoryServers?: boolean;
  /** Sending files ({@link ProtocolConnection.uploadFile}). Since 0.2. */
  readonly fileUpload?: boolean;
  /**
   * Fetching received attachments the core cannot fetch itself (network URIs such as
   * mxc://, encrypted files) with {@link ProtocolConnection.downloadAttachment}. Since 0.3.
   */
  readonly fileDownload?: boolean;
  /** End-to-end encrypted conversations. Since 0.2. */
  readonly encryption?: boolean;
  /** Inviting someone into a room ({@link ProtocolConnection.inviteToRoom}). Since 0.2. */
  readonly invites?: boolean;
  /** Removing a member from a room ({@link ProtocolConnection.kickMember}). Since 0.2. */
  readonly kicks?: boolean;
  /**
   * Changing room members' standing ({@link ProtocolConnection.setMemberRole}), as each
   * member's {@link Member.roleChanges} allow. Since 0.6.
   */
  readonly memberRoles?: boolean;
  /** Destroying a room the user owns ({@link ProtocolConnection.destroyRoom}). Since 0.6. */
  readonly destroyRooms?: boolean;
  /**
   * Reading and changing a room's settings as its owner ({@link ProtocolConnection.roomSettings},
   * {@link ProtocolConnection.setRoomSettings}). Since 0.6.
   */
  readonly roomSettings?: boolean;
  /**
   * A room's affiliation lists by address, of people present or not: members, banned, admins,
   * owners ({@link ProtocolConnection.roomAffiliations}, {@link ProtocolConnection.setRoomAffiliation}). Since 0.8.
   */
  readonly affiliationLists?: boolean;
  /** Contact pictures ({@link Contact.avatar}). Since 0.2. */
  readonly avatars?: boolean;
  /** Choosing one's nick in a room, at join and after ({@link ProtocolConnection.setRoomNick}). Since 0.2. */
  readonly roomNicks?: boolean;
  /** Publishing the user's own display name and picture ({@link ProtocolConnection.setProfile}). Since 0.6. */
  readonly ownProfile?: boolean;
  /**
   * Reading the user's own display name and picture ({@link ProtocolConnection.getProfile}),
   * and removing the picture ({@link OwnProfile.removeAvatar}). Since 0.7.
   */
  readonly ownProfileRead?: boolean;
  /**
   * Sending a message again with the same {@link SendMessageRequest.localId} can never show
   * it twice: the network or the receiving client drops the copy (XMPP origin-id in
   * one-to-one chats, Matrix transaction ids). The core then puts a message the connection
   * lost before it was confirmed back in the outbox instead of marking it failed. Leave it
   * off where a resend is a new message (IRC, XMPP rooms). Since 0.3.
   */
  readonly resendSafe?: boolean;
  /**
   * The core is the only one to join rooms after a login: the plugin joins none by itself
   * when it connects, and lists with {@link ProtocolConnection.savedRooms} the rooms the
   * network keeps for the account (XMPP bookmarks with autojoin, XEP-0402; IRC's autojoin
   * setting). After every (re)connect the core joins its open rooms and those, each once,
   * before it restores the presence and sends the outbox: a message written offline never
   * reaches a room before the user is in it again, and no room is joined twice. Recovery
   * within a session (XEP-0410 self-ping) stays the plugin's. Without it the plugin rejoins
   * on its own at login (as every plugin did before 0.5). Since 0.5.
   */
  readonly coreRejoinsRooms?: boolean;
}

/** A slash command a plugin adds to the composer, e.g. IRC's `/whois`. Since 0.2. */
export interface PluginCommand {
  /** Without the slash: `whois`. Letters, digits and `-`. */
  readonly name: string;
  /** Shown in help: `/whois <nick>`. */
  readonly usage: string;
  readonly description: string;
}

/** The manifest every plugin exports as `plugin.manifest`. */
export interface PluginManifest {
  /** Reverse-DNS or short unique id, e.g. `irc`, `org.example.slack`. Never changes. */
  readonly id: string;
  /** Human name of the network, e.g. "IRC". */
  readonly name: string;
  /** The plugin's own version (semver). */
  readonly version: string;
  /**
   * The plugin API versions the plugin works with, as a caret range such as `^0.1.0`.
   * The core refuses to load a plugin whose range excludes its {@link PLUGIN_API_VERSION}.
   */
  readonly apiVersion: string;
  /** One line describing the plugin. */
  readonly description?: string;
  /** What the network can do. */
  readonly capabilities: Capabilities;
  /** The account dialog, in order. */
  readonly accountFields: readonly AccountField[];
  /**
   * Which account field names the account in the buddy list, e.g. `nick` or `jid`.
   * Must be the key of a text field.
   */
  readonly accountLabelField: string;
  /** What the user types to join a room, e.g. "#channel". Shown as the join dialog's placeholder. */
  readonly roomPlaceholder?: string;
  /**
   * Slash commands the plugin handles through {@link ProtocolConnection.runCommand}. The
   * core handles `/me` itself (as an action message). Since 0.2.
   */
  readonly commands?: readonly PluginCommand[];
  /** Who wrote the plugin, as the install confirmation shows it. */
  readonly author?: string;
  /**
   * The plugin loads native code (a `.node` addon). An installed plugin runs sandboxed, where
   * native code is refused unless the manifest declares it and the user confirmed it when
   * installing. Ignored for built-in plugins.
   */
  readonly nativeAddons?: boolean;
}
