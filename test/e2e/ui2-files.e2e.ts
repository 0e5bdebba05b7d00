/**
 * Sending a file end to end: two XMPP accounts (alice and bob on a real Prosody with an
 * HTTP upload component) in one headless-mode window. Alice attaches a file with "Attach
 * file"; it is uploaded (XEP-0363) and bob's side shows it as an attachment, also one whose
 * base64 would not fit a WebSocket frame (headless mode uploads it by HTTP). A file over the
 * 40 MB limit is refused in the window before any of it is read or uploaded (every read of a
 * file by the page and every upload request is recorded), and nothing of it is sent: no
 * bridge frame carries it, and bob, who gets a message written after it, never gets the file.
 */
import { expect, test, type Page } from '@playwright/test';
import { addAliceAndBob, chooseXmppAccount } from './xmppAccountDialog.js';
import { screenshot, xmppPairScene } from './scenes.js';

const scene = xmppPairScene();

/**
 * Records, before the app loads, every way a page can read a file's bytes (FileReader,
 * Blob.arrayBuffer/text/stream/slice) as "name size"; readBy(page) returns the list.
 */
async function recordFileReads(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const reads: string[] = [];
    Object.assign(window, { fileReads: reads });
    const record = (blob: unknown, how: string): void => {
      reads.push(`${blob instanceof File ? blob.name : 'a blob'} ${blob instanceof Blob ? blob.size : 0} (${how})`);
    };
    for (const method of ['readAsDataURL', 'readAsArrayBuffer', 'readAsText', 'readAsBinaryString'] as const) {
      const original = Reflect.get(FileReader.prototype, method) as (this: FileReader, blob: Blob, ...rest: unknown[]) => void;
      Object.defineProperty(FileReader.prototype, method, {
        configurable: true, writable: true,
        value(this: FileReader, blob: Blob, ...rest: unknown[]) { record(blob, method); original.call(this, blob, ...rest); },
      });
    }
    for (const method of ['arrayBuffer', 'text', 'stream', 'slice', 'bytes'] as const) {
      const original = Reflect.get(Blob.prototype, method) as ((this: Blob, ...args: unknown[]) => unknown) | undefined;
      if (typeof original !== 'function') continue;
      Object.defineProperty(Blob.prototype, method, {
        configurable: true, writable: true,
        value(this: Blob, ...args: unknown[]) { record(this, method); return original.apply(this, args); },
      });
    }
  });
  return () => page.evaluate(() => [...(window as unknown as { fileReads: string[] }).fileReads]);
}

/** The size (Content-Length) of every file the page uploads to headless mode (`POST <token>/upload`). */
function recordUploads(page: Page): () => Promise<number[]> {
  const uploads: Promise<number>[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !new URL(request.url()).pathname.endsWith('/upload')) return;
    uploads.push(request.allHeaders().then((headers) => Number(headers['content-length'] ?? -1)));
  });
  return () => Promise.all(uploads);
}

/** Records the payload of every WebSocket frame the page sends (the bridge, in headless mode). */
function recordSentFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', ({ payload }) => frames.push(typeof payload === 'string' ? payload : payload.toString('utf8'))));
  return frames;
}

test('a file attached by alice reaches bob as an attachment; a file over 40 MB is refused before it is read', async ({ page }) => {
  const { core, xmpp } = scene();
  const fileReads = await recordFileReads(page);
  const framesSent = recordSentFrames(page);
  const uploads = recordUploads(page);
  await page.goto(core.url);
  await addAliceAndBob(page, xmpp);

  await page.getByRole('button', { name: 'New message' }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await chooseXmppAccount(dialog, 'alice@localhost');
  await dialog.getByLabel('Contact', { exact: true }).fill('bob@localhost');
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  // A first message, so that bob's side has the conversation open before the file comes.
  await composer.fill('a file is coming');
  await composer.press('Enter');

  const aliceLog = page.getByRole('log', { name: /^Messages in bob/ });
  await expect(aliceLog).toContainText('a file is coming');
  await page.getByLabel('Attach file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello from alice\n') });
  const sent = aliceLog.locator('.message').filter({ hasText: 'notes.txt' });
  await expect(sent).toBeVisible();
  await expect(sent).not.toContainText('failed');
  await expect(page.getByText('Sending notes.txt…')).toBeHidden();
  // 900 KB: under the server's 1 MiB, but as base64 over the 1 MB WebSocket frame limit, so it
  // must go as headless mode's HTTP upload.
  await page.getByLabel('Attach file').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(900 * 1024, 7) });
  const sentScan = aliceLog.locator('.message').filter({ hasText: 'scan.pdf' });
  await expect(sentScan).toBeVisible();
  await expect(sentScan).not.toContainText('failed');
  await expect(page.getByText('Sending scan.pdf…')).toBeHidden();

  const bobTab = page.getByRole('tab', { name: /^alice/ });
  await bobTab.click();
  const received = page.getByRole('log', { name: /^Messages in alice/ }).locator('.message').filter({ hasText: 'notes.txt' });
  await expect(received.getByRole('list', { name: 'Attachments' })).toContainText('notes.txt');
  const receivedScan = page.getByRole('log', { name: /^Messages in alice/ }).locator('.message').filter({ hasText: 'scan.pdf' });
  await expect(receivedScan.getByRole('list', { name: 'Attachments' })).toContainText('scan.pdf');
  await screenshot(page, 'ui2-file-received.png');

  // Headless mode streams the files to the server without the page reading them; the
  // recordings see both uploads.
  expect(await uploads()).toEqual([17, 900 * 1024]);
  expect(await fileReads()).toEqual([]);

  // Too large: refused with a sentence, before any of it is read, and nothing is sent.
  await page.getByRole('tab', { name: /^bob/ }).click();
  const framesBefore = framesSent.length;
  await page.getByLabel('Attach file').setInputFiles({ name: 'huge.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(40 * 1024 * 1024 + 1) });
  await expect(page.getByRole('alert').filter({ hasText: 'huge.bin is too large to send' })).toBeVisible();
  // A message written after it: once bob has that, anything sent before it has had its chance to arrive.
  await composer.fill('after the big file');
  await composer.press('Enter');
  await expect(aliceLog.locator('.message').filter({ hasText: 'after the big file' })).toHaveClass(/status-sent/);
  await bobTab.click();
  const bobLog = page.getByRole('log', { name: /^Messages in alice/ });
  await expect(bobLog).toContainText('after the big file');
  await expect(bobLog.locator('.message').filter({ hasText: 'huge.bin' })).toHaveCount(0);
  expect(await fileReads(), 'files read by the page').toEqual([]);
  expect(await uploads(), 'files uploaded by the page').toEqual([17, 900 * 1024]);
  const sentAfter = framesSent.slice(framesBefore);
  expect(sentAfter.filter((frame) => frame.includes('messages.sendFile') || frame.includes('huge.bin')), 'bridge frames about the big file').toEqual([]);
  expect(Math.max(0, ...sentAfter.map((frame) => frame.length)), 'largest bridge frame sent after the big file was picked').toBeLessThan(4096);

  await page.getByRole('tab', { name: /^bob/ }).click();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'huge.bin' })).toHaveCount(0);
});
