/**
 * One LAN account: announces the user on the local network, lists who else is there
 * (contacts with their presence, gone when they leave), and carries one-to-one messages on
 * XML streams opened on demand (XEP-0174). There is no server and no login: being online
 * means being announced and listening.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { ProtocolError, type ConnectionContext, type OwnPresence, type ProtocolConnection, type SendMessageRequest } from 'switchboard-plugin-sdk';
import { LinkLocalDiscovery, type LinkLocalPeer } from './discovery.js';
import { displayNameFromTxt, presenceFromTxt, txtStatus, type TxtFields } from './txt.js';
import { escapeXml, LinkLocalStream, type StanzaElement } from './xmlStream.js';

/** How long a message waits for its recipient to be found on the network (RFC 6762 §5.2's first queries take 3 s). */
const FIND_TIMEOUT_MS = 5000;

/** What may go into one DNS label of the instance name (RFC 6763 §4.1.1 allows more; this keeps names readable everywhere). */
function label(text: string): string {
  return text.trim().toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
}

export class LanConnection implements ProtocolConnection {
  private discovery: LinkLocalDiscovery | undefined;
  private server: Server | undefined;
  private readonly streams = new Map<string, LinkLocalStream>();
  private readonly opening = new Map<string, Promise<LinkLocalStream>>();
  private readonly conversations = new Set<string>();
  private readonly contacts = new Set<string>();
  /** Every accepted TCP connection, so that going offline closes them all (a stream not yet opened included). */
  private readonly sockets = new Set<Socket>();
  private presence: OwnPresence = { status: 'available' };
  private selfId = '';

  constructor(private readonly ctx: ConnectionContext) {}

  async connect(): Promise<void> {
    const user = label(String(this.ctx.settings['name'] ?? ''));
    const machine = label(hostname()) || 'machine';
    if (!user) throw new ProtocolError('protocol', 'Give a name made of letters or digits: it names you on the local network.');
    this.ctx.emit({ type: 'connection.state', state: 'connecting' });
    this.selfId = `${user}@${machine}`;
    try {
      const server = await this.listen();
      this.server = server;
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      this.discovery = await LinkLocalDiscovery.start(
        // Each account answers for its own host name, so that two accounts (or another
        // responder such as Avahi) on one machine never claim the same name.
        { instance: this.selfId, host: `${machine}-${user}.local`, port, txt: this.txt(port) },
        {
          peerSeen: (peer) => this.peerSeen(peer),
          peerGone: (id) => this.peerGone(id),
          warning: (message) => this.ctx.log.debug(message),
        },
      );
    } catch (error) {
      await this.stop();
      const code = (error as NodeJS.ErrnoException).code;
      throw new ProtocolError('network', `The local network cannot be used for chat (${code ?? (error instanceof Error ? error.message : String(error))}): multicast DNS on UDP port 5353 or a TCP port could not be opened.`);
    }
    this.ctx.emit({ type: 'connection.state', state: 'online', selfId: this.selfId });
  }

  async disconnect(): Promise<void> {
    await this.stop();
    this.ctx.emit({ type: 'connection.state', state: 'offline' });
  }

  openDirect(contactId: string): Promise<{ readonly conversationId: string }> {
    this.upsertConversation(contactId);
    return Promise.resolve({ conversationId: contactId });
  }

  async sendMessage(request: SendMessageRequest): Promise<void> {
    const stream = await this.streamTo(request.conversationId);
    const body = request.kind === 'action' ? `/me ${request.body}` : request.body;
    // RFC 6121 §5.2.2: one-to-one chat messages are of type "chat"; the core's id travels as
    // the stanza id, so that a copy sent again is recognisable.
    await stream.send(`<message from='${escapeXml(this.selfId)}' to='${escapeXml(request.conversationId)}' type='chat' id='${escapeXml(request.localId)}'><body>${escapeXml(body)}</body></message>`)
      .catch((error: unknown) => {
        throw new ProtocolError('network', `The message did not reach ${request.conversationId}: ${error instanceof Error ? error.message : String(error)}.`);
      });
    this.ctx.emit({ type: 'message.confirmed', localId: request.localId, timestamp: Date.now() });
  }

  /** XEP-0174 §3.1.2: presence is the TXT record's `status` and `msg`, announced again on a change. */
  setPresence(presence: OwnPresence): Promise<void> {
    this.presence = presence;
    const address = this.server?.address();
    if (this.discovery && typeof address === 'object' && address) this.discovery.updateTxt(this.txt(address.port));
    return Promise.resolve();
  }

  private txt(port: number): TxtFields {
    const nick = String(this.ctx.settings['nick'] ?? '').trim() || String(this.ctx.settings['name'] ?? '').trim();
    const message = this.presence.message?.trim();
    return {
      txtvers: '1', nick, 'port.p2pj': String(port), status: txtStatus(this.presence),
      ...(message ? { msg: message } : {}),
    };
  }

