/**
 * What the user sends: messages (confirmed by the server's XEP-0198 ack, or in rooms by the
 * room's reflection with its stanza-id), corrections (XEP-0308), reactions (XEP-0444),
 * displayed markers (XEP-0333), chat states (XEP-0085) and uploaded files (XEP-0363 + 0066).
 */
import { ProtocolError, toProtocolErrorData, type EditMessageRequest, type SendMessageRequest, type UploadRequest } from '../api/index.js';
import type { XmppCore } from './core.js';
import { htmlField, markupToStyling, stylingToHtml } from './messageStyling.js';
import type { Features } from './features.js';
import { bare, parseJid } from './jid.js';
import type { Room } from './mucState.js';
import { chatStateStanza, messageStanza, reactionsStanza } from './outgoing.js';
import { sealFile } from './omemo/files.js';
import { NS, randomId, xml, type Element } from './xml.js';

interface Target {
  readonly to: string;
  readonly type: 'chat' | 'groupchat';
  readonly room?: Room;
}

const CHAT_STATE: Record<'active' | 'paused' | 'done', string> = { active: 'composing', paused: 'paused', done: 'active' };
const REFLECTION_WAIT_MS = 15_000;

export class Sending {
  constructor(private readonly core: XmppCore, private readonly features: Features) {}

  private target(conversationId: string): Target {
    const room = this.features.rooms.get(conversationId);
    if (room) {
      if (!room.joined) throw new ProtocolError('protocol', `You are not in ${conversationId}.`);
      return { to: room.jid, type: 'groupchat', room };
    }
    const jid = parseJid(conversationId);
    if (!jid) throw new ProtocolError('protocol', `"${conversationId}" is not an XMPP address.`);
    return { to: conversationId, type: 'chat' };
  }

  async message(request: SendMessageRequest, extra: readonly Element[] = []): Promise<void> {
    const target = this.target(request.conversationId);
    const wireId = this.core.wireIds.fromLocal(request.localId);
    const styled = markupToStyling(request.body);
    const body = request.kind === 'action' ? `/me ${styled}` : styled;
    const replyJid = request.replyTo ? this.replyJid(target, request.replyTo.senderId) : undefined;
    const replyTo = request.replyTo ? { ...request.replyTo, ...(replyJid !== undefined ? { toJid: replyJid } : {}) } : undefined;
    const stanza = await this.features.omemo.seal(messageStanza({ to: target.to, type: target.type, wireId, body, extra, ...(replyTo ? { replyTo } : {}) }));
    // Held while the session was being resumed and never written (XEP-0198 §5): nothing went
    // out, so the core keeps it for after the reconnect instead of showing it as not sent.
    const failed = (written: boolean): void => this.core.emit({
      type: 'message.failed', localId: request.localId,
      error: written
        ? { kind: 'network', message: 'The connection was lost before the server confirmed the message.' }
        : { kind: 'network', message: 'The connection was lost before this message could be sent.', notSent: true },
    });
    const room = target.room;
    if (room) {
      room.pending.set(wireId, request.localId);
      await this.core.send(stanza, {
        onAcked: () => {
          // Rooms confirm by reflecting the message (XEP-0045 §7.4); a room that does not gets a fallback.
          setTimeout(() => {
            if (room.pending.delete(wireId)) this.core.emit({ type: 'message.confirmed', localId: request.localId, timestamp: Date.now() });
          }, REFLECTION_WAIT_MS).unref();
        },
        onLost: (written) => {
          if (room.pending.delete(wireId)) failed(written);
        },
      });
      return;
    }
    await this.core.send(stanza, {
      onAcked: () => this.core.emit({ type: 'message.confirmed', localId: request.localId, networkId: wireId, timestamp: Date.now() }),
      onLost: failed,
    });
  }

  /** XEP-0461 `to`: the full JID (occupant JID in rooms) of the quoted message's author. */
  private replyJid(target: Target, senderId: string | undefined): string | undefined {
    if (!senderId) return undefined;
    if (!target.room) return bare(senderId);
    const nick = target.room.nickOf(senderId, this.core.selfBare);
    return nick ? target.room.occupantJid(nick) : undefined;
  }

  async edit(request: EditMessageRequest): Promise<void> {
    const target = this.target(request.conversationId);
    // XEP-0308 §3: the id of the original message (in rooms, its sender's id, not the room's).
    const replaceId = target.room?.senderIds.get(request.targetNetworkId) ?? request.targetNetworkId;
    const body = markupToStyling(request.body);
    const stanza = await this.features.omemo.seal(messageStanza({ to: target.to, type: target.type, wireId: this.core.wireIds.fromLocal(request.localId), body, replaceId }));
    if (target.room) {
      await this.core.send(stanza); // the room's reflection brings message.edited
      return;
    }
    await this.core.send(stanza, {
      onAcked: () => this.core.emit({
        type: 'message.edited', conversationId: request.conversationId, targetNetworkId: request.targetNetworkId,
        senderId: this.core.selfBare, body, timestamp: Date.now(), ...htmlField(stylingToHtml(body, false)),
      }),
    });
  }

  async react(conversationId: string, targetNetworkId: string, reactions: readonly string[]): Promise<void> {
    const target = this.target(conversationId);
    const clean = [...new Set(reactions.map((reaction) => reaction.trim()).filter((reaction) => reaction.length > 0 && reaction.length <= 64))].slice(0, 20);
    await this.core.send(reactionsStanza(target.to, target.type, targetNetworkId, clean, randomId()));
    if (!target.room) {
      this.core.emit({ type: 'reactions.changed', conversationId, targetNetworkId, senderId: this.core.selfBare, senderName: this.core.nameOf(this.core.selfBare), reactions: clean });
    }
  }

  async markRead(conversationId: string, networkId: string): Promise<void> {
    const target = this.target(conversationId);
    if (target.room) return; // markers in rooms would tell everyone; not sent (as Conversations does in public rooms)
    await this.core.send(xml('message', { to: target.to, type: 'chat', id: randomId() },
      xml('displayed', { xmlns: NS.markers, id: networkId }), xml('store', { xmlns: NS.hints })));
  }

  async typing(conversationId: string, state: 'active' | 'paused' | 'done'): Promise<void> {
    const target = this.target(conversationId);
    await this.core.send(chatStateStanza(target.to, target.type, CHAT_STATE[state]));
  }

  async upload(request: UploadRequest): Promise<void> {
    this.target(request.conversationId);
    // OMEMO chats share the file encrypted, as an aesgcm:// link inside the encrypted message (XEP-0454).
    const sealed = await this.features.omemo.encrypts(request.conversationId) ? await sealFile(request.path, this.core.context.dataDir) : undefined;
    let url: string;
    try {
      url = await this.features.uploads.upload(sealed?.path ?? request.path, request.name, request.mimeType, (sentBytes, totalBytes) => {
        this.core.emit({ type: 'upload.progress', localId: request.localId, sentBytes, totalBytes });
      });
    } catch (error: unknown) {
      const data = toProtocolErrorData(error);
      throw new ProtocolError(data.kind, data.message);
    } finally {
      await sealed?.dispose();
    }
    if (sealed) {
      await this.message({ conversationId: request.conversationId, localId: request.localId, kind: 'text', body: sealed.link(url) });
      return;
    }
    await this.message(
      { conversationId: request.conversationId, localId: request.localId, kind: 'text', body: url },
      [xml('x', { xmlns: NS.oob }, xml('url', {}, url))],
    );
  }
}

