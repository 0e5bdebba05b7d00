/**
 * Polls (spec §Polls, v1.7; and the unstable MSC3381 `org.matrix.msc3381.poll.*` types that
 * older clients still send). A poll is shown as a message listing its answers; the votes
 * are shown as the answers' reaction chips, so clicking one votes for it (react() below);
 * the user is asked once with the answers as buttons (a request). Per §Polls, each voter's
 * latest response counts, and none after the poll ended.
 */
import { ProtocolError } from '../api/index.js';
import type { MatrixEvent, Room } from 'matrix-js-sdk';
import { toProtocolError } from './errors.js';
import { displayNameOf } from './rooms.js';
import type { AccountState } from './state.js';

const STABLE = { start: 'm.poll.start', response: 'm.poll.response', end: 'm.poll.end' } as const;
const UNSTABLE = { start: 'org.matrix.msc3381.poll.start', response: 'org.matrix.msc3381.poll.response', end: 'org.matrix.msc3381.poll.end' } as const;
/** The longest reaction key the core keeps (protocolEventGuard.ts). */
const MAX_KEY = 64;
const MAX_ANSWERS = 20;
/** Answers offered as a request's buttons: a request has at most 10 (validation), one is "Not now". */
const MAX_ASKED = 9;
/** The longest button label of a request (validation). */
const MAX_LABEL = 256;

type Json = Readonly<Record<string, unknown>>;
const record = (value: unknown): Json | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Json : undefined);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export interface PollAnswer {
  readonly id: string;
  readonly text: string;
}

export interface PollStart {
  readonly question: string;
  readonly answers: readonly PollAnswer[];
  readonly maxSelections: number;
  /** Sent as MSC3381 (unstable types): answered the same way. */
  readonly unstable: boolean;
}

export function isPollEvent(type: string): boolean {
  return (Object.values(STABLE) as string[]).includes(type) || (Object.values(UNSTABLE) as string[]).includes(type);
}

/** Text of an extensible-events text block: `m.text` as `[{ body, mimetype? }]`, or an MSC1767 string. */
function textOf(block: Json | undefined, unstable: boolean): string | undefined {
  if (!block) return undefined;
  if (unstable) return str(block['org.matrix.msc1767.text']) ?? str(block['body']);
  const texts = block['m.text'];
  if (!Array.isArray(texts)) return str(texts);
  const plain = texts.map(record).find((text) => text !== undefined && (text['mimetype'] === undefined || text['mimetype'] === 'text/plain'));
  return str(plain?.['body']);
}

export function parsePollStart(type: string, contentValue: unknown): PollStart | undefined {
  const unstable = type === UNSTABLE.start;
  const poll = record(record(contentValue)?.[unstable ? UNSTABLE.start : 'm.poll']);
  if (type !== STABLE.start && !unstable) return undefined;
  const question = textOf(record(poll?.['question']), unstable)?.trim();
  const rawAnswers = poll?.['answers'];
  if (question === undefined || question === '' || !Array.isArray(rawAnswers)) return undefined;
  const answers: PollAnswer[] = [];
  for (const raw of rawAnswers.slice(0, MAX_ANSWERS)) {
    const answer = record(raw);
    const id = str(answer?.[unstable ? 'id' : 'm.id']);
    const text = textOf(answer, unstable)?.trim();
    if (id !== undefined && id !== '' && text !== undefined && text !== '' && !answers.some((known) => known.id === id)) answers.push({ id, text });
  }
  if (answers.length === 0) return undefined;
  const max = poll?.['max_selections'];
  return { question, answers, maxSelections: typeof max === 'number' && Number.isInteger(max) && max >= 1 ? Math.min(max, answers.length) : 1, unstable };
}

/** A response's poll and answers (§m.poll.response: `m.selections`; MSC3381: `answers`). */
export function parsePollResponse(type: string, contentValue: unknown): { pollId: string; answerIds: string[] } | undefined {
  const content = record(contentValue);
  const relates = record(content?.['m.relates_to']);
  const pollId = str(relates?.['event_id']);
  if (pollId === undefined || (type !== STABLE.response && type !== UNSTABLE.response)) return undefined;
  const selections = type === STABLE.response ? content?.['m.selections'] : record(content?.[UNSTABLE.response])?.['answers'];
  return { pollId, answerIds: Array.isArray(selections) ? selections.filter((id): id is string => typeof id === 'string') : [] };
}

