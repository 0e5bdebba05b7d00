/**
 * Test support (not part of the plugin): the server side of SASL PLAIN and SCRAM-SHA-256
 * (RFC 5802 §3, RFC 7677) for the scripted server, since Debian's Atheme has no SCRAM
 * module. It checks the client's proof against the password as a real server does.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ScriptedClient, ScriptedLine } from './testServer.js';

export interface SaslServerOptions {
  readonly account: string;
  readonly password: string;
  /** Sign the server-final message with the wrong key (a server that does not know the password). */
  readonly forgeSignature?: boolean;
}

export interface SaslServer {
  /** The mechanisms clients asked for, in order. */
  readonly mechanisms: string[];
  /** How many logins succeeded. */
  successes: number;
  readonly command: (client: ScriptedClient, line: ScriptedLine) => boolean;
}

const ITERATIONS = 4_096;

function attributes(message: string): Map<string, string> {
  return new Map(message.split(',').filter((part) => part[1] === '=').map((part) => [part.slice(0, 1), part.slice(2)]));
}

export function saslServer(options: SaslServerOptions): SaslServer {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(options.password.normalize('NFKC'), salt, ITERATIONS, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', options.forgeSignature ? Buffer.from('not the key') : salted).update('Server Key').digest();
  let mechanism = '';
  let clientFirstBare = '';
  let serverFirst = '';
  let awaitingAck = false;
  const state: SaslServer = {
    mechanisms: [],
    successes: 0,
    command(client, line) {
      if (line.command !== 'AUTHENTICATE') return false;
      const payload = line.params[0] ?? '';
      const out = (text: string): void => client.send(`AUTHENTICATE ${Buffer.from(text).toString('base64')}`);
      const nick = client.nick || '*';
      const success = (): void => {
        state.successes += 1;
        client.send(`:scripted.test 900 ${nick} ${nick}!u@h ${options.account} :You are now logged in as ${options.account}`);
        client.send(`:scripted.test 903 ${nick} :SASL authentication successful`);
      };
      const failure = (): void => client.send(`:scripted.test 904 ${nick} :SASL authentication failed`);
      if (payload === '*') {
        mechanism = '';
        client.send(`:scripted.test 906 ${nick} :SASL authentication aborted`);
        return true;
      }
      if (mechanism === '') {
        mechanism = payload;
        state.mechanisms.push(payload);
        client.send('AUTHENTICATE +');
        return true;
      }
      const text = Buffer.from(payload === '+' ? '' : payload, 'base64').toString('utf8');
      if (mechanism === 'PLAIN') {
        const [, user = '', password = ''] = text.split('\0');
        mechanism = '';
        if (user === options.account && password === options.password) success();
        else failure();
        return true;
      }
      if (awaitingAck) {
        awaitingAck = false;
        mechanism = '';
        success();
        return true;
      }
      if (clientFirstBare === '') {
        clientFirstBare = text.replace(/^n,,/, '');
        const nonce = `${attributes(clientFirstBare).get('r') ?? ''}${randomBytes(12).toString('base64')}`;
        serverFirst = `r=${nonce},s=${salt.toString('base64')},i=${ITERATIONS}`;
        out(serverFirst);
        return true;
      }
      const final = attributes(text);
      const withoutProof = text.slice(0, text.lastIndexOf(',p='));
      const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
      clientFirstBare = '';
      const signature = createHmac('sha256', storedKey).update(authMessage).digest();
      const proof = Buffer.from(final.get('p') ?? '', 'base64');
      const key = Buffer.from(proof.map((byte, i) => byte ^ (signature[i] ?? 0)));
      const proven = proof.length === 32 && timingSafeEqual(createHash('sha256').update(key).digest(), storedKey);
      if (!proven) {
        mechanism = '';
        out('e=invalid-proof');
        failure();
        return true;
      }
      awaitingAck = true;
      out(`v=${createHmac('sha256', serverKey).update(authMessage).digest('base64')}`);
      return true;
    },
  };
  return state;
}
