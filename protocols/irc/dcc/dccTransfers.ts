/**
 * DCC SEND in both directions for one IRC session (https://modern.ircdocs.horse/dcc); DCC
 * CHAT offers go on to dccChat.ts.
 *
 * Received offers become a message in the private chat with the file as an attachment
 * (`dcc:` URL, the offer in its reference): nothing connects until the user saves it, which
 * goes through the core's attachment path (size limit, safe name, downloads folder, never
 * opened) and ends in {@link DccTransfers.download}. A passive offer (port 0 + token, the
 * sender behind NAT) is answered by listening and sending our own SEND with the token.
 * An interrupted download keeps its bytes in the account's folder; a later offer of the same
 * file by the same nick is resumed (DCC RESUME / ACCEPT) from there.
 *
 * Files sent from a private chat are offered actively (we listen; the account's address and
 * port range) or, with the passive setting, as port 0 + token so that the receiver listens.
 */
import { createHash, randomInt } from 'node:crypto';
import { copyFile, link, mkdir, rm, stat } from 'node:fs/promises';
import { isIP, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import {
  ProtocolError,
  type BoundedSet, type Capabilities, type DownloadRequest, type DownloadResult, type ProtocolEvent, type UploadRequest,
} from '../../api/index.js';
import type { NameRules } from '../names.js';
import { addressRefusal } from './dccAddresses.js';
import { DccChats } from './dccChat.js';
import { formatResume, formatSend, parseDcc, type DccResume, type DccSend } from './dccMessages.js';
import { DCC_OFFER_WAIT_MS, acceptOne, dial, listen, receive, send } from './dccStreams.js';

export interface DccSettings {
  /** Accept offers naming loopback or private addresses (dccAddresses.ts). */
  readonly allowLocal: boolean;
  /** The address announced in our offers; default: the local address of the IRC connection. */
  readonly address?: string;
  /** Ports to listen on; default: any free port. */
  readonly ports?: { readonly from: number; readonly to: number };
  /** Offer files passively (port 0 + token): the receiver listens. For users behind NAT. */
  readonly passive: boolean;
  /** The account goes through a proxy (Tor): a direct connection would show the user's address. */
  readonly proxied: boolean;
}

export interface DccHost {
  readonly emit: (event: ProtocolEvent) => void;
  readonly names: NameRules;
  readonly knownDirect: BoundedSet<string>;
  readonly capabilities: () => Partial<Capabilities> | undefined;
  /** Sends `text` as a CTCP request (PRIVMSG) to `nick`. */
  readonly ctcp: (nick: string, text: string) => void;
  readonly settings: DccSettings;
  /** Our end of the IRC connection, the address peers most likely reach us at. */
  readonly localAddress: () => string | undefined;
  readonly dataDir: string;
  /** The account's fallback encoding, for DCC CHAT lines that are not UTF-8. */
  readonly encoding: string;
}

/** What a received offer's attachment carries ({@link Attachment.reference}). */
interface OfferReference {
  readonly nick: string;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly size?: number;
  readonly token?: string;
}

/** How long a resume request waits for the sender's ACCEPT before starting over. */
const RESUME_WAIT_MS = 15_000;

function waiterKey(nick: string, port: number, token: string | undefined): string {
  return token !== undefined ? `${nick}\0t\0${token}` : `${nick}\0p\0${port}`;
}

export class DccTransfers {
  private readonly downloads = new Map<string, AbortController>();
  private readonly uploads = new Set<AbortController>();
  /** Our offers waiting for a RESUME (by port or token) or a passive answer (by token). */
  private readonly offered = new Map<string, { name: string; resumeAt: number; answered?: (offer: DccSend) => void }>();
  /** Our RESUME requests waiting for the sender's ACCEPT. */
  private readonly accepting = new Map<string, (position: number) => void>();

  /** DCC CHAT conversations (dccChat.ts). */
  readonly chats: DccChats;

  constructor(private readonly host: DccHost) {
    this.chats = new DccChats({
      emit: host.emit, names: host.names, capabilities: host.capabilities, ctcp: host.ctcp, settings: host.settings,
      ownAddress: () => this.ownAddress(), encoding: host.encoding,
    });
  }

  /** A CTCP request from `nick`; true when it was DCC (handled or dropped). */
  onCtcp(nick: string, text: string): boolean {
    if (!/^DCC\s/i.test(text)) return false;
    const request = parseDcc(text);
    const who = this.host.names.fold(nick);
    if (request?.type === 'SEND') this.onSend(nick, who, request);
    else if (request?.type === 'RESUME') this.onResume(nick, who, request);
    else if (request?.type === 'CHAT') this.chats.onOffer(nick, request.host, request.port, request.token);
    else if (request?.type === 'ACCEPT') this.accepting.get(waiterKey(who, request.port, request.token))?.(request.position);
    return true;
  }

  /** Stops every transfer (the session ends). */
  close(): void {
    for (const controller of [...this.downloads.values(), ...this.uploads]) controller.abort();
    this.chats.close();
  }

  private onSend(nick: string, who: string, offer: DccSend): void {
    // The answer to a passive offer of ours: the receiver listens at host:port.
    const ours = offer.token !== undefined ? this.offered.get(waiterKey(who, 0, offer.token)) : undefined;
    if (ours?.answered && offer.port !== 0) {
      ours.answered(offer);
      return;
    }
    const conversationId = this.direct(nick);
    const refusal = offer.port === 0 ? undefined : addressRefusal(offer.host, this.host.settings.allowLocal);
    const base = { conversationId, senderId: who, senderName: nick, timestamp: Date.now() };
    if (refusal !== undefined) {
      this.host.emit({ type: 'message.received', message: { ...base, kind: 'notice', body: `${nick} offered the file "${offer.name}" over DCC. Refused: ${refusal}.` } });
      return;
    }
    const reference: OfferReference = {
      nick, name: offer.name, host: offer.host, port: offer.port,
      ...(offer.size !== undefined ? { size: offer.size } : {}), ...(offer.token !== undefined ? { token: offer.token } : {}),
    };
    const url = `dcc://${encodeURIComponent(who)}/${offer.token ?? String(offer.port)}/${encodeURIComponent(offer.name)}`;
    this.host.emit({
      type: 'message.received',
      message: {
        ...base, kind: 'text', body: offer.name,
        attachments: [{ url, name: offer.name, kind: 'file', ...(offer.size !== undefined ? { size: offer.size } : {}), reference: JSON.stringify(reference) }],
      },
    });
  }

  private direct(nick: string): string {
    const id = this.host.names.fold(nick);
    if (!this.host.knownDirect.has(id)) {
      this.host.knownDirect.add(id);
      const capabilities = this.host.capabilities();
      this.host.emit({ type: 'conversation.upserted', conversation: { id, kind: 'direct', title: nick, ...(capabilities ? { capabilities } : {}) } });
    }
    return id;
  }

  /** Where an interrupted download of this file from this nick keeps its bytes. */
  private partialPath(who: string, name: string, size: number | undefined): string {
    const key = createHash('sha256').update(`${who}\0${name}\0${size ?? ''}`).digest('hex').slice(0, 32);
    return join(this.host.dataDir, 'dcc-partial', key);
  }

  /** The user saved an offer's attachment: fetch it (resuming what an earlier try left). */
  async download(request: DownloadRequest): Promise<DownloadResult> {
    this.refuseIfProxied();
    const offer = readReference(request.attachment.reference);
    if (offer.size !== undefined && offer.size > request.maxBytes) {
      throw new ProtocolError('protocol', `The file is bigger than the ${Math.round(request.maxBytes / (1024 * 1024))} MB limit.`);
    }
    const who = this.host.names.fold(offer.nick);
    const controller = new AbortController();
    this.downloads.set(request.downloadId, controller);
    const partial = this.partialPath(who, offer.name, offer.size);
    try {
      await mkdir(join(this.host.dataDir, 'dcc-partial'), { recursive: true, mode: 0o700 });
      const have = await stat(partial).then((s) => s.size, () => 0);
      const offset = offer.size !== undefined && have > 0 && have < offer.size ? await this.resumeAt(who, offer, have) : 0;
      const socket = offer.port === 0
        ? await this.answerPassive(offer, controller.signal)
        : await dial(offer.host, offer.port, controller.signal);
      const report = (receivedBytes: number): void => {
        this.host.emit({ type: 'download.progress', downloadId: request.downloadId, receivedBytes, ...(offer.size !== undefined ? { totalBytes: offer.size } : {}) });
      };
      const size = await receive(socket, { path: partial, offset, size: offer.size, maxBytes: request.maxBytes, onProgress: report, signal: controller.signal });
      await copyFile(partial, request.path);
      await rm(partial, { force: true });
      return { size };
    } catch (error: unknown) {
      // Kept for a resume unless nothing came or the file was refused.
      if (error instanceof ProtocolError && error.kind === 'protocol') await rm(partial, { force: true });
      throw error;
    } finally {
      this.downloads.delete(request.downloadId);
    }
  }

  cancel(downloadId: string): void {
    this.downloads.get(downloadId)?.abort();
  }

  /** DCC RESUME for what we have; the position the sender ACCEPTs, or 0 when it does not answer. */
  private async resumeAt(who: string, offer: OfferReference, have: number): Promise<number> {
    const key = waiterKey(who, offer.port, offer.token);
    const accepted = new Promise<number>((resolve) => {
      const timer = setTimeout(() => { resolve(0); }, RESUME_WAIT_MS);
      this.accepting.set(key, (position) => {
        clearTimeout(timer);
        resolve(position === have ? position : 0);
      });
    });
    this.host.ctcp(offer.nick, formatResume('RESUME', { name: offer.name, port: offer.port, position: have, ...(offer.token !== undefined ? { token: offer.token } : {}) }));
    try {
      return await accepted;
    } finally {
      this.accepting.delete(key);
    }
  }

  /** A passive offer: we listen and tell the sender where, with its token (after a RESUME it starts there). */
  private async answerPassive(offer: OfferReference, signal: AbortSignal): Promise<Socket> {
    const address = this.ownAddress();
    const server = await listen(isIP(address) === 6 ? '::' : '0.0.0.0', this.host.settings.ports);
    const port = (server.address() as AddressInfo).port;
    const connected = acceptOne(server, DCC_OFFER_WAIT_MS, signal, offer.nick);
    this.host.ctcp(offer.nick, formatSend({ name: offer.name, host: address, port, size: offer.size ?? 0, ...(offer.token !== undefined ? { token: offer.token } : {}) }));
    return connected;
  }

  private refuseIfProxied(): void {
    if (this.host.settings.proxied) {
      throw new ProtocolError('not-supported', 'Files go person to person (DCC), outside the proxy this account uses: that would show your address, so DCC is off for it.', { notSent: true });
    }
  }

  private ownAddress(): string {
    const address = this.host.settings.address ?? this.host.localAddress();
    if (address === undefined) throw new ProtocolError('network', 'This computer\'s address for DCC is not known (set it in the account\'s DCC settings).');
    return plainAddress(address);
  }

  /**
   * A file sent into a private chat: offered, then streamed in the background once the
   * other side connects (the core has its message as handed over when the offer is out).
   */
  async upload(request: UploadRequest): Promise<void> {
    this.refuseIfProxied();
    const nick = request.conversationId;
    if (this.host.names.isChannel(nick)) {
      throw new ProtocolError('not-supported', 'IRC sends files person to person (DCC): send it in a private chat.', { notSent: true });
    }
    // The core deletes its copy once this returns: keep our own until the transfer ends.
    const folder = join(this.host.dataDir, 'dcc-outgoing');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const path = join(folder, `${request.localId}-${Date.now()}`);
    await link(request.path, path).catch(() => copyFile(request.path, path));
    const controller = new AbortController();
    this.uploads.add(controller);
    const who = this.host.names.fold(nick);
    const token = this.host.settings.passive ? String(randomInt(1, 2 ** 31)) : undefined;
    const started = token !== undefined
      ? this.offerPassively(nick, who, request, token, controller.signal)
      : (await this.offerActively(nick, who, request, controller.signal)).connected;
    void started.then(async ({ socket, key }) => {
      const entry = this.offered.get(key);
      this.offered.delete(key);
      const report = (sentBytes: number): void => { this.host.emit({ type: 'upload.progress', localId: request.localId, sentBytes, totalBytes: request.size }); };
      await send(socket, { path, offset: entry?.resumeAt ?? 0, size: request.size, onProgress: report, signal: controller.signal });
      this.host.emit({ type: 'message.confirmed', localId: request.localId, timestamp: Date.now() });
    }).catch((error: unknown) => {
      const data = error instanceof ProtocolError ? error : new ProtocolError('network', String(error));
      this.host.emit({ type: 'message.failed', localId: request.localId, error: { kind: data.kind, message: data.message } });
    }).finally(() => {
      this.uploads.delete(controller);
      void rm(path, { force: true });
    });
  }

  private async offerActively(nick: string, who: string, request: UploadRequest, signal: AbortSignal): Promise<{ connected: Promise<{ socket: Socket; key: string }> }> {
    const address = this.ownAddress();
    const server = await listen(isIP(address) === 6 ? '::' : '0.0.0.0', this.host.settings.ports);
    const port = (server.address() as AddressInfo).port;
    const key = waiterKey(who, port, undefined);
    this.offered.set(key, { name: request.name, resumeAt: 0 });
    const connected = acceptOne(server, DCC_OFFER_WAIT_MS, signal, nick).then((socket) => ({ socket, key }));
    connected.catch(() => this.offered.delete(key));
    this.host.ctcp(nick, formatSend({ name: request.name, host: address, port, size: request.size }));
    return { connected };
  }

  private async offerPassively(nick: string, who: string, request: UploadRequest, token: string, signal: AbortSignal): Promise<{ socket: Socket; key: string }> {
    const key = waiterKey(who, 0, token);
    const answer = new Promise<DccSend>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new ProtocolError('network', `${nick} did not accept the file within ${DCC_OFFER_WAIT_MS / 60_000} minutes.`)); }, DCC_OFFER_WAIT_MS);
      signal.addEventListener('abort', () => { clearTimeout(timer); reject(new ProtocolError('network', 'The transfer was cancelled.')); }, { once: true });
      this.offered.set(key, { name: request.name, resumeAt: 0, answered: (offer) => { clearTimeout(timer); resolve(offer); } });
    });
    // The receiver connects nowhere (port 0): the address is informative, as mIRC and irssi send it.
    this.host.ctcp(nick, formatSend({ name: request.name, host: plainAddress(this.host.settings.address ?? this.host.localAddress() ?? '0.0.0.0'), port: 0, size: request.size, token }));
    try {
      const offer = await answer;
      const refusal = addressRefusal(offer.host, this.host.settings.allowLocal);
      if (refusal !== undefined) throw new ProtocolError('network', `${nick} accepted, but ${refusal}.`);
      return { socket: await dial(offer.host, offer.port, signal), key };
    } catch (error: unknown) {
      this.offered.delete(key);
      throw error;
    }
  }

  /** The receiver of our offer has part of the file: ACCEPT and start there. */
  private onResume(nick: string, who: string, request: DccResume): void {
    const key = waiterKey(who, request.port, request.token);
    const entry = this.offered.get(key);
    if (!entry) return;
    entry.resumeAt = request.position;
    this.host.ctcp(nick, formatResume('ACCEPT', { name: request.name, port: request.port, position: request.position, ...(request.token !== undefined ? { token: request.token } : {}) }));
  }
}

/** An IPv4 address as such, also when the socket reports it IPv4-mapped (`::ffff:1.2.3.4`). */
function plainAddress(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}

function readReference(reference: string | undefined): OfferReference {
  try {
    const value = JSON.parse(reference ?? '') as Partial<OfferReference>;
    if (typeof value.nick === 'string' && typeof value.name === 'string' && typeof value.host === 'string' && typeof value.port === 'number') {
      return {
        nick: value.nick, name: value.name, host: value.host, port: value.port,
        ...(typeof value.size === 'number' ? { size: value.size } : {}), ...(typeof value.token === 'string' ? { token: value.token } : {}),
      };
    }
  } catch {
    // answered below
  }
  throw new ProtocolError('protocol', 'This file offer cannot be fetched any more.');
}
