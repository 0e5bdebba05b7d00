/**
 * One Matrix account's connection: log in or resume the session, sync (spec §Syncing, with
 * a filter and lazy-loaded members), and route what the SDK reports to the core.
 */
import {
  ProtocolError, type ConnectionContext, type EditMessageRequest, type HistoryPage, type HistoryRequest,
  type JoinRoomRequest, type OwnPresence, type OwnProfile, type CurrentProfile, type ProtocolConnection, type ProtocolEvent, type RoomDirectoryEntry, type RoomDirectoryScope,
  type SendMessageRequest, type UploadRequest, type DownloadRequest, type DownloadResult,
} from '../api/index.js';
import { createClient, HttpApiEvent, type ICreateClientOpts, type MatrixClient } from 'matrix-js-sdk';
import { watchIdentities } from './crossSigning.js';
import { flushCrypto, startCrypto } from './crypto.js';
import { untilOwnDeviceKeysPublished } from './deviceKeysPublished.js';
import { Directory } from './directory.js';
import { markRead, sendTyping } from './ephemeral.js';
import { fetchHistory, SeenTracker } from './history.js';
import { boundLiveTimelines, LIVE_TIMELINE_EVENTS } from './liveTimeline.js';
import { establishSession, forgetSession, logout } from './login.js';
import { uploadFile } from './media.js';
import { cancelDownload, downloadAttachment } from './mediaDownload.js';
import { deleteMessage, editMessage, sendMessage } from './messages.js';
import { appearOffline, setPresence } from './presence.js';
import { setIgnored } from './ignoring.js';
import { currentOwnProfile, setOwnProfile } from './ownProfile.js';
import { PollTracker, voteByChips, votesFor } from './polls.js';
import { react, ReactionTracker } from './reactions.js';
import { createScheduler } from './retry.js';
import { inviteToRoom, joinRoom, kickMember, leaveRoom, openDirect, safeRoomName, setTopic } from './rooms.js';
import { listRooms } from './roomDirectory.js';
import { quietLogger, silenceSdkLogger } from './sdkLogger.js';
import { runRecovery } from './recovery.js';
import { SecretStorageKeys } from './secretStorage.js';
import { refreshShields } from './shields.js';
import { readSettings } from './settings.js';
import { describeError, type AccountState } from './state.js';
import { startSyncing } from './sync.js';
import { listDevices, startVerification, watchVerificationRequests } from './verification.js';
import { EventRouter } from './wiring.js';

/** How the account's MatrixClient is made (the membership fuzzer makes its client the same way). */
export function clientOptions(session: Pick<AccountState['session'], 'homeserver' | 'userId' | 'deviceId' | 'accessToken'>): ICreateClientOpts {
  return {
    baseUrl: session.homeserver, userId: session.userId, deviceId: session.deviceId, accessToken: session.accessToken,
    scheduler: createScheduler(), logger: quietLogger, timelineSupport: true, useAuthorizationHeader: true,
    roomNameGenerator: safeRoomName,
  };
}

export class MatrixConnection implements ProtocolConnection {
  private state: AccountState | undefined;
  private stopped = false;
  private reported = false;
  private readonly reactions = new ReactionTracker();
  private readonly polls = new PollTracker();
  private readonly seen: SeenTracker;
  private crypto = false;
  private readonly secretKeys = new SecretStorageKeys();

  /** `liveTimelineEvents`: events kept per room in the SDK (liveTimeline.ts); tests pass fewer. */
  constructor(private readonly context: ConnectionContext, private readonly liveTimelineEvents = LIVE_TIMELINE_EVENTS) {
    silenceSdkLogger();
    this.seen = new SeenTracker(context);
  }

  private emit(event: ProtocolEvent): void {
    if (this.stopped) return;
    this.reported = true;
    this.context.emit(event);
  }

  /**
   * The logged-in client. Without one nothing is sent, and the refusal says so (`notSent`):
   * the session may have just ended while the core still counts the account online, and the
   * core keeps a message for when the account is back.
   */
  private online(): AccountState {
    if (!this.state || this.stopped) throw new ProtocolError('network', 'The Matrix account is not connected.', { notSent: true });
    return this.state;
  }

