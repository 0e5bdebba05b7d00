/**
 * What a link that opens Switchboard (`xmpp:`, `irc:`, `ircs:`, `matrix:`,
 * `https://matrix.to/#/…`) asks for, as the core's link parser reads it
 * (electron/core/links/), and what the UI needs to ask the user about it. Plain data: a
 * link never does anything by itself; the user confirms, then the UI makes the ordinary
 * requests (conversations.joinRoom, conversations.openDirect, contacts.add).
 */
import { z } from 'zod';

export const linkNetworkSchema = z.enum(['irc', 'xmpp', 'matrix']);

/** Where the link points on its network, beyond the id of the room or person. */
const place = {
  network: linkNetworkSchema,
  /** IRC: the server's host name (lower case). XMPP and Matrix: the domain or server name of the id. */
  server: z.string().optional(),
  /** IRC only: the port the link names. */
  port: z.number().int().min(1).max(65535).optional(),
  /** IRC only: `ircs:` asks for TLS, `irc:` for none. */
  tls: z.boolean().optional(),
  /** XMPP only (RFC 5122 §2.3, the authority component): the user's own account to use, a bare JID. */
  account: z.string().optional(),
};

export const linkActionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('join-room'),
    ...place,
    /** What conversations.joinRoom takes: `#chan`, `room@conference.example.org`, `#alias:example.org` or `!id:example.org`. */
    room: z.string(),
    password: z.string().optional(),
    /** IRC `,needkey`/`,needpass`: the room wants a key the link does not give. */
    needsPassword: z.boolean().optional(),
    /** XMPP: the nick the link suggests (the JID's resource). */
    nick: z.string().optional(),
    /** Matrix: servers to join through (`via=`). */
    via: z.array(z.string()).optional(),
    /** Matrix `e/` or a matrix.to event: the message the link points at, in that room. */
    eventId: z.string().optional(),
  }),
  z.object({
    kind: z.literal('open-chat'),
    ...place,
    contactId: z.string(),
    /** XMPP `?message;body=…`: a text to put in the composer (never sent without the user, RFC 5122 §4). */
    body: z.string().optional(),
  }),
  z.object({
    kind: z.literal('add-contact'),
    ...place,
    contactId: z.string(),
    /** XMPP `?roster;name=…;group=…`. */
    name: z.string().optional(),
    group: z.string().optional(),
  }),
  /** `irc://host` with no channel or nick: the server itself. */
  z.object({ kind: z.literal('open-server'), ...place }),
]);

/** The parser's answer: an action to confirm, or why the link is refused, in words. */
export const linkParseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), action: linkActionSchema }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);

/** An account the action fits, best first. */
export const linkAccountSchema = z.object({
  accountId: z.string(),
  label: z.string(),
  /** The account is on the link's own server or domain (IRC: always, it is the only fit). */
  sameServer: z.boolean(),
});

export const linkResolutionSchema = z.object({
  /** The link as given (at most 4096 characters of it), to show. */
  uri: z.string(),
  parsed: linkParseSchema,
  /** Accounts that can do the action; empty when none fits (the UI offers "Add account"). */
  accounts: z.array(linkAccountSchema),
  /** For "Add account": the plugin and the settings the link gives (IRC: server, port, TLS). */
  newAccount: z.object({
    pluginId: z.string(),
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  }).optional(),
});

export type LinkNetwork = z.infer<typeof linkNetworkSchema>;
export type LinkAction = z.infer<typeof linkActionSchema>;
export type LinkParse = z.infer<typeof linkParseSchema>;
export type LinkAccount = z.infer<typeof linkAccountSchema>;
export type LinkResolution = z.infer<typeof linkResolutionSchema>;
