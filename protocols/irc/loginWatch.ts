/**
 * What happens between opening the socket and 001 RPL_WELCOME: nick in use (alternate
 * nicks, then nick_), server password refused (464), SASL refused (904 ERR_SASLFAIL,
 * 902 ERR_NICKLOCKED; https://ircv3.net/specs/extensions/sasl-3.1), SASL missing when the
 * user asked for it, an STS upgrade to TLS, the server closing the link.
 */
import type { IrcClient, IrcMessage, SaslFailedEvent } from 'irc-framework';
import { ProtocolError, type PluginStorage } from '../api/index.js';
import { registrationFailure, type Endpoint, type RegistrationTrace } from './login.js';
import type { IrcSettings } from './settings.js';
import { parseSts, saveStsPolicy, stsFromCapLs } from './sts.js';

const NICK_SUFFIX_RETRIES = 3;

export type LoginOutcome = { readonly kind: 'online' } | { readonly kind: 'sts-upgrade'; readonly port: number };

export class LoginWatch {
  readonly trace: RegistrationTrace;
  readonly outcome: Promise<LoginOutcome>;
  loggedIn = false;
  private settle: { resolve: (outcome: LoginOutcome) => void; reject: (error: ProtocolError) => void } | undefined;
  private nickAttempts = 0;
  private failure: ProtocolError | undefined;

  constructor(
    private readonly client: IrcClient,
    private readonly settings: IrcSettings,
    private readonly endpoint: Endpoint,
    private readonly storage: PluginStorage,
    private readonly info: (message: string) => void,
  ) {
    this.trace = { socketOpened: false, sentPassword: settings.password !== undefined };
    this.outcome = new Promise<LoginOutcome>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  private finish(result: LoginOutcome | ProtocolError): void {
    const settle = this.settle;
    this.settle = undefined;
    if (!settle) return;
    if (result instanceof ProtocolError) settle.reject(result);
    else settle.resolve(result);
  }

  online(): void {
    this.finish({ kind: 'online' });
  }

  cancel(): void {
    this.finish(new ProtocolError('network', 'The login was cancelled.'));
  }

  /** The socket closed before 001. */
  closed(error: (Error & { code?: string }) | undefined): void {
    if (this.failure) {
      this.finish(this.failure);
      return;
    }
    void registrationFailure(this.endpoint, this.trace, error).then((failure) => this.finish(failure));
  }

  private fail(error: ProtocolError, abandon: () => void): void {
    this.failure = error;
    abandon();
    this.finish(error);
  }

  /** The next nick to try after 433, or undefined when we have run out. */
  private nextNick(): string | undefined {
    const alternates = this.settings.altNicks;
    const attempt = this.nickAttempts++;
    if (attempt < alternates.length) return alternates[attempt];
    const suffix = attempt - alternates.length + 1;
    return suffix <= NICK_SUFFIX_RETRIES ? `${this.settings.nick}${'_'.repeat(suffix)}`.slice(0, 30) : undefined;
  }

  onSaslFailed(event: SaslFailedEvent, abandon: () => void): void {
    const account = this.settings.account;
    if (event.reason === 'capability_missing' || event.reason === 'unsupported_mechanism') {
      // Automatic login falls back to NickServ after 001; an explicit SASL choice cannot.
      if (this.settings.saslMechanism === 'auto') return;
      const what = event.reason === 'capability_missing' ? 'does not offer SASL' : `does not offer SASL ${this.settings.saslMechanism.toUpperCase()}`;
      this.fail(new ProtocolError('auth', `${this.endpoint.host} ${what}; choose another login method for this account.`), abandon);
      return;
    }
    const detail = event.message ? `: ${event.message}` : '';
    const hint = this.settings.saslMechanism === 'external' ? ' (is the client certificate registered with the account?)' : ' (wrong account name or password?)';
    this.fail(new ProtocolError('auth', `${this.endpoint.host} refused the login for the account ${account}${detail}${hint}`), abandon);
  }

  /** We gave up on a SASL exchange ourselves (sasl.ts): `reason` says why, in words. */
  onSaslAborted(reason: string, abandon: () => void): void {
    this.fail(new ProtocolError('auth', `The login to the account ${this.settings.account} on ${this.endpoint.host} failed: ${reason}.`), abandon);
  }

  onRaw(message: IrcMessage, abandon: () => void): void {
    const text = message.params[message.params.length - 1] ?? '';
    switch (message.command) {
      case '464': this.trace.passwordMismatch = text || 'password incorrect'; break;
      case 'ERROR': this.trace.serverError = text || 'no reason given'; break;
      case '433': {
        const next = this.nextNick();
        if (next !== undefined) {
          this.info(`IRC: the nick ${message.params[1] ?? ''} is in use; trying ${next}.`);
          this.client.changeNick(next);
        } else {
          this.fail(new ProtocolError('protocol', `${this.endpoint.host} refused the nickname ${message.params[1] ?? this.settings.nick}: ${text}`), abandon);
        }
        break;
      }
      case '432':
        this.fail(new ProtocolError('protocol', `${this.endpoint.host} refused the nickname ${message.params[1] ?? this.settings.nick}: ${text}`), abandon);
        break;
      case 'CAP': this.onCap(message, abandon); break;
      default:
    }
  }

  private onCap(message: IrcMessage, abandon: () => void): void {
    const value = stsFromCapLs(message.params);
    if (value === undefined) return;
    const policy = parseSts(value);
    if (!this.endpoint.tls && policy.port !== undefined) {
      this.finish({ kind: 'sts-upgrade', port: policy.port });
      abandon();
    } else if (this.endpoint.tls && policy.duration !== undefined) {
      saveStsPolicy(this.storage, this.endpoint.host, this.endpoint.port, policy.duration)
        .catch((error: unknown) => this.info(`IRC: could not save the STS policy: ${String(error)}`));
    }
  }
}
