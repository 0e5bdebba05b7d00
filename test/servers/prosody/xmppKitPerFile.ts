/**
 * One Prosody for a test file's tests: started before the first, every account it opened
 * closed after each test, stopped after the last.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ProsodyOptions } from '../prosody.js';
import { startXmppKit, type XmppKit } from './xmppTestKit.js';

/** Call at the top of a `describe`; the returned function gives the running kit inside a test. */
export function xmppKitPerFile(options: ProsodyOptions = {}): () => XmppKit {
  let kit: XmppKit | undefined;
  beforeAll(async () => {
    kit = await startXmppKit(options);
  });
  afterEach(async () => {
    await kit?.closeAll();
  });
  afterAll(async () => {
    await kit?.stop();
  });
  return () => {
    if (!kit) throw new Error('Prosody did not start for this file (see the beforeAll error).');
    return kit;
  };
}
