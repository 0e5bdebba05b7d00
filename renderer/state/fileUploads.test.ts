import { describe, expect, it } from 'vitest';
import {
  MAX_FILE_BYTES, base64OfDataUrl, createFileUploadsStore, dropUpload, fileNameOf, fileProblem, forgetUploads, mimeTypeOf,
  startUpload, uploadFailed, uploadLimit, uploadLimitHint,
} from './fileUploads.js';
import { account } from './testData.js';

describe('file checks', () => {
  it('refuses files over 40 MB before reading them, with a sentence that says why', () => {
    expect(fileProblem({ name: 'ok.bin', size: MAX_FILE_BYTES, type: '' })).toBeNull();
    expect(fileProblem({ name: 'big.iso', size: MAX_FILE_BYTES + 1, type: '' })).toBe('big.iso is too large to send (40 MB; the limit is 40 MB).');
    expect(fileProblem({ name: 'huge.iso', size: 3 * 1024 ** 3, type: '' })).toBe('huge.iso is too large to send (3.0 GB; the limit is 40 MB).');
  });

  it('takes the smaller of the core\'s 40 MB and the account\'s own upload limit, and names both sizes when refusing', () => {
    expect(uploadLimit(undefined)).toBe(MAX_FILE_BYTES);
    expect(uploadLimit(account())).toBe(MAX_FILE_BYTES);
    expect(uploadLimit(account({ limits: {} }))).toBe(MAX_FILE_BYTES);
    expect(uploadLimit(account({ limits: { maxUploadBytes: 64 * 1024 } }))).toBe(64 * 1024);
    expect(uploadLimit(account({ limits: { maxUploadBytes: 100 * 1024 * 1024 } }))).toBe(MAX_FILE_BYTES);
    expect(uploadLimit(account({ limits: { maxUploadBytes: Number.NaN } }))).toBe(MAX_FILE_BYTES);
    expect(uploadLimitHint(64 * 1024)).toBe('Files up to 64 KB');
    expect(uploadLimitHint(MAX_FILE_BYTES)).toBe('Files up to 40 MB');
    const limit = uploadLimit(account({ limits: { maxUploadBytes: 64 * 1024 } }));
    expect(fileProblem({ name: 'ok.png', size: 64 * 1024, type: '' }, limit)).toBeNull();
    expect(fileProblem({ name: 'photo.jpg', size: 1536 * 1024, type: '' }, limit)).toBe('photo.jpg is too large to send (1.5 MB; the limit is 64 KB).');
  });

  it('falls back to application/octet-stream and keeps names within 255 characters', () => {
    expect(mimeTypeOf({ name: 'a', size: 1, type: '' })).toBe('application/octet-stream');
    expect(mimeTypeOf({ name: 'a', size: 1, type: 'image/png' })).toBe('image/png');
    expect(fileNameOf({ name: '  ', size: 1, type: '' })).toBe('file');
    const long = fileNameOf({ name: `${'a'.repeat(254)}🦘🦘.txt`, size: 1, type: '' });
    expect(long).toBe('a'.repeat(254));
    expect(fileNameOf({ name: 'report.pdf', size: 1, type: '' })).toBe('report.pdf');
  });

  it('takes the payload of a data URL', () => {
    expect(base64OfDataUrl('data:text/plain;base64,aGk=')).toBe('aGk=');
    expect(base64OfDataUrl('data:;base64,')).toBe('');
    expect(base64OfDataUrl('garbage')).toBe('');
  });
});

describe('uploads', () => {
  it('tracks sending, failed and done per conversation', () => {
    const empty = createFileUploadsStore().getState();
    const first = startUpload(empty, 1, 'a.png');
    const second = startUpload(first.state, 1, 'b.iso', 'too large');
    expect(second.state.byConversation.get(1)?.map((upload) => [upload.name, upload.status])).toEqual([['a.png', 'sending'], ['b.iso', 'failed']]);
    expect(first.id).not.toBe(second.id);
    const failed = uploadFailed(second.state, 1, first.id, 'a.png was not sent: offline');
    expect(failed.byConversation.get(1)?.[0]).toMatchObject({ status: 'failed', error: 'a.png was not sent: offline' });
    const dropped = dropUpload(dropUpload(failed, 1, first.id), 1, second.id);
    expect(dropped.byConversation.has(1)).toBe(false);
    expect(dropUpload(dropped, 1, 99)).toBe(dropped);
    expect(forgetUploads(second.state, 1).byConversation.has(1)).toBe(false);
    expect(forgetUploads(empty, 1)).toBe(empty);
  });
});
