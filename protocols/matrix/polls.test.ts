/** Poll content both ways (§Polls, MSC3381). */
import { describe, expect, it } from 'vitest';
import { answerKey, endedPollOf, parsePollResponse, parsePollStart, PollTracker, votesFor } from './polls.js';

describe('Matrix polls', () => {
  it('reads stable and MSC3381 poll starts, dropping answers without id or text', () => {
    expect(parsePollStart('m.poll.start', {
      'm.poll': { max_selections: 5, question: { 'm.text': [{ mimetype: 'text/html', body: '<b>Q</b>' }, { body: 'Q?' }] }, answers: [{ 'm.id': 'a', 'm.text': [{ body: 'A' }] }, { 'm.id': 'a', 'm.text': [{ body: 'dup' }] }, { 'm.text': [{ body: 'no id' }] }] },
    })).toEqual({ question: 'Q?', answers: [{ id: 'a', text: 'A' }], maxSelections: 1, unstable: false });
    expect(parsePollStart('org.matrix.msc3381.poll.start', {
      'org.matrix.msc3381.poll.start': { question: { 'org.matrix.msc1767.text': 'Tea?' }, answers: [{ id: 't', 'org.matrix.msc1767.text': 'Tea' }] },
    })).toEqual({ question: 'Tea?', answers: [{ id: 't', text: 'Tea' }], maxSelections: 1, unstable: true });
    expect(parsePollStart('m.poll.start', { 'm.poll': { question: { 'm.text': [{ body: 'Q' }] }, answers: [] } })).toBeUndefined();
    expect(parsePollStart('m.room.message', { 'm.poll': {} })).toBeUndefined();
  });

  it('reads responses and ends of either kind', () => {
    expect(parsePollResponse('m.poll.response', { 'm.relates_to': { rel_type: 'm.reference', event_id: '$p' }, 'm.selections': ['a', 3] })).toEqual({ pollId: '$p', answerIds: ['a'] });
    expect(parsePollResponse('org.matrix.msc3381.poll.response', { 'm.relates_to': { event_id: '$p' }, 'org.matrix.msc3381.poll.response': { answers: ['t'] } })).toEqual({ pollId: '$p', answerIds: ['t'] });
    expect(endedPollOf('m.poll.end', { 'm.relates_to': { rel_type: 'm.reference', event_id: '$p' } })).toBe('$p');
  });

  it('cuts a long answer to a reaction key of 64 UTF-16 units without splitting an emoji', () => {
    const key = answerKey({ id: 'x', text: `${'a'.repeat(63)}👍🏽 more` });
    expect(key).toBe('a'.repeat(63));
  });
});

describe('voting by chips', () => {
  it('the answer just picked replaces the earlier one of a single-choice poll', () => {
    const tracker = new PollTracker();
    tracker.polls.set('$p', {
      question: 'Q', answers: [{ id: 'ice', text: 'Ice cream' }, { id: 'cake', text: 'Cake' }], maxSelections: 1, unstable: false,
      roomId: '!r', creator: '@bob:x', ended: false, votes: new Map([['@alice:x', { ts: 1, answerIds: ['cake'] }]]),
    });
    expect(votesFor(tracker, '$p', ['Cake', 'Ice cream'], '@alice:x')).toEqual(['ice']);
    expect(votesFor(tracker, '$p', [], '@alice:x')).toEqual([]);
    expect(votesFor(tracker, '$other', ['👍'], '@alice:x')).toBeUndefined();
  });
});
