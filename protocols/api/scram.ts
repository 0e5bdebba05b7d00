/**
 * SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding, on Node's
 * crypto (PBKDF2 in C, not JavaScript). The server's signature is checked: a server that
 * does not know the password cannot pretend the login worked.
 */
import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';

export type ScramHash = 'sha1' | 'sha256';

const MAX_ITERATIONS = 1_000_000;

/** RFC 5802 §5.1: "=" and "," in a username are escaped. */
function escapeName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

function parseAttributes(message: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) result.set(part.slice(0, 1), part.slice(2));
  }
  return result;
}

function derive(password: string, salt: Buffer, iterations: number, hash: ScramHash): Promise<Buffer> {
  const length = hash === 'sha1' ? 20 : 32;
  return new Promise((resolve, reject) => {
    pbkdf2(password, salt, iterations, length, hash, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export class ScramClient {
  private readonly nonce: string;
  private readonly clientFirstBare: string;
  private expectedServerSignature: Buffer | undefined;

  constructor(private readonly hash: ScramHash, username: string, private readonly password: string, nonce?: string) {
    this.nonce = nonce ?? randomBytes(18).toString('base64');
    this.clientFirstBare = `n=${escapeName(username)},r=${this.nonce}`;
  }

  /** The client-first-message (GS2 header "n,,": no channel binding, no authzid). */
  clientFirst(): string {
    return `n,,${this.clientFirstBare}`;
  }

  /** The client-final-message for the server-first-message; throws when the challenge is malformed. */
  async clientFinal(serverFirst: string): Promise<string> {
    const attributes = parseAttributes(serverFirst);
    const nonce = attributes.get('r');
    const salt = attributes.get('s');
    const iterations = Number(attributes.get('i'));
    if (attributes.has('m')) throw new Error('the server asked for a SCRAM extension we do not know');
    if (!nonce?.startsWith(this.nonce) || nonce.length === this.nonce.length) throw new Error('the server\'s SCRAM nonce is invalid');
    if (!salt) throw new Error('the server sent no SCRAM salt');
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new Error(`the server asked for an unreasonable SCRAM iteration count (${attributes.get('i') ?? 'none'})`);
    }
    const salted = await derive(this.password.normalize('NFKC'), Buffer.from(salt, 'base64'), iterations, this.hash);
    const clientKey = createHmac(this.hash, salted).update('Client Key').digest();
    const storedKey = createHash(this.hash).update(clientKey).digest();
    const withoutProof = `c=${Buffer.from('n,,').toString('base64')},r=${nonce}`;
    const authMessage = `${this.clientFirstBare},${serverFirst},${withoutProof}`;
    const clientSignature = createHmac(this.hash, storedKey).update(authMessage).digest();
    const proof = Buffer.alloc(clientKey.length);
    for (let i = 0; i < clientKey.length; i++) proof[i] = (clientKey[i] ?? 0) ^ (clientSignature[i] ?? 0);
    const serverKey = createHmac(this.hash, salted).update('Server Key').digest();
    this.expectedServerSignature = createHmac(this.hash, serverKey).update(authMessage).digest();
    return `${withoutProof},p=${proof.toString('base64')}`;
  }

  /** True when the server-final-message proves the server knows the password. */
  verifyServerFinal(serverFinal: string): boolean {
    const expected = this.expectedServerSignature;
    const signature = parseAttributes(serverFinal).get('v');
    if (!expected || signature === undefined) return false;
    const actual = Buffer.from(signature, 'base64');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