/** The poll an end event closes. */
export function endedPollOf(type: string, contentValue: unknown): string | undefined {
  if (type !== STABLE.end && type !== UNSTABLE.end) return undefined;
  return str(record(record(contentValue)?.['m.relates_to'])?.['event_id']);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` cut to at most `max` UTF-16 units (what the core's validation counts), never inside a character. */
function cut(text: string, max: number): string {
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > max) break;
    kept += segment;
  }
  return kept;
}

/** The chip an answer is shown as: its text, cut to what a reaction key may be. */
export function answerKey(answer: PollAnswer): string {
  return cut(answer.text, MAX_KEY);
}

interface Poll extends PollStart {
  readonly roomId: string;
  readonly creator: string;
  ended: boolean;
  /** Voter → their latest response's time and answers. */
  readonly votes: Map<string, { readonly ts: number; readonly answerIds: readonly string[] }>;
}

/** The polls seen in this session, by their start event id. */
export class PollTracker {
  readonly polls = new Map<string, Poll>();
}

const requestIdOf = (pollId: string): string => `poll:${pollId}`;

function closeRequest(state: AccountState, pollId: string): void {
  if (state.requests.delete(requestIdOf(pollId))) state.emit({ type: 'request.closed', requestId: requestIdOf(pollId) });
}

function pollBody(start: PollStart): string {
  return `📊 ${start.question}\n${start.answers.map((answer) => `• ${answer.text}`).join('\n')}`;
}

/** Handles a poll start, response or end in a room the user is in. */
export function handlePollEvent(state: AccountState, tracker: PollTracker, room: Room, event: MatrixEvent, catchUp: boolean): void {
  const type = event.getType();
  const id = event.getId();
  const sender = event.getSender();
  if (id === undefined || sender === undefined) return;
  const conversationId = state.directory.conversationIdOf(room.roomId);
  const start = parsePollStart(type, event.getContent());
  if (start) {
    if (tracker.polls.has(id)) return;
    tracker.polls.set(id, { ...start, roomId: room.roomId, creator: sender, ended: false, votes: new Map() });
    state.emit({
      type: 'message.received',
      message: {
        conversationId, networkId: id, senderId: sender, senderName: displayNameOf(state, sender, room), kind: 'text',
        body: pollBody(start), timestamp: event.getTs(),
        ...(sender === state.selfId ? { fromSelf: true } : {}), ...(catchUp ? { catchUp: true } : {}),
      },
    });
    if (sender !== state.selfId) ask(state, tracker, id, displayNameOf(state, sender, room), conversationId);
    return;
  }
  const response = parsePollResponse(type, event.getContent());
  if (response) {
    const poll = tracker.polls.get(response.pollId);
    const known = poll?.votes.get(sender);
    // §Polls: the latest response counts; a response after the end does not.
    if (!poll || poll.ended || (known && known.ts > event.getTs())) return;
    const valid = response.answerIds.filter((answerId) => poll.answers.some((answer) => answer.id === answerId)).slice(0, poll.maxSelections);
    poll.votes.set(sender, { ts: event.getTs(), answerIds: valid });
    state.emit({
      type: 'reactions.changed', conversationId, targetNetworkId: response.pollId, senderId: sender,
      senderName: displayNameOf(state, sender, room),
      reactions: poll.answers.filter((answer) => valid.includes(answer.id)).map(answerKey),
    });
    if (sender === state.selfId) closeRequest(state, response.pollId);
    return;
  }
  const ended = endedPollOf(type, event.getContent());
  const poll = ended === undefined ? undefined : tracker.polls.get(ended);
  // §Polls: only the poll's creator (or a moderator, not checked here) ends it.
  if (!poll || ended === undefined || poll.ended || sender !== poll.creator) return;
  poll.ended = true;
  closeRequest(state, ended);
  const counts = poll.answers.map((answer) => ({ answer, votes: [...poll.votes.values()].filter((vote) => vote.answerIds.includes(answer.id)).length }));
  state.emit({
    type: 'message.received',
    message: {
      conversationId, networkId: id, senderId: sender, senderName: displayNameOf(state, sender, room), kind: 'event', timestamp: event.getTs(),
      body: `Poll ended: ${poll.question} — ${counts.map(({ answer, votes }) => `${answer.text}: ${votes}`).join(', ')}`,
    },
  });
}

/** Offers the answers as a request's buttons, once per poll. */
function ask(state: AccountState, tracker: PollTracker, pollId: string, creatorName: string, conversationId: string): void {
  const poll = tracker.polls.get(pollId);
  if (!poll) return;
  const request = {
    id: requestIdOf(pollId), kind: 'other' as const, title: `${creatorName} asks: ${poll.question}`, conversationId,
    // By position (a poll's own ids may be long); a request has at most 10 buttons, the rest are voted by their chips.
    choices: [...poll.answers.slice(0, MAX_ASKED).map((answer, index) => ({ id: `answer-${index}`, label: cut(answer.text, MAX_LABEL) })), { id: 'not-now', label: 'Not now' }],
  };
  state.requests.set(request.id, {
    request,
    answer: async (choice) => {
      const answer = /^answer-(\d+)$/.exec(choice) ? poll.answers[Number(choice.slice('answer-'.length))] : undefined;
      if (answer) await vote(state, tracker, pollId, [answer.id]);
      closeRequest(state, pollId);
    },
  });
  state.emit({ type: 'request.raised', request });
}

/** Sends the user's answers to a poll (§m.poll.response; MSC3381's for an MSC3381 poll). */
export async function vote(state: AccountState, tracker: PollTracker, pollId: string, answerIds: readonly string[]): Promise<void> {
  const poll = tracker.polls.get(pollId);
  if (!poll) throw new ProtocolError('protocol', 'This poll is not known here.');
  if (poll.ended) throw new ProtocolError('protocol', 'This poll has ended.');
  const relates = { rel_type: 'm.reference', event_id: pollId };
  const content = poll.unstable
    ? { 'm.relates_to': relates, [UNSTABLE.response]: { answers: answerIds } }
    : { 'm.relates_to': relates, 'm.selections': answerIds };
  try {
    await state.client.sendEvent(poll.roomId, (poll.unstable ? UNSTABLE.response : STABLE.response) as never, content as never);
  } catch (error: unknown) {
    throw toProtocolError(error, 'vote');
  }
}

/**
 * Voting by a chip: the core sets the user's chips to the keys it asked for once react()
 * resolves, but the vote may be fewer (`max_selections`). The chips of the vote as sent are
 * reported after that answer (a timer: the worker posts the answer first), so they win.
 */
export async function voteByChips(state: AccountState, tracker: PollTracker, pollId: string, answerIds: readonly string[]): Promise<void> {
  await vote(state, tracker, pollId, answerIds);
  const poll = tracker.polls.get(pollId);
  if (!poll) return;
  const reactions = poll.answers.filter((answer) => answerIds.includes(answer.id)).map(answerKey);
  setTimeout(() => state.emit({
    type: 'reactions.changed', conversationId: state.directory.conversationIdOf(poll.roomId), targetNetworkId: pollId,
    senderId: state.selfId, senderName: state.selfId, reactions,
  }), 0);
}

/**
 * A reaction to a poll is a vote: the answers whose chips the user picked (`wanted` keys).
 * Past `max_selections`, the answer just picked wins over the ones picked before.
 */
export function votesFor(tracker: PollTracker, pollId: string, wanted: readonly string[], selfId: string): string[] | undefined {
  const poll = tracker.polls.get(pollId);
  if (!poll) return undefined;
  const before = poll.votes.get(selfId)?.answerIds ?? [];
  const chosen = poll.answers.filter((answer) => wanted.includes(answerKey(answer))).map((answer) => answer.id);
  const kept = chosen.filter((id) => before.includes(id));
  const added = chosen.filter((id) => !before.includes(id));
  return [...kept, ...added].slice(-poll.maxSelections);
}
