/**
 * SASL mechanisms (RFC 6120 §6.3.3) in the factory @xmpp/client uses (`saslmechanisms`),
 * in our order of preference: SCRAM-SHA-256 (RFC 7677), SCRAM-SHA-1 (RFC 5802), PLAIN
 * (RFC 4616, @xmpp/sasl-plain's mechanism as upstream registers it).
 *
 * The two SCRAM mechanisms are ours, registered through the factory like upstream's:
 * xmpp.js 0.14 has no SCRAM-SHA-256, and its SCRAM-SHA-1 (`sasl-scram-sha-1`) never sees
 * the server's final message, which RFC 6120 §6.3.10 lets the server put in `<success/>`
 * (Prosody and ejabberd do): the server's signature would go unchecked, and a server that
 * does not know the password could pretend the login worked.
 */
import saslPlain from '@xmpp/sasl-plain';
import SASLFactory from 'saslmechanisms';
import { ScramClient, type ScramHash } from '../../api/scram.js';

export interface SaslCredentials {
  readonly username: string;
  readonly password: string;
}

/** A SCRAM exchange, as a `saslmechanisms` mechanism (response/challenge) plus the server check. */
export abstract class ScramMechanism implements SASLFactory.Mechanism {
  abstract readonly name: string;
  protected abstract readonly hash: ScramHash;
  private client: ScramClient | undefined;
  private final: string | undefined;

  /** client-first-message, then client-final-message once the challenge was read. */
  response(cred: SaslCredentials): string {
    if (!this.client) {
      this.client = new ScramClient(this.hash, cred.username, cred.password);
      return this.client.clientFirst();
    }
    return this.final ?? '';
  }

  private serverFirst: string | undefined;

  /** Takes the server-first-message; `prove` then computes the answer. */
  challenge(serverFirst: string): void {
    this.serverFirst = serverFirst;
  }

  /**
   * The client-final-message for the challenge, ready for `response`. Separate from
   * `challenge` (the factory's interface is synchronous) because PBKDF2 runs off the main
   * thread. Throws when the challenge is malformed.
   */
  async prove(): Promise<void> {
    if (!this.client || this.serverFirst === undefined) throw new Error('the server sent a SCRAM challenge before our first message');
    this.final = await this.client.clientFinal(this.serverFirst);
  }

  /** RFC 5802 §3: the server-final-message proves the server knows the password. */
  verifyServerFinal(serverFinal: string): boolean {
    return this.client?.verifyServerFinal(serverFinal) === true;
  }
}

class ScramSha256 extends ScramMechanism {
  readonly name = 'SCRAM-SHA-256';
  protected readonly hash = 'sha256';
}

class ScramSha1 extends ScramMechanism {
  readonly name = 'SCRAM-SHA-1';
  protected readonly hash = 'sha1';
}

/** A factory with every mechanism we log in with, strongest first. */
export function createSaslFactory(): SASLFactory {
  const factory = new SASLFactory();
  factory.use('SCRAM-SHA-256', ScramSha256);
  factory.use('SCRAM-SHA-1', ScramSha1);
  saslPlain(factory);
  return factory;
}
