/**
 * DCC CHAT (https://modern.ircdocs.horse/dcc#dcc-chat): lines of text over a direct TCP
 * connection, outside the server. Each chat is a private conversation of its own, `=nick`
 * (irssi's name for it; `=` is in no nick or channel), so that it is never mixed up with
 * the private chat through the server. An offer is a request the user accepts or declines
 * (nothing connects before); `/dcc chat <nick>` offers one (we listen, or with the passive
 * setting ask the other side to listen).
 */
import { randomInt } from 'node:crypto';
import { isIP, type AddressInfo, type Socket } from 'node:net';
import { ProtocolError, type Capabilities, type ProtocolEvent, type SendMessageRequest } from '../../api/index.js';
import { decodeLine, fallbackDecoder, windows1252 } from '../decode.js';
import type { NameRules } from '../names.js';
import { addressRefusal } from './dccAddresses.js';
import { encodeAddress } from './dccMessages.js';
import { DCC_OFFER_WAIT_MS, acceptOne, dial, listen } from './dccStreams.js';
import type { DccSettings } from './dccTransfers.js';

export interface DccChatHost {
  readonly emit: (event: ProtocolEvent) => void;
  readonly names: NameRules;
  readonly capabilities: () => Partial<Capabilities> | undefined;
  readonly ctcp: (nick: string, text: string) => void;
  readonly settings: DccSettings;
  /** Our address as peers reach it (dccTransfers.ts). */
  readonly ownAddress: () => string;
  readonly encoding: string;
}

interface Offer { readonly nick: string; readonly host: string; readonly port: number; readonly token?: string }

/** Longest line kept from a chat peer; a peer sending no newline cannot fill memory. */
const MAX_LINE = 16 * 1024;

export function isChatConversation(conversationId: string): boolean {
  return conversationId.startsWith('=');
}

export class DccChats {
  private readonly sockets = new Map<string, Socket>();
  private readonly offers = new Map<string, Offer>();
  /** Our passive offers waiting for the other side to say where it listens. */
  private readonly passive = new Map<string, (host: string, port: number) => void>();
  private readonly controller = new AbortController();
  private counter = 0;

  constructor(private readonly host: DccChatHost) {}

  /** `DCC CHAT chat <ip> <port> [token]` from `nick`: a request, or the answer to our passive offer. */
  onOffer(nick: string, host: string, port: number, token: string | undefined): void {
    const who = this.host.names.fold(nick);
    const waiting = token !== undefined ? this.passive.get(`${who}\0${token}`) : undefined;
    if (waiting && port !== 0) {
      waiting(host, port);
      return;
    }
    const refusal = port === 0 ? undefined : addressRefusal(host, this.host.settings.allowLocal);
    if (refusal !== undefined || this.host.settings.proxied) {
      const why = refusal ?? 'this account uses a proxy, and a direct chat would show your address';
      this.host.emit({ type: 'server.notice', text: `${nick} offered a direct chat (DCC CHAT). Refused: ${why}.`, timestamp: Date.now() });
      return;
    }
    const id = `dcc-chat:${++this.counter}`;
    this.offers.set(id, { nick, host, port, ...(token !== undefined ? { token } : {}) });
    this.host.emit({
      type: 'request.raised',
      request: {
        id, kind: 'other', title: `${nick} wants to chat with you directly (DCC CHAT)`, fromId: who,
        detail: 'A direct connection between the two computers, outside the server: the other side learns your IP address.',
        choices: [{ id: 'accept', label: 'Chat' }, { id: 'decline', label: 'Decline' }],
      },
    });
  }

  /** The user's answer to an offer; false when `requestId` is none of ours. */
  answer(requestId: string, choiceId: string): boolean {
    const offer = this.offers.get(requestId);
    if (!offer) return requestId.startsWith('dcc-chat:');
    this.offers.delete(requestId);
    if (choiceId !== 'accept') return true;
    const connecting = offer.port === 0 ? this.listenFor(offer.nick, offer.token) : dial(offer.host, offer.port, this.controller.signal);
    connecting.then((socket) => { this.open(offer.nick, socket); }, (error: unknown) => { this.failed(offer.nick, error); });
    return true;
  }

