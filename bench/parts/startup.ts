/**
 * Part "startup" (issue 18): cold start, from spawning the headless core to the buddy list
 * painted in Chromium (the browser already running, as an Electron window's renderer would
 * be), with an empty profile and with the history profile (its messages, conversations and
 * three accounts); and connecting while one server is unreachable (a port that accepts and
 * never answers, as a black-holed server does): the other account's login and the UI must
 * not wait for it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { startNgircd } from '../../test/servers/ngircd.js';
import type { BenchContext } from '../lib/context.js';
import { openBrowser, type BenchBrowser } from '../lib/browser.js';
import { median, nowMs, percentile, sleep } from '../lib/stats.js';
import { startCore, type BenchCore } from '../lib/switchboard.js';
import { copyHistoryProfile } from './history.js';

const PART = 'startup';

/** Spawn to buddy list painted (a first contact row, or the empty list's region), in ms; and spawn to the core serving. */
async function coldStart(browser: BenchBrowser, profileDir: string, expectRows: boolean): Promise<{ paintedMs: number; servingMs: number }> {
  const started = nowMs();
  const core = await startCore(profileDir, true);
  const servingMs = nowMs() - started;
  try {
    await browser.page.goto(core.core.url);
    await browser.page.locator(expectRows ? '[aria-label="Contacts"] button.contact' : '[aria-label="Contacts"]').first().waitFor({ timeout: 60_000 });
    return { paintedMs: nowMs() - started, servingMs };
  } finally {
    await browser.page.goto('about:blank');
    await core.stop();
  }
}

/** A TCP port that accepts connections and never says anything (a server behind a black hole, from the client's side). */
async function silentPort(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Adds an IRC account (and first, optionally, an XMPP one on the silent port); ms until IRC is online, and the bridge's answer times meanwhile. */
async function ircLogin(core: BenchCore, ircPort: number, silent: number | undefined, nick: string): Promise<{ onlineMs: number; answers: number[] }> {
  const states = new Map<string, string>();
  const stop = core.bridge.on((event: BridgeEvent) => {
    if (event.type === 'account.changed') states.set(event.payload.account.id, event.payload.account.state);
  });
  try {
    if (silent !== undefined) {
      await core.bridge.client.request('accounts.add', { pluginId: 'xmpp', settings: {
        jid: 'nobody@unreachable.example', password: 'unused', server: '127.0.0.1', port: silent, security: 'starttls',
      } });
    }
    const started = nowMs();
    const { id } = await core.bridge.client.request('accounts.add', { pluginId: 'irc', settings: { server: '127.0.0.1', port: ircPort, tls: false, nick, autojoin: '#startup' } });
    // What the UI would see meanwhile: how long the core takes to answer a request.
    const answers: number[] = [];
    let online: number | undefined;
    while (online === undefined && nowMs() - started < 60_000) {
      const asked = nowMs();
      await core.bridge.client.request('accounts.list', {});
      answers.push(nowMs() - asked);
      if (states.get(id) === 'online') online = nowMs() - started;
      else await sleep(50);
    }
    if (online === undefined) throw new Error(`the IRC account was not online within 60 s (state ${states.get(id) ?? 'unknown'})`);
    return { onlineMs: online, answers };
  } finally {
    stop();
  }
}

export async function runStartup(ctx: BenchContext): Promise<void> {
  const runs = Math.max(ctx.sizes.runs, 2);
  const browser = await openBrowser();
  const dir = mkdtempSync(join(os.tmpdir(), 'switchboard-bench-startup-'));
  try {
    // A profile is started once before the measured starts, as a user's is: the first start
    // of a profile also asks every plugin for its manifest (kept for later starts).
    const measure = async (profileDir: string, rows: boolean): Promise<{ first: number; runs: { paintedMs: number; servingMs: number }[] }> => {
      const first = (await coldStart(browser, profileDir, rows)).paintedMs;
      const measured: { paintedMs: number; servingMs: number }[] = [];
      for (let i = 0; i < runs; i++) measured.push(await coldStart(browser, profileDir, rows));
      return { first, runs: measured };
    };
    const emptyDir = join(dir, 'empty');
    mkdirSync(emptyDir);
    const empty = await measure(emptyDir, false);
    ctx.add({ part: PART, label: 'cold start, empty profile: process start to buddy list painted', value: median(empty.runs.map((r) => r.paintedMs)), unit: 'ms',
      note: `core serving after ${median(empty.runs.map((r) => r.servingMs)).toFixed(0)} ms; the profile's first start ${empty.first.toFixed(0)} ms; median of ${runs}` });

    const profile = copyHistoryProfile(ctx, join(dir, 'big'));
    const big = await measure(profile.dir, true);
    ctx.add({ part: PART, label: `cold start, ${ctx.sizes.messages.toLocaleString('en-US')} messages and ${ctx.sizes.accounts} accounts: process start to buddy list painted`, value: median(big.runs.map((r) => r.paintedMs)), unit: 'ms',
      target: { text: '≤ 1.5 s', limit: 1500, better: 'lower' },
      note: `core serving after ${median(big.runs.map((r) => r.servingMs)).toFixed(0)} ms; the profile's first start ${big.first.toFixed(0)} ms; ${ctx.sizes.conversations} conversations listed; the history profile's accounts are disabled (no network); median of ${runs}` });
    ctx.detail(PART, 'coldStart', { empty, big });
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const irc = await startNgircd();
  const silent = await silentPort();
  try {
    const alone = await startCore();
    let reference: { onlineMs: number; answers: number[] };
    try {
      reference = await ircLogin(alone, irc.port, undefined, 'alone');
    } finally {
      await alone.stop();
    }
    const core = await startCore();
    try {
      const withSilent = await ircLogin(core, irc.port, silent.port, 'beside');
      ctx.add({ part: PART, label: 'IRC login while an XMPP server does not answer: add to online', value: withSilent.onlineMs, unit: 'ms',
        target: { text: `≤ the login alone + 1 s (${(reference.onlineMs + 1000).toFixed(0)} ms)`, limit: reference.onlineMs + 1000, better: 'lower' },
        note: `the same login alone: ${reference.onlineMs.toFixed(0)} ms in this run` });
      ctx.add({ part: PART, label: 'UI while connecting to a server that does not answer: bridge answer, slowest', value: Math.max(...withSilent.answers), unit: 'ms',
        target: { text: '≤ 1 s', limit: 1000, better: 'lower' },
        note: `p50 ${percentile(withSilent.answers, 50).toFixed(1)} ms over ${withSilent.answers.length} requests (accounts.list) until IRC was online` });
      ctx.detail(PART, 'unreachable', { reference, withSilent });
    } finally {
      await core.stop();
    }
  } finally {
    await silent.close();
    await irc.stop();
  }
}
