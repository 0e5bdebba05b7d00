/**
 * Part "ui": headless mode on a copy of the history profile (1M messages, 500
 * conversations), the real UI in Chromium: first paint and buddy list, opening the
 * 100,000-message conversation, scrolling it, typing in the buddy-list filter, timeline DOM
 * nodes and the renderer's JS heap. Several runs where it is cheap (a fresh page each).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.js';
import { filterTypingLatency, loadApp, openBrowser, openConversation, openSearchResult, rendererHeap, scrollTimeline, timelineNodes } from '../lib/browser.js';
import { sampleProcess } from '../lib/proc.js';
import { median, percentile } from '../lib/stats.js';
import { startCore } from '../lib/switchboard.js';
import { copyHistoryProfile } from './history.js';

const PART = 'ui';
/** A common word of the corpus (bench/lib/corpus.ts): its 50 results span many conversations. */
const SEARCH_QUERY = 'coffee';

export async function runUi(ctx: BenchContext): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'switchboard-bench-ui-'));
  const profile = copyHistoryProfile(ctx, dir);
  const core = await startCore(dir, true);
  const big = profile.bigConversationTitle;
  const n = ctx.sizes.bigConversation.toLocaleString('en-US');
  try {
    const paints: number[] = [];
    const lists: number[] = [];
    const opens: number[] = [];
    const results: number[] = [];
    let last: Awaited<ReturnType<typeof measureOnce>> | undefined;
    for (let run = 0; run < ctx.sizes.runs; run++) {
      const result = await measureOnce(ctx, core.core.url, big, run === ctx.sizes.runs - 1);
      paints.push(result.paint.firstContentfulPaintMs);
      lists.push(result.paint.buddyListMs);
      opens.push(result.open.ms);
      results.push(result.result.ms);
      last = result;
      ctx.log(`ui run ${run + 1}: open at start: ${result.paint.openAtStart ?? 'none'}; FCP ${result.paint.firstContentfulPaintMs.toFixed(0)} ms, buddy list ${result.paint.buddyListMs.toFixed(0)} ms, open ${big} ${result.open.ms.toFixed(0)} ms (${result.open.messages} messages), search result in ${result.result.conversation} ${result.result.ms.toFixed(0)} ms`);
    }
    if (!last?.heavy) throw new Error('no complete UI run');
    const { heavy } = last;
    const core2 = sampleProcess(core.pid);
    ctx.add({ part: PART, label: 'first contentful paint (history loaded)', value: median(paints), unit: 'ms', note: `buddy list with ${ctx.sizes.conversations} conversations after ${median(lists).toFixed(0)} ms` });
    ctx.add({ part: PART, label: `open the ${n}-message conversation (click to first messages on screen)`, value: median(opens), unit: 'ms',
      target: { text: '≤ 100 ms', limit: 100, better: 'lower' }, note: `${last.open.messages} messages in the DOM; median of ${opens.length}` });
    ctx.add({ part: PART, label: `open a search result in a conversation without a tab (click to the message flashed, ${ctx.sizes.messages.toLocaleString('en-US')} messages)`,
      value: median(results), unit: 'ms', target: { text: '≤ 150 ms', limit: 150, better: 'lower' },
      note: `the oldest of "${SEARCH_QUERY}"'s results outside ${big}; median of ${results.length}` });
    ctx.add({ part: PART, label: 'timeline DOM nodes', value: heavy.nodes.timeline, unit: 'nodes', target: { text: '≤ 300', limit: 300, better: 'lower' },
      note: `${heavy.nodes.messages} message elements; whole document ${heavy.nodes.document} elements` });
    ctx.add({ part: PART, label: `scroll ${ctx.sizes.scrollSeconds} s: frame time p50`, value: heavy.scroll.frameP50, unit: 'ms' });
    ctx.add({ part: PART, label: `scroll ${ctx.sizes.scrollSeconds} s: frame time p95`, value: heavy.scroll.frameP95, unit: 'ms', target: { text: '≤ 16.7 ms', limit: 16.7, better: 'lower' },
      note: `${heavy.scroll.frames} frames, ${heavy.scroll.longTasks} long tasks (${heavy.scroll.longTaskMs.toFixed(0)} ms), ${Math.round(heavy.scroll.scrolledPx)} px scrolled` });
    ctx.add({ part: PART, label: 'buddy-list filter: keydown to next frame p95', value: percentile(heavy.typing, 95), unit: 'ms',
      note: `p50 ${percentile(heavy.typing, 50).toFixed(1)} ms over ${heavy.typing.length} keys, ${ctx.sizes.conversations} conversations listed` });
    ctx.add({ part: PART, label: 'renderer JS heap (after GC)', value: heavy.heap.usedMiB, unit: 'MiB', note: `history only; total heap ${heavy.heap.totalMiB.toFixed(0)} MiB` });
    ctx.add({ part: PART, label: 'core RSS serving the UI (history only)', value: core2?.rssMiB ?? Number.NaN, unit: 'MiB', note: `peak ${core2?.peakRssMiB.toFixed(0) ?? '—'} MiB` });
    ctx.detail(PART, 'runs', { paints, lists, opens, results, heavy });
  } finally {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureOnce(ctx: BenchContext, url: string, big: string, heavyRun: boolean) {
  const browser = await openBrowser();
  try {
    const paint = await loadApp(browser.page, url, big);
    const open = await openConversation(browser.page, big);
    if (!heavyRun) return { paint, open, result: await openSearchResult(browser.page, SEARCH_QUERY, big), heavy: undefined };
    await browser.page.waitForTimeout(500);
    const nodes = await timelineNodes(browser.page);
    const scroll = await scrollTimeline(browser.page, ctx.sizes.scrollSeconds);
    const typing = await filterTypingLatency(browser.page, 'mon');
    const heap = await rendererHeap(browser.cdp);
    // Last: it switches the shown conversation away from the one measured above.
    const result = await openSearchResult(browser.page, SEARCH_QUERY, big);
    return { paint, open, result, heavy: { nodes, scroll, typing, heap } };
  } finally {
    await browser.close();
  }
}
