import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ackBytes, dial, receive, send } from './dccStreams.js';

/** A connected pair of sockets on 127.0.0.1. */
async function pair(): Promise<{ here: net.Socket; there: net.Socket; close: () => void }> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[net.Socket]>;
  const here = await dial('127.0.0.1', (server.address() as net.AddressInfo).port, new AbortController().signal);
  const [there] = await accepted;
  server.close();
  return { here, there, close: () => { here.destroy(); there.destroy(); } };
}

describe('DCC SEND streams', () => {
  let dir = '';
  beforeEach(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'dcc-streams-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('acknowledges the running total as 4 bytes big-endian, modulo 2^32', () => {
    expect([...ackBytes(1)]).toEqual([0, 0, 0, 1]);
    expect([...ackBytes(0x01020304)]).toEqual([1, 2, 3, 4]);
    expect([...ackBytes(2 ** 32 + 5)]).toEqual([0, 0, 0, 5]);
  });

  it('sends a file from an offset and receives it after what was there, acks counting both', async () => {
    const { here, there, close } = await pair();
    const source = path.join(dir, 'source');
    const target = path.join(dir, 'target');
    const bytes = Buffer.from('0123456789'.repeat(10_000));
    await writeFile(source, bytes);
    await writeFile(target, bytes.subarray(0, 30_000));
    const signal = new AbortController().signal;
    const progress: number[] = [];
    const [total] = await Promise.all([
      receive(there, { path: target, offset: 30_000, size: bytes.length, maxBytes: 1e6, onProgress: (n) => progress.push(n), signal }),
      send(here, { path: source, offset: 30_000, size: bytes.length, onProgress: () => undefined, signal }),
    ]);
    close();
    expect(total).toBe(bytes.length);
    expect((await readFile(target)).equals(bytes)).toBe(true);
    expect(progress[0]).toBeGreaterThan(30_000);
  });

  it('refuses more bytes than announced, and a file over the limit, in words', async () => {
    const MIB = 1024 * 1024;
    for (const [size, maxBytes, sent, message] of [[5, 100, 10, 'The sender sent more than the size it announced.'], [undefined, 2 * MIB, 2 * MIB + 10, 'The file is bigger than the 2 MB limit.']] as const) {
      const { here, there, close } = await pair();
      const receiving = receive(there, { path: path.join(dir, 'x'), offset: 0, size, maxBytes, onProgress: () => undefined, signal: new AbortController().signal });
      here.on('error', () => undefined);
      here.write(Buffer.alloc(sent));
      await expect(receiving).rejects.toThrow(message);
      close();
    }
  });

  it('says how far a transfer got when the sender stops early', async () => {
    const { here, there, close } = await pair();
    const receiving = receive(there, { path: path.join(dir, 'y'), offset: 0, size: 100, maxBytes: 1e6, onProgress: () => undefined, signal: new AbortController().signal });
    here.end(Buffer.alloc(40));
    await expect(receiving).rejects.toThrow('The sender stopped after 40 of 100 bytes.');
    close();
  });
});