  /** `/dcc chat <nick>`: offer a chat; it opens when the other side connects (or answers a passive offer). */
  offer(nick: string): void {
    if (this.host.settings.proxied) throw new ProtocolError('not-supported', 'A direct chat (DCC) would go outside the proxy this account uses and show your address.');
    const who = this.host.names.fold(nick);
    if (this.host.settings.passive) {
      const token = String(randomInt(1, 2 ** 31));
      const key = `${who}\0${token}`;
      const timer = setTimeout(() => { this.passive.delete(key); }, DCC_OFFER_WAIT_MS);
      this.passive.set(key, (host, port) => {
        clearTimeout(timer);
        this.passive.delete(key);
        const refusal = addressRefusal(host, this.host.settings.allowLocal);
        if (refusal !== undefined) { this.failed(nick, new ProtocolError('network', `${nick} answered, but ${refusal}.`)); return; }
        dial(host, port, this.controller.signal).then((socket) => { this.open(nick, socket); }, (error: unknown) => { this.failed(nick, error); });
      });
      this.host.ctcp(nick, `DCC CHAT chat ${encodeAddress(this.host.ownAddress())} 0 ${token}`);
      return;
    }
    this.listenFor(nick, undefined).then((socket) => { this.open(nick, socket); }, (error: unknown) => { this.failed(nick, error); });
  }

  /** Listens and tells `nick` where (active offer, or the answer to a passive one with its token). */
  private async listenFor(nick: string, token: string | undefined): Promise<Socket> {
    const address = this.host.ownAddress();
    const server = await listen(isIP(address) === 6 ? '::' : '0.0.0.0', this.host.settings.ports);
    const port = (server.address() as AddressInfo).port;
    const connected = acceptOne(server, DCC_OFFER_WAIT_MS, this.controller.signal, nick);
    this.host.ctcp(nick, `DCC CHAT chat ${encodeAddress(address)} ${port}${token !== undefined ? ` ${token}` : ''}`);
    return connected;
  }

  private conversationOf(nick: string): string {
    return `=${this.host.names.fold(nick)}`;
  }

  private open(nick: string, socket: Socket): void {
    const id = this.conversationOf(nick);
    this.sockets.get(id)?.destroy();
    this.sockets.set(id, socket);
    const capabilities = { ...this.host.capabilities(), fileUpload: false, typing: false, replies: false, reactions: false, deletes: false, receipts: false, history: false };
    this.host.emit({ type: 'conversation.upserted', conversation: { id, kind: 'direct', title: `${nick} (direct)`, capabilities } });
    this.note(id, `Direct chat with ${nick} open (DCC): it does not go through the server.`);
    const fallback = fallbackDecoder(this.host.encoding) ?? windows1252;
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let end = pending.indexOf(10); end >= 0; end = pending.indexOf(10)) {
        const line = decodeLine(pending.subarray(0, end), fallback).replace(/\r$/, '');
        pending = pending.subarray(end + 1);
        this.received(id, nick, line);
      }
      if (pending.length > MAX_LINE) pending = Buffer.alloc(0);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.sockets.get(id) !== socket) return;
      this.sockets.delete(id);
      this.note(id, `The direct chat with ${nick} ended.`);
    });
  }

  private received(id: string, nick: string, line: string): void {
    const action = /^\x01ACTION (.*)\x01?$/.exec(line);
    if (line === '' || (line.startsWith('\x01') && !action)) return;
    this.host.emit({
      type: 'message.received',
      message: { conversationId: id, senderId: this.host.names.fold(nick), senderName: nick, kind: action ? 'action' : 'text', body: action?.[1] ?? line, timestamp: Date.now() },
    });
  }

  private note(id: string, text: string): void {
    const nick = id.slice(1);
    this.host.emit({ type: 'message.received', message: { conversationId: id, senderId: nick, senderName: nick, kind: 'event', body: text, timestamp: Date.now() } });
  }

  private failed(nick: string, error: unknown): void {
    const why = error instanceof Error ? error.message : String(error);
    this.host.emit({ type: 'server.notice', text: `The direct chat with ${nick} could not open: ${why}`, timestamp: Date.now() });
  }

  /** A message the user sends in a `=nick` conversation: written as lines to the socket. */
  send(request: SendMessageRequest): void {
    const socket = this.sockets.get(request.conversationId);
    if (!socket || socket.destroyed) throw new ProtocolError('network', 'This direct chat has ended; start a new one with /dcc chat.');
    const lines = request.body.split(/\r?\n/);
    const text = lines.map((line) => (request.kind === 'action' ? `\x01ACTION ${line}\x01` : line)).join('\n');
    socket.write(`${text}\n`);
    this.host.emit({ type: 'message.confirmed', localId: request.localId, timestamp: Date.now() });
  }

  close(): void {
    this.controller.abort();
    for (const socket of this.sockets.values()) socket.destroy();
    this.sockets.clear();
  }
}
