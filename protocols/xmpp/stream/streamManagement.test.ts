import { describe, expect, it } from 'vitest';
import { xml } from '../xml.js';
import { StreamManagement } from './streamManagement.js';

function withSent(count: number, acked = 0): { sm: StreamManagement; outcome: string[] } {
  const sm = new StreamManagement();
  sm.enable('id');
  const outcome: string[] = [];
  if (acked > 0) {
    for (let i = 0; i < acked; i++) sm.track({ element: xml('message') });
    expect(sm.acknowledge(String(acked))).toBeUndefined();
  }
  for (let i = 0; i < count; i++) sm.track({ element: xml('message'), onAcked: () => outcome.push(`acked ${i}`), onLost: () => outcome.push(`lost ${i}`) });
  return { sm, outcome };
}

describe('XEP-0198 h bookkeeping', () => {
  it('acknowledges in order, each stanza once', () => {
    const { sm, outcome } = withSent(3, 2);
    expect(sm.acknowledge('4')).toBeUndefined();
    expect(outcome).toEqual(['acked 0', 'acked 1']);
    expect(sm.acknowledge('4')).toBeUndefined(); // the same h again: nothing new
    expect(sm.pending).toBe(1);
    expect(sm.sendCount).toBe(5);
  });

  it.each([
    ['5', 'an acknowledgement of 5 stanza(s) when only 2 were waiting (h=5, 2 sent)'],
    ['-1', 'an acknowledgement that is not a count (h="-1")'],
    ['4294967296', 'an acknowledgement that is not a count (h="4294967296")'],
    [' 1', 'an acknowledgement that is not a count (h=" 1")'],
    ['', 'an acknowledgement that is not a count (h="")'],
  ])('h="%s" is a fault and acknowledges nothing', (h, reason) => {
    const { sm, outcome } = withSent(2);
    expect(sm.acknowledge(h)).toEqual({ h, sendCount: 2, reason });
    expect(outcome).toEqual([]);
    expect(sm.pending).toBe(2);
  });

  it('an h going backwards is a fault, not 2^32 - 1 new acknowledgements', () => {
    const { sm, outcome } = withSent(1, 3);
    expect(sm.acknowledge('2')?.reason).toBe('an acknowledgement that went backwards (h=2 after h=3)');
    expect(outcome).toEqual([]);
  });
});

describe('XEP-0198 §5 stanzas held while the session resumes', () => {
  it('are reported never written when the session ends, and written once they were sent again after <resumed/>', () => {
    const sm = new StreamManagement();
    sm.enable('id');
    const outcome: string[] = [];
    sm.track({ element: xml('message'), onLost: (written) => outcome.push(`on the wire: ${String(written)}`) });
    sm.track({ element: xml('message'), onLost: (written) => outcome.push(`held: ${String(written)}`) }, false);
    sm.lose();
    expect(outcome).toEqual(['on the wire: true', 'held: false']);

    const resumed = new StreamManagement();
    resumed.enable('id');
    resumed.track({ element: xml('message'), onLost: (written) => outcome.push(`sent again: ${String(written)}`) }, false);
    for (const outgoing of resumed.takeUnacked()) resumed.track(outgoing); // what XmppSession does after <resumed/>
    resumed.lose();
    expect(outcome.slice(2)).toEqual(['sent again: true']);
  });
});
