/**
 * SASL beyond what irc-framework does by itself (PLAIN and EXTERNAL while registering), as
 * a raw-line hook in front of it:
 * - SCRAM-SHA-256 (RFC 7677 on RFC 5802): the password never leaves this computer and the
 *   server has to prove it knows it. Chosen automatically when the server lists it in
 *   `sasl=` (https://ircv3.net/specs/extensions/sasl-3.2), or by the account setting.
 * - Logging in again after registration (SASL 3.2 "AUTHENTICATE after registration"): when
 *   the server offers sasl anew (`CAP NEW sasl`, e.g. services came back after a netsplit)
 *   and we are not logged in, the account's credentials are sent again.
 * AUTHENTICATE payloads travel base64-encoded in chunks of 400 bytes; a chunk of exactly 400
 * bytes means more follows, and `+` ends one that was a multiple of 400
 * (https://ircv3.net/specs/extensions/sasl-3.1#the-authenticate-command).
 */
import type { IrcClient, IrcMessage } from 'irc-framework';
import { ScramClient } from '../api/index.js';
import type { IrcSettings } from './settings.js';

const CHUNK = 400;
/** A server's SCRAM message longer than this is no SCRAM message (they are ~100 bytes). */
const MAX_PAYLOAD = 4_096;
const SCRAM = 'SCRAM-SHA-256';

export interface SaslHooks {
  /** The login failed while registering, in words. */
  failed(reason: string): void;
  /** Something to tell the user after registration (the server console). */
  notice(text: string): void;
  /** Whether 001 has arrived (registration is over). */
  registered(): boolean;
}

export class SaslDriver {
  private scram: ScramClient | undefined;
  private step: 'first' | 'final' | 'verify' | 'done' = 'done';
  private inbound = '';
  /** Credentials were accepted (900 RPL_LOGGEDIN), by us or the server. */
  loggedIn = false;
  /** We sent AUTHENTICATE after registration and wait for its result. */
  private reauthenticating = false;

  constructor(private readonly client: IrcClient, private readonly settings: IrcSettings, private readonly hooks: SaslHooks) {}

  private hasCredentials(): boolean {
    return this.settings.saslMechanism === 'external' || this.settings.accountPassword !== undefined;
  }

  /** The mechanism to use with this server's `sasl=` list (empty: SASL 3.1, no list). */
  private mechanism(): string {
    const listed = (this.client.network.cap.available.get('sasl') ?? '').toUpperCase().split(',');
    switch (this.settings.saslMechanism) {
      case 'external': return 'EXTERNAL';
      case 'plain': return 'PLAIN';
      case 'scram-sha-256': return SCRAM;
      default: return listed.includes(SCRAM) ? SCRAM : 'PLAIN';
    }
  }

  private write(line: string): void {
    this.client.connection.write(line);
  }

  /** Send a payload in AUTHENTICATE chunks. */
  private sendPayload(payload: string): void {
    const encoded = Buffer.from(payload, 'utf8').toString('base64');
    for (let offset = 0; offset < encoded.length; offset += CHUNK) this.write(`AUTHENTICATE ${encoded.slice(offset, offset + CHUNK)}`);
    if (encoded.length % CHUNK === 0) this.write('AUTHENTICATE +');
  }

  /** True when the line was handled here and must not reach irc-framework. */
  onLine(message: IrcMessage): boolean {
    switch (message.command) {
      case 'CAP': this.onCap(message); return false;
      case 'AUTHENTICATE': return this.onAuthenticate(message.params[0] ?? '');
      case '900': this.loggedIn = true; return false;
      case '901': this.loggedIn = false; return false;
      case '903': this.settled(undefined); return false;
      case '902': case '904': case '905': case '906':
        this.settled(message.params[message.params.length - 1] ?? 'refused');
        return false;
      default: return false;
    }
  }

  /**
   * Before irc-framework reads an ACK of sasl (it then sends `AUTHENTICATE <its option>`), the
   * option is set to our choice. After registration, a sasl offered anew logs in again.
   */
  private onCap(message: IrcMessage): void {
    const sub = message.params[1];
    const caps = (message.params[message.params.length - 1] ?? '').split(' ').map((cap) => cap.split('=')[0]);
    if (!caps.includes('sasl') || !this.hasCredentials()) return;
    if (sub === 'ACK') {
      this.client.connection.options.sasl_mechanism = this.mechanism();
      if (this.hooks.registered()) queueMicrotask(() => this.reauthenticate());
    } else if (sub === 'NEW' && this.hooks.registered() && this.client.network.cap.enabled.includes('sasl')) {
      // Already enabled: irc-framework requests nothing, but the mechanisms may have changed (SASL 3.2).
      queueMicrotask(() => this.reauthenticate());
    }
  }

  private reauthenticate(): void {
    if (this.loggedIn || this.reauthenticating) return;
    this.reauthenticating = true;
    const mechanism = this.mechanism();
    this.client.connection.options.sasl_mechanism = mechanism;
    this.write(`AUTHENTICATE ${mechanism}`);
  }

  /** 903 (success, reason undefined) or a refusal, told in words when it was a login after registration. */
  private settled(refusal: string | undefined): void {
    this.step = 'done';
    this.scram = undefined;
    if (!this.reauthenticating) return;
    this.reauthenticating = false;
    this.hooks.notice(refusal === undefined
      ? `Logged in to the account ${this.settings.account}.`
      : `The server refused the login to the account ${this.settings.account}: ${refusal}`);
  }

  private onAuthenticate(chunk: string): boolean {
    if (this.client.connection.options.sasl_mechanism !== SCRAM) return false;
    if (chunk !== '+') this.inbound += chunk;
    if (this.inbound.length > MAX_PAYLOAD) return this.abort('the server sent an overlong SASL message');
    if (chunk.length === CHUNK) return true; // more follows
    const payload = Buffer.from(this.inbound, 'base64').toString('utf8');
    this.inbound = '';
    if (this.scram === undefined || this.step === 'done') {
      // The server's empty challenge after `AUTHENTICATE SCRAM-SHA-256`.
      this.scram = new ScramClient('sha256', this.settings.account, this.settings.accountPassword ?? '');
      this.step = 'first';
      this.sendPayload(this.scram.clientFirst());
      return true;
    }
    const scram = this.scram;
    if (this.step === 'first') {
      this.step = 'final';
      scram.clientFinal(payload).then((final) => {
        if (this.scram !== scram) return;
        this.step = 'verify';
        this.sendPayload(final);
      }, (error: unknown) => this.abort(error instanceof Error ? error.message : String(error)));
      return true;
    }
    if (this.step === 'verify') {
      // e=: the server refused our proof (wrong password); its 904 follows and says so.
      if (payload.startsWith('e=')) {
        this.step = 'done';
        return true;
      }
      if (!scram.verifyServerFinal(payload)) return this.abort('the server could not prove that it knows the password (SCRAM server signature wrong)');
      this.step = 'done';
      this.write('AUTHENTICATE +');
    }
    return true;
  }

  /** Abort the exchange (`AUTHENTICATE *`) and say why. */
  private abort(reason: string): true {
    this.step = 'done';
    this.scram = undefined;
    this.inbound = '';
    this.write('AUTHENTICATE *');
    if (this.reauthenticating) this.settled(reason);
    else this.hooks.failed(reason);
    return true;
  }
}