  private listen(): Promise<Server> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => this.incoming(socket));
      server.once('error', reject);
      server.listen(0, () => resolve(server));
    });
  }

  /** XEP-0174 §5: a stream is answered only from a user we know, from an address they announced. */
  private incoming(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    LinkLocalStream.incoming(socket, this.selfId, (header, remote) => {
      const from = header.from ?? '';
      const known = this.discovery?.addressesOf(from) ?? [];
      const allowed = known.includes(remote) && (header.to === undefined || header.to === this.selfId);
      if (!allowed) this.ctx.log.info(`Refused a stream from ${from || 'someone unnamed'} at ${remote}: not announced from that address.`);
      return allowed;
    }, (stream) => this.adopt(stream));
  }

  private adopt(stream: LinkLocalStream): void {
    const peer = stream.peer;
    if (peer === undefined) return;
    this.streams.get(peer)?.close();
    this.streams.set(peer, stream);
    stream.onStanza((stanza) => this.stanza(peer, stanza));
    stream.onClose(() => {
      if (this.streams.get(peer) === stream) this.streams.delete(peer);
    });
  }

  /** The open stream to a peer, or a new one (XEP-0174 §4); both directions use whichever is open. */
  private streamTo(id: string): Promise<LinkLocalStream> {
    const open = this.streams.get(id);
    if (open?.open) return Promise.resolve(open);
    const pending = this.opening.get(id);
    if (pending) return pending;
    const discovery = this.discovery;
    if (!discovery) return Promise.reject(new ProtocolError('network', 'Not on the local network (offline).'));
    const opened = discovery.find(id, FIND_TIMEOUT_MS).then((peer) => {
      const [address] = peer?.addresses ?? [];
      if (!peer || address === undefined) throw new Error(`${id} is not on the local network now`);
      return LinkLocalStream.open(address, peer.port, this.selfId, id);
    }).then((stream) => {
      this.adopt(stream);
      return stream;
    }, (error: unknown) => {
      throw new ProtocolError('network', `Could not open a chat with ${id}: ${error instanceof Error ? error.message : String(error)}.`);
    }).finally(() => this.opening.delete(id));
    this.opening.set(id, opened);
    return opened;
  }

  /** RFC 6121 §5.2: a message with a body is shown; other stanzas (features, chat states) are ignored. */
  private stanza(peer: string, stanza: StanzaElement): void {
    if (stanza.name !== 'message' || stanza.attrs['type'] === 'error') return;
    const body = stanza.children.find((child) => child.name === 'body')?.text;
    if (body === undefined || body === '') return;
    this.upsertConversation(peer);
    const action = body.startsWith('/me ');
    const id = stanza.attrs['id'];
    this.ctx.emit({
      type: 'message.received',
      message: {
        conversationId: peer, senderId: peer, senderName: this.nameOf(peer), kind: action ? 'action' : 'text',
        body: action ? body.slice(4) : body, timestamp: Date.now(),
        ...(id ? { networkId: `${peer}/${id}` } : { networkId: `${peer}/${randomUUID()}` }),
      },
    });
  }

  private nameOf(id: string): string {
    const peer = this.discovery?.peer(id);
    return peer ? displayNameFromTxt(peer.txt, id) : id;
  }

  private upsertConversation(id: string): void {
    if (this.conversations.has(id)) return;
    this.conversations.add(id);
    this.ctx.emit({ type: 'conversation.upserted', conversation: { id, kind: 'direct', title: this.nameOf(id) } });
  }

  /** A peer appeared or changed its TXT record: the buddy list gets it with its presence. */
  private peerSeen(peer: LinkLocalPeer): void {
    const presence = presenceFromTxt(peer.txt);
    const known = this.contacts.has(peer.id);
    this.contacts.add(peer.id);
    this.ctx.emit({ type: 'contact.upserted', contact: { id: peer.id, displayName: displayNameFromTxt(peer.txt, peer.id), presence } });
    if (known) this.ctx.emit({ type: 'presence.changed', contactId: peer.id, presence });
  }

  /** A peer said goodbye or its records expired: it leaves the buddy list, and its stream closes. */
  private peerGone(id: string): void {
    this.streams.get(id)?.close();
    this.streams.delete(id);
    if (!this.contacts.delete(id)) return;
    this.ctx.emit({ type: 'contact.removed', contactId: id });
  }

  private async stop(): Promise<void> {
    const discovery = this.discovery;
    const server = this.server;
    this.discovery = undefined;
    this.server = undefined;
    for (const stream of this.streams.values()) stream.close();
    this.streams.clear();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.contacts.clear();
    this.conversations.clear();
    await discovery?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
