/**
 * The part of irc-framework 4.14 (CommonJS, untyped) this adapter uses. Only what is
 * declared here may be touched; payload fields irc-framework may leave out are optional.
 */
declare module 'irc-framework' {
  import type { Socket } from 'node:net';

  export interface IrcClientOptions {
    host: string;
    port: number;
    nick: string;
    username?: string;
    gecos?: string;
    password?: string;
    tls?: boolean;
    rejectUnauthorized?: boolean;
    auto_reconnect?: boolean;
    auto_reconnect_max_retries?: number;
    ping_interval?: number;
    ping_timeout?: number;
    version?: string | null;
    encoding?: string;
    /** SASL PLAIN credentials; an object without `account` turns SASL off. */
    account?: { account?: string; password?: string };
    sasl_mechanism?: string;
    sasl_disconnect_on_fail?: boolean;
    enable_echomessage?: boolean;
    enable_chghost?: boolean;
    enable_setname?: boolean;
    /** A transport class (see transport.ts); its constructor receives these options. */
    transport?: new (options: never) => unknown;
    /** Options of our own transport, passed through. */
    fallback_encoding?: string;
    client_pem?: { cert: string; key: string };
    proxy?: { host: string; port: number; user?: string; password?: string };
  }

  /** A parsed protocol line as the raw middleware sees it. */
  export interface IrcMessage {
    command: string;
    params: string[];
    prefix?: string;
    nick?: string;
    tags: Record<string, string | true>;
  }

  export type RawMiddlewareFn = (command: string, message: IrcMessage, rawLine: string, client: IrcClient, next: (error?: unknown) => void) => void;

  export interface MiddlewareHandler<F> {
    use(fn: F): void;
  }

  export interface MessageEvent {
    from_server?: boolean;
    nick?: string;
    ident?: string;
    hostname?: string;
    target?: string;
    message?: string;
    tags?: Record<string, string | true>;
    time?: number;
  }

  export interface ChannelUserEvent {
    nick?: string;
    channel?: string;
    message?: string;
    time?: number;
    /** JOIN with extended-join: the account name, false when not logged in. */
    account?: string | false;
  }

  /** ACCOUNT (account-notify), or our own 900/901 after SASL: false when logged out. */
  export interface AccountEvent {
    nick?: string;
    account?: string | false;
  }

  export interface KickEvent extends ChannelUserEvent {
    kicked?: string;
  }

  export interface NickEvent {
    nick?: string;
    new_nick?: string;
    time?: number;
  }

  export interface TopicEvent {
    nick?: string;
    channel?: string;
    topic?: string;
    time?: number;
  }

  export interface UserlistEvent {
    channel?: string;
    users?: { nick?: string; modes?: string[] }[];
  }

  export interface ModeEvent {
    target?: string;
    nick?: string;
    modes?: { mode?: string; param?: string | null }[];
    time?: number;
  }

  export interface RegisteredEvent {
    nick?: string;
  }

  export interface MotdEvent {
    motd?: string;
    error?: string;
  }

  export interface SaslFailedEvent {
    reason?: string;
    message?: string;
  }

  export interface IrcClientEventMap {
    'ctcp request': [MessageEvent & { type?: string | null }];
    'sasl failed': [SaslFailedEvent];
    loggedin: [{ account?: string }];
    registered: [RegisteredEvent];
    'raw socket connected': [Socket];
    /** TCP (and TLS) is up; registration starts. */
    'socket connected': [];
    'socket close': [(Error & { code?: string }) | false | undefined];
    /** No line from the server for `ping_timeout` seconds; the socket is closed next. */
    'ping timeout': [];
    privmsg: [MessageEvent];
    notice: [MessageEvent];
    action: [MessageEvent];
    join: [ChannelUserEvent];
    account: [AccountEvent];
    part: [ChannelUserEvent];
    quit: [ChannelUserEvent];
    kick: [KickEvent];
    nick: [NickEvent];
    topic: [TopicEvent];
    userlist: [UserlistEvent];
    mode: [ModeEvent];
    motd: [MotdEvent];
    /** SETNAME (setname capability): someone's real name changed. */
    'user updated': [{ nick?: string; new_gecos?: string; time?: number }];
  }

  export class IrcClient {
    constructor(options?: Partial<IrcClientOptions>);
    readonly connected: boolean;
    readonly user: { nick: string };
    readonly network: {
      cap: { enabled: string[]; available: Map<string, string> };
      /** ISUPPORT tokens by name. */
      options: Record<string, unknown>;
    };
    requestCap(caps: string | string[]): void;
    /** irc-framework's command router; dispatch() handles a parsed line as if it had arrived. */
    readonly command_handler: { dispatch(message: IrcMessage): void };
    readonly connection: {
      write(line: string, callback?: () => void): boolean | undefined;
      end(line?: string | null, hadError?: boolean): void;
      /** The options given to connect(); irc-framework reads sasl_mechanism when the server ACKs sasl. */
      options: { sasl_mechanism?: string };
    };
    connect(options: IrcClientOptions): void;
    on<E extends keyof IrcClientEventMap>(event: E, listener: (...args: IrcClientEventMap[E]) => void): this;
    removeAllListeners(): this;
    use(middleware: (client: IrcClient, raw: MiddlewareHandler<RawMiddlewareFn>, parsed: MiddlewareHandler<unknown>) => void): this;
    raw(line: string): void;
    changeNick(nick: string): void;
    quit(message?: string): void;
  }

  const irc: { Client: typeof IrcClient };
  export default irc;
}
