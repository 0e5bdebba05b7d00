/**
 * A `fetch` for a test's Matrix client that can hold back its to-device messages (which
 * carry the room keys) and deliver them later: what federation does when a key travels
 * slower than its message. The client is told they were sent; Synapse gets them on release.
 */
export interface HeldToDevice {
  readonly fetchFn: typeof fetch;
  /** From now on, keep to-device sends back. */
  hold(): void;
  /** Send everything held, in order, and stop holding. Returns how many were held. */
  release(): Promise<number>;
}

export function heldToDevice(): HeldToDevice {
  let holding = false;
  const held: { input: Parameters<typeof fetch>[0]; init: Parameters<typeof fetch>[1] }[] = [];
  const fetchFn: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (holding && url.includes('/sendToDevice/')) {
      held.push({ input, init });
      return Promise.resolve(new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } }));
    }
    return fetch(input, init);
  };
  return {
    fetchFn,
    hold: () => { holding = true; },
    release: async () => {
      holding = false;
      const count = held.length;
      for (const { input, init } of held.splice(0)) {
        const answer = await fetch(input, init);
        if (!answer.ok) throw new Error(`a held to-device message was refused: ${answer.status} ${await answer.text()}`);
      }
      return count;
    },
  };
}