  /** How many events each room's live timeline holds in the SDK, by room id (tests, diagnostics). */
  liveTimelineLengths(): ReadonlyMap<string, number> {
    return new Map((this.state?.client.getRooms() ?? []).map((room) => [room.roomId, room.getLiveTimeline().getEvents().length]));
  }

  async connect(): Promise<void> {
    this.emit({ type: 'connection.state', state: 'connecting' });
    try {
      const settings = readSettings(this.context.settings);
      await this.seen.load();
      const session = await establishSession(this.context, settings);
      if (this.stopped) throw new ProtocolError('network', 'Disconnected while logging in.');
      const client: MatrixClient = createClient({ ...clientOptions(session), cryptoCallbacks: this.secretKeys.callbacks });
      const state = this.makeState(client, settings, session);
      this.state = state;
      const router = new EventRouter(state, {
        reactions: this.reactions,
        polls: this.polls,
        seen: this.seen,
        noteSeen: (room, event) => {
          const id = event.getId();
          if (id !== undefined) this.seen.note(room.roomId, id, event.getTs());
        },
      });
      router.attach();
      // The last event seen before this connection stays: the catch-up of a room that shows up
      // later looks for it in the live timeline to tell whether anything was missed (wiring.ts).
      boundLiveTimelines(client, this.liveTimelineEvents, (room, eventId) => this.seen.seenBefore(room.roomId)?.id === eventId);
      client.on(HttpApiEvent.SessionLoggedOut, () => void this.sessionEnded());
      this.crypto = await startCrypto(this.context, client, session.deviceId);
      if (this.crypto) {
        watchVerificationRequests(state);
        watchIdentities(state, (userId) => void state.guard('shields', () => refreshShields(state, userId)));
      }
      await startSyncing(state, router, this.seen);
      if (this.crypto) {
        await untilOwnDeviceKeysPublished(this.context, client, session.userId, session.deviceId, { timeoutMs: 10_000, intervalMs: 200, isStopped: () => this.stopped });
      }
      this.emit({ type: 'connection.state', state: 'online', selfId: session.userId });
    } catch (error: unknown) {
      await this.teardown();
      const failure = error instanceof ProtocolError ? error : new ProtocolError('internal', describeError(error));
      this.emit({ type: 'connection.state', state: 'failed', error: failure.toData() });
      throw failure;
    }
  }

  private makeState(client: MatrixClient, settings: AccountState['settings'], session: AccountState['session']): AccountState {
    return {
      context: this.context, settings, session, client, selfId: session.userId,
      directory: new Directory(client, session.userId),
      announced: new Map(), createdEncrypted: new Set(), requests: new Map(),
      emit: (event) => this.emit(event),
      isStopped: () => this.stopped,
      guard: async (what, work) => {
        try {
          await work();
        } catch (error: unknown) {
          this.context.log.warn(`Matrix: skipped ${what}: ${describeError(error)}`);
        }
      },
    };
  }

  /** The homeserver ended the session (token invalidated elsewhere): ask for the password again. */
  private async sessionEnded(): Promise<void> {
    if (this.stopped) return;
    if (this.state && !this.state.session.fromSettings) await forgetSession(this.context);
    const error = new ProtocolError('auth', 'The homeserver ended this session (logged out elsewhere or expired). Connect again to log in with your password.');
    this.emit({ type: 'connection.state', state: 'failed', error: error.toData() });
    await this.teardown();
  }

  private async teardown(): Promise<void> {
    const state = this.state;
    this.state = undefined;
    if (!state) return;
    state.client.stopClient();
    state.client.removeAllListeners();
    flushCrypto(this.context, state.session.deviceId);
    this.secretKeys.clear();
    await this.seen.flush();
  }

  async disconnect(): Promise<void> {
    const wasReported = this.reported;
    if (this.state && wasReported && !this.stopped) {
      // The sync loop stops first: our offline presence ends its long poll, and the next /sync
      // (set_presence=online) would mark us online again before the teardown stopped it; Synapse
      // then waited for its 30 s sync timeout (ui2-status.e2e.ts saw "online" for 15 s).
      this.state.client.stopClient();
      await appearOffline(this.state);
    }
    await this.teardown();
    if (wasReported && !this.stopped) this.context.emit({ type: 'connection.state', state: 'offline' });
    this.stopped = true;
  }

