/**
 * SASL authentication (RFC 6120 §6): SCRAM-SHA-256, then SCRAM-SHA-1, then PLAIN, which
 * is used only over TLS unless the user allowed it (the "refuse PLAIN without TLS").
 */
import { ProtocolError } from '../../api/index.js';
import { NS, children, isElement, xml, type Element } from '../xml.js';
import { ScramClient, type ScramHash } from './scram.js';
import type { StreamConnection } from './streamConnection.js';
import { saslFailure } from './streamErrors.js';

export interface Credentials {
  readonly username: string;
  readonly password: string;
  /** The bare JID, for messages. */
  readonly account: string;
  readonly allowPlainPassword: boolean;
}

const SCRAM: readonly (readonly [string, ScramHash])[] = [['SCRAM-SHA-256', 'sha256'], ['SCRAM-SHA-1', 'sha1']];

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64') || '=';
}

function unb64(element: Element): string {
  return Buffer.from(element.text().trim(), 'base64').toString('utf8');
}

/** Choose a mechanism from the offered ones, or explain why none is acceptable. */
export function chooseMechanism(offered: readonly string[], secure: boolean, allowPlainPassword: boolean): string {
  for (const [name] of SCRAM) if (offered.includes(name)) return name;
  if (offered.includes('PLAIN')) {
    if (secure || allowPlainPassword) return 'PLAIN';
    throw new ProtocolError('protocol',
      'The server only accepts the password in clear text (SASL PLAIN) on this unencrypted connection. Use TLS, or turn on "Allow sending my password without encryption" (advanced settings) if you trust the network.');
  }
  throw new ProtocolError('not-supported', `The server offers no login method Switchboard supports (it offers: ${offered.join(', ') || 'none'}).`);
}

async function expect(connection: StreamConnection, account: string): Promise<Element> {
  const element = await connection.next();
  if (element.getNS() !== NS.sasl) throw new ProtocolError('protocol', `Unexpected <${element.getName()}> during the login.`);
  if (element.getName() === 'failure') throw saslFailure(element, account);
  return element;
}

/** Authenticate on `connection` with the features' mechanisms; throws a ProtocolError. */
export async function authenticate(connection: StreamConnection, mechanismsElement: Element, secure: boolean, credentials: Credentials): Promise<void> {
  const offered = children(mechanismsElement, 'mechanism', NS.sasl).map((node) => node.text().trim());
  const mechanism = chooseMechanism(offered, secure, credentials.allowPlainPassword);
  const scramHash = SCRAM.find(([name]) => name === mechanism)?.[1];
  if (!scramHash) {
    // RFC 4616: authzid NUL authcid NUL password.
    await connection.send(xml('auth', { xmlns: NS.sasl, mechanism }, b64(`\u0000${credentials.username}\u0000${credentials.password}`)));
    const answer = await expect(connection, credentials.account);
    if (!isElement(answer, 'success', NS.sasl)) throw new ProtocolError('protocol', `Unexpected <${answer.getName()}> after the login.`);
    return;
  }
  const scram = new ScramClient(scramHash, credentials.username, credentials.password);
  await connection.send(xml('auth', { xmlns: NS.sasl, mechanism }, b64(scram.clientFirst())));
  const challenge = await expect(connection, credentials.account);
  if (challenge.getName() !== 'challenge') throw new ProtocolError('protocol', `Unexpected <${challenge.getName()}> during the SCRAM login.`);
  let final: string;
  try {
    final = await scram.clientFinal(unb64(challenge));
  } catch (error: unknown) {
    throw new ProtocolError('protocol', `The server's login challenge is invalid: ${error instanceof Error ? error.message : String(error)}.`);
  }
  await connection.send(xml('response', { xmlns: NS.sasl }, b64(final)));
  let answer = await expect(connection, credentials.account);
  let serverFinal = unb64(answer);
  if (answer.getName() === 'challenge') {
    // RFC 6120 §6.3.10: the additional data may come as a last challenge.
    await connection.send(xml('response', { xmlns: NS.sasl }));
    answer = await expect(connection, credentials.account);
  }
  if (answer.getName() !== 'success') throw new ProtocolError('protocol', `Unexpected <${answer.getName()}> after the login.`);
  if (answer.text().trim() !== '') serverFinal = unb64(answer);
  if (!scram.verifyServerFinal(serverFinal)) {
    throw new ProtocolError('auth', 'The server accepted the login but could not prove that it knows your password: it may not be your server.');
  }
}
