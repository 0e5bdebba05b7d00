/**
 * The one-shot loopback listener of single sign-on, with real HTTP requests as the browser
 * makes them: the right state is taken once; a wrong state, a timeout or a cancel end the
 * attempt; after one use the port takes no more requests.
 */
import { describe, expect, it } from 'vitest';
import { LoopbackRedirectError, openLoopbackRedirect } from './loopbackRedirect.js';

const pages = { done: 'Signed in. Go back to <the app>.', refused: 'Refused & closed.' };

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error: unknown) {
    return error instanceof LoopbackRedirectError ? error.reason : String(error);
  }
}

describe('openLoopbackRedirect', () => {
  it('takes the redirect with its state, answers the browser with a page, and hands over the query', async () => {
    const loopback = await openLoopbackRedirect({ timeoutMs: 30_000, pages });
    const url = new URL(loopback.redirectUrl);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('state')).toBe(loopback.state);
    url.searchParams.set('loginToken', 'syt_token');

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Signed in. Go back to &#60;the app&#62;.');
    const query = await loopback.result;
    expect(query.get('loginToken')).toBe('syt_token');
  });

  it('refuses a redirect with another state and ends the attempt as a mismatch', async () => {
    const loopback = await openLoopbackRedirect({ timeoutMs: 30_000, pages });
    const url = new URL(loopback.redirectUrl);
    url.searchParams.set('state', 'forged');
    url.searchParams.set('loginToken', 'attacker-token');

    const response = await fetch(url);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Refused &#38; closed.');
    expect(await reason(loopback.result)).toBe('state-mismatch');
  });

  it('ends as a timeout when the browser never comes back, and the port is closed', async () => {
    const loopback = await openLoopbackRedirect({ timeoutMs: 200, pages });
    expect(await reason(loopback.result)).toBe('timeout');
    await expect(fetch(loopback.redirectUrl)).rejects.toThrow();
  });

  it('refuses a second request once the first was taken', async () => {
    const loopback = await openLoopbackRedirect({ timeoutMs: 30_000, pages });
    const first = await fetch(loopback.redirectUrl);
    expect(first.status).toBe(200);
    await first.text();
    await loopback.result;
    await expect(fetch(`${loopback.redirectUrl}&loginToken=again`)).rejects.toThrow();
  });

  it('ignores other paths (the browser\'s favicon) and still takes the redirect', async () => {
    const loopback = await openLoopbackRedirect({ timeoutMs: 30_000, pages });
    const favicon = await fetch(new URL('/favicon.ico', loopback.redirectUrl));
    expect(favicon.status).toBe(404);
    await favicon.text();
    const response = await fetch(loopback.redirectUrl);
    expect(response.status).toBe(200);
    await response.text();
    expect((await loopback.result).get('state')).toBe(loopback.state);
  });

  it('ends as cancelled when the dialog stops waiting', async () => {
    const loopback = await openLoopbackRedirect({ timeoutMs: 30_000, pages });
    loopback.cancel();
    expect(await reason(loopback.result)).toBe('cancelled');
    await expect(fetch(loopback.redirectUrl)).rejects.toThrow();
  });
});