  sendMessage(request: SendMessageRequest): Promise<void> {
    return sendMessage(this.online(), request, this.crypto);
  }

  joinRoom(request: JoinRoomRequest): Promise<{ readonly conversationId: string }> {
    return joinRoom(this.online(), request);
  }

  leaveRoom(conversationId: string): Promise<void> {
    return leaveRoom(this.online(), conversationId);
  }

  openDirect(contactId: string): Promise<{ readonly conversationId: string }> {
    return openDirect(this.online(), contactId, this.crypto);
  }

  editMessage(request: EditMessageRequest): Promise<void> {
    return editMessage(this.online(), request);
  }

  deleteMessage(conversationId: string, targetNetworkId: string): Promise<void> {
    return deleteMessage(this.online(), conversationId, targetNetworkId);
  }

  react(conversationId: string, targetNetworkId: string, reactions: readonly string[]): Promise<void> {
    // A poll's chips are its answers: picking one votes (polls.ts).
    const state = this.online();
    const votes = votesFor(this.polls, targetNetworkId, reactions, state.selfId);
    if (votes) return voteByChips(state, this.polls, targetNetworkId, votes);
    return react(state, this.reactions, conversationId, targetNetworkId, reactions);
  }

  setBlocked(contactId: string, blocked: boolean): Promise<void> {
    return setIgnored(this.online(), contactId, blocked);
  }

  markRead(conversationId: string, networkId: string): Promise<void> {
    return markRead(this.online(), conversationId, networkId);
  }

  sendTyping(conversationId: string, state: 'active' | 'paused' | 'done'): Promise<void> {
    return sendTyping(this.online(), conversationId, state);
  }

  setPresence(presence: OwnPresence): Promise<void> {
    return setPresence(this.online(), presence);
  }

  setProfile(profile: OwnProfile): Promise<void> {
    return setOwnProfile(this.online(), profile);
  }

  getProfile(): Promise<CurrentProfile> {
    return currentOwnProfile(this.online());
  }

  setTopic(conversationId: string, topic: string): Promise<void> {
    return setTopic(this.online(), conversationId, topic);
  }

  fetchHistory(request: HistoryRequest): Promise<HistoryPage> {
    return fetchHistory(this.online(), request);
  }

  listRooms(query: string, limit: number, scope?: RoomDirectoryScope): Promise<readonly RoomDirectoryEntry[]> {
    return listRooms(this.online(), query, limit, scope);
  }

  inviteToRoom(conversationId: string, contactId: string, reason?: string): Promise<void> {
    return inviteToRoom(this.online(), conversationId, contactId, reason);
  }

  kickMember(conversationId: string, memberId: string, reason?: string): Promise<void> {
    return kickMember(this.online(), conversationId, memberId, reason);
  }

  uploadFile(request: UploadRequest): Promise<void> {
    return uploadFile(this.online(), request, this.crypto);
  }

  downloadAttachment(request: DownloadRequest): Promise<DownloadResult> {
    return downloadAttachment(this.online(), request);
  }

  cancelDownload(downloadId: string): Promise<void> {
    if (this.state) cancelDownload(this.state, downloadId);
    return Promise.resolve();
  }

  async answerRequest(requestId: string, choiceId: string): Promise<void> {
    const open = this.online().requests.get(requestId);
    if (!open) throw new ProtocolError('protocol', 'This request is no longer open.');
    await open.answer(choiceId);
  }

  async runCommand(command: string, args: string, _conversationId: string | undefined): Promise<void> {
    const state = this.online();
    if (command === 'logout') {
      await logout(this.context, state.client);
      const error = new ProtocolError('auth', 'You logged this device out. Connect again to log in with your password.');
      this.emit({ type: 'connection.state', state: 'failed', error: error.toData() });
      await this.teardown();
      return;
    }
    if (command === 'devices') return listDevices(state, args);
    if (command === 'verify') return startVerification(state, args);
    if (command === 'recovery') return runRecovery(state, this.secretKeys, args);
    throw new ProtocolError('not-supported', `/${command} is not a Matrix command.`);
  }
}
