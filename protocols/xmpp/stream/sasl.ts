/**
 * SASL authentication (RFC 6120 §6) with the mechanisms of saslMechanisms.ts (SCRAM-SHA-256,
 * then SCRAM-SHA-1, then PLAIN, which is used only over TLS unless the user allowed it: the
 * issue's "refuse PLAIN without TLS"). The exchange is ours, not @xmpp/sasl's: its
 * procedure drops the data of `<success/>`, which carries the SCRAM server signature.
 */
import { ProtocolError } from '../../api/index.js';
import { NS, children, isElement, xml, type Element } from '../xml.js';
import type SASLFactory from 'saslmechanisms';
import { ScramMechanism, createSaslFactory, type SaslCredentials } from './saslMechanisms.js';
import type { StreamConnection } from './streamConnection.js';
import { saslFailure } from './streamErrors.js';

export interface Credentials {
  readonly username: string;
  readonly password: string;
  /** The bare JID, for messages. */
  readonly account: string;
  readonly allowPlainPassword: boolean;
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64') || '=';
}

function unb64(element: Element): string {
  return Buffer.from(element.text().trim(), 'base64').toString('utf8');
}

/**
 * The factory's choice among the offered mechanisms, or why none is acceptable: PLAIN only
 * over TLS or with the user's consent.
 */
export function chooseMechanism(offered: readonly string[], secure: boolean, allowPlainPassword: boolean): SASLFactory.Mechanism {
  const mechanism = createSaslFactory().create([...offered]);
  if (!mechanism) {
    throw new ProtocolError('not-supported', `The server offers no login method Switchboard supports (it offers: ${offered.join(', ') || 'none'}).`);
  }
  if (mechanism.name === 'PLAIN' && !secure && !allowPlainPassword) {
    throw new ProtocolError('protocol',
      'The server only accepts the password in clear text (SASL PLAIN) on this unencrypted connection. Use TLS, or turn on "Allow sending my password without encryption" (advanced settings) if you trust the network.');
  }
  return mechanism;
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
  const cred: SaslCredentials = { username: credentials.username, password: credentials.password };
  await connection.send(xml('auth', { xmlns: NS.sasl, mechanism: mechanism.name }, b64(mechanism.response(cred))));
  if (!(mechanism instanceof ScramMechanism)) {
    const answer = await expect(connection, credentials.account);
    if (!isElement(answer, 'success', NS.sasl)) throw new ProtocolError('protocol', `Unexpected <${answer.getName()}> after the login.`);
    return;
  }
  const challenge = await expect(connection, credentials.account);
  if (challenge.getName() !== 'challenge') throw new ProtocolError('protocol', `Unexpected <${challenge.getName()}> during the SCRAM login.`);
  try {
    mechanism.challenge(unb64(challenge));
    await mechanism.prove();
  } catch (error: unknown) {
    throw new ProtocolError('protocol', `The server's login challenge is invalid: ${error instanceof Error ? error.message : String(error)}.`);
  }
  await connection.send(xml('response', { xmlns: NS.sasl }, b64(mechanism.response(cred))));
  let answer = await expect(connection, credentials.account);
  let serverFinal = unb64(answer);
  if (answer.getName() === 'challenge') {
    // RFC 6120 §6.3.10: the additional data may come as a last challenge.
    await connection.send(xml('response', { xmlns: NS.sasl }));
    answer = await expect(connection, credentials.account);
  }
  if (answer.getName() !== 'success') throw new ProtocolError('protocol', `Unexpected <${answer.getName()}> after the login.`);
  if (answer.text().trim() !== '') serverFinal = unb64(answer);
  if (!mechanism.verifyServerFinal(serverFinal)) {
    throw new ProtocolError('auth', 'The server accepted the login but could not prove that it knows your password: it may not be your server.');
  }
}
