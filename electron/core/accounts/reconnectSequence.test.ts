/**
 * After a reconnect: rooms, then presence, then the outbox, each awaited. The steps are
 * fakes where only the order is checked; the last test runs the core's own steps (rejoin,
 * outbox) on a fake connection where a room refuses messages from non-occupants.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '../model/coreError.js';
import { outboxWorld } from '../outbox/outboxTestKit.js';
import { ReconnectSequence, type ReconnectSteps } from './reconnectSequence.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function recording(online: () => boolean = () => true) {
  const done: string[] = [];
  const rooms = deferred();
  const steps: ReconnectSteps = {
    rejoinRooms: async (id) => {
      done.push(`rejoin ${id} started`);
      await rooms.promise;
      done.push(`rejoin ${id} done`);
    },
    restorePresence: (id) => {
      done.push(`presence ${id}`);
      return Promise.resolve();
    },
    drainOutbox: (id) => {
      done.push(`outbox ${id}`);
      return Promise.resolve();
    },
  };
  const log: string[] = [];
  return { done, rooms, sequence: new ReconnectSequence(steps, online, (line) => log.push(line)), log, steps };
}

const worlds: ReturnType<typeof outboxWorld>[] = [];
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((made) => made.close()));
});

describe('ReconnectSequence', () => {
  it('rejoins rooms, then restores presence, then drains the outbox, each after the one before has finished', async () => {
    const { done, rooms, sequence } = recording();
    const run = sequence.cameOnline('a1');
    await Promise.resolve();
    expect(done).toEqual(['rejoin a1 started']);
    rooms.resolve();
    await run;
    expect(done).toEqual(['rejoin a1 started', 'rejoin a1 done', 'presence a1', 'outbox a1']);
  });

  it('a step that fails is logged and the next still runs', async () => {
    const { done, rooms, sequence, log, steps } = recording();
    rooms.resolve();
    steps.restorePresence = () => Promise.reject(new Error('the server refused the presence'));
    await sequence.cameOnline('a1');
    expect(done).toEqual(['rejoin a1 started', 'rejoin a1 done', 'outbox a1']);
    expect(log).toEqual(['reconnect of a1: restoring presence failed: the server refused the presence']);
  });

  it('stops when the account goes offline meanwhile; the next online runs after it, not beside it', async () => {
    const { done, rooms, sequence } = recording();
    const first = sequence.cameOnline('a1');
    await Promise.resolve();
    sequence.wentOffline('a1');
    const second = sequence.cameOnline('a1');
    await Promise.resolve();
    expect(done).toEqual(['rejoin a1 started']);
    rooms.resolve();
    await Promise.all([first, second]);
    expect(done).toEqual(['rejoin a1 started', 'rejoin a1 done', 'rejoin a1 started', 'rejoin a1 done', 'presence a1', 'outbox a1']);
  });

  it('goes on to the outbox when the rooms take longer than their time (a silent server), and says so', async () => {
    const done: string[] = [];
    const log: string[] = [];
    const sequence = new ReconnectSequence({
      rejoinRooms: () => new Promise<void>(() => undefined),
      restorePresence: () => Promise.resolve(),
      drainOutbox: (id) => {
        done.push(`outbox ${id}`);
        return Promise.resolve();
      },
    }, () => true, (line) => log.push(line), 20);
    await sequence.cameOnline('a1');
    expect(done).toEqual(['outbox a1']);
    expect(log).toEqual(['reconnect of a1: rejoining rooms is taking longer than 0.02 s; going on']);
  });

  it('does nothing for an account that is no longer online', async () => {
    const { done, sequence } = recording(() => false);
    await sequence.cameOnline('a1');
    expect(done).toEqual([]);
  });

  it('with the core\'s steps: a room message written offline goes out after the room is joined again', async () => {
    const w = outboxWorld();
    worlds.push(w);
    const written = w.write(w.room.id, 'for the room');
    expect(written.status).toBe('queued');
    const sequence = new ReconnectSequence({
      rejoinRooms: (id) => w.conversations.rejoinRooms(id),
      restorePresence: () => Promise.resolve(),
      drainOutbox: (id) => w.outbox.accountReady(id),
    }, (id) => w.connection.isOnline(id), (line) => { throw new Error(line); });
    w.connection.connect('a1');
    await sequence.cameOnline('a1');
    // A plugin without coreRejoinsRooms rejoins its saved rooms itself: the core does not ask for them.
    expect(w.connection.calls).toEqual(['joinRoom #room', 'sendMessage #room']);
    expect(w.statuses(w.room.id)).toEqual(['for the room: sending']);
  });

  it('with the core\'s steps and a plugin that leaves rejoining to the core: its saved rooms are joined too, each once, before the outbox', async () => {
    const w = outboxWorld();
    worlds.push(w);
    w.connection.capabilities = { rooms: true, coreRejoinsRooms: true };
    w.connection.savedRooms = ['#auto', '#room'];
    w.write(w.room.id, 'for the room');
    const sequence = new ReconnectSequence({
      rejoinRooms: (id) => w.conversations.rejoinRooms(id),
      restorePresence: () => Promise.resolve(),
      drainOutbox: (id) => w.outbox.accountReady(id),
    }, (id) => w.connection.isOnline(id), (line) => { throw new Error(line); });
    w.connection.connect('a1');
    await sequence.cameOnline('a1');
    expect(w.connection.calls).toEqual(['joinRoom #room', 'savedRooms', 'joinRoom #auto', 'sendMessage #room']);
  });

  it('a room the user left while offline is left on the network at the next login, not joined again', async () => {
    const w = outboxWorld();
    worlds.push(w);
    w.connection.capabilities = { rooms: true, coreRejoinsRooms: true };
    // The network keeps the room for the account (an XMPP autojoin bookmark): it would come back.
    w.connection.savedRooms = ['#room'];
    const rejoin = (): Promise<void> => w.conversations.rejoinRooms('a1');
    await w.conversations.leave(w.room.id);
    expect(w.connection.calls).toEqual([]);
    expect(w.conversations.list().map((c) => c.networkId)).not.toContain('#room');

    w.connection.connect('a1');
    await rejoin();
    expect(w.connection.calls).toEqual(['leaveRoom #room', 'savedRooms']);
    expect(w.connection.savedRooms).toEqual([]);
    expect(w.conversations.list().map((c) => c.networkId)).not.toContain('#room');

    // Done once: the next login has nothing left to leave.
    w.connection.calls.length = 0;
    await rejoin();
    expect(w.connection.calls).toEqual(['savedRooms']);
  });

  it('a room left while offline that the network lists again at login (Matrix) is left and leaves the list again', async () => {
    const w = outboxWorld();
    worlds.push(w);
    await w.conversations.leave(w.room.id);
    w.connection.connect('a1');
    // The plugin reports its rooms at login: the stored conversation is open again.
    w.conversationsRepository.upsert({ accountId: 'a1', networkId: '#room', kind: 'room', joined: true });
    expect(w.conversations.list().map((c) => c.networkId)).toContain('#room');
    await w.conversations.rejoinRooms('a1');
    expect(w.connection.calls).toEqual(['leaveRoom #room']);
    expect(w.conversations.list().map((c) => c.networkId)).not.toContain('#room');
  });

  it('a leave the network does not answer is tried again at the next login; one it refuses is not', async () => {
    const w = outboxWorld();
    worlds.push(w);
    await w.conversations.leave(w.room.id);
    w.connection.connect('a1');
    w.connection.leaveFailures = [
      new CoreError({ kind: 'network', message: 'The server did not answer the request to leave #room.' }),
      new CoreError({ kind: 'protocol', message: 'You are not in #room.' }),
    ];
    await w.conversations.rejoinRooms('a1');
    await w.conversations.rejoinRooms('a1');
    await w.conversations.rejoinRooms('a1');
    expect(w.connection.calls).toEqual(['leaveRoom #room', 'leaveRoom #room']);
  });

  it('a room left while offline and joined again on purpose is not left at the next login', async () => {
    const w = outboxWorld();
    worlds.push(w);
    w.connection.capabilities = { rooms: true, coreRejoinsRooms: true };
    await w.conversations.leave(w.room.id);
    w.connection.connect('a1');
    await w.conversations.joinRoom('a1', '#room', undefined);
    w.connection.calls.length = 0;
    await w.conversations.rejoinRooms('a1');
    expect(w.connection.calls).toEqual(['joinRoom #room', 'savedRooms']);
  });

  it('(why the order matters) the same room message drained before the rejoin is refused', async () => {
    const w = outboxWorld();
    worlds.push(w);
    w.write(w.room.id, 'for the room');
    w.connection.connect('a1');
    await w.outbox.accountReady('a1');
    expect(w.statuses(w.room.id)).toEqual(['for the room: failed']);
    expect(w.messages.page(w.room.id, 1)[0]?.error?.message).toBe('You are not in #room.');
  });
});
