/**
 * HTTP file upload (XEP-0363): find the upload service and its size limit (§3 disco), ask
 * for a slot (§4), PUT the file with only the headers §5 allows, and hand back the GET URL
 * to share (as XEP-0066 out-of-band data).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { ProtocolError } from '../api/index.js';
import type { XmppCore } from './core.js';
import { NS, attr, child, childText, children, xml, type Element } from './xml.js';

export interface UploadService {
  readonly jid: string;
  /** Largest file in bytes, when the service says. */
  readonly maxSize?: number;
}

const ALLOWED_HEADERS = new Set(['authorization', 'cookie', 'expires']);
/** Headers that carry credentials: never over plain HTTP across a network. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie']);

/**
 * Whether a PUT to `url` may carry the slot's credentials. XEP-0363 §4 (Requesting a slot):
 * "The host MUST provide Transport Layer Security"; a slot with an http:// PUT URL breaks that,
 * and its Authorization or Cookie header would travel readable by anyone on the way. Only
 * loopback is exempt (W3C Secure Contexts §3.2 counts 127.0.0.0/8, ::1 and localhost as
 * potentially trustworthy): those bytes never leave the machine.
 */
export function mayCarryCredentials(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}
const PUT_TIMEOUT_MS = 120_000;
/** Progress is reported at most this often while the PUT streams (and once at the end). */
const PROGRESS_INTERVAL_MS = 250;

/** Bytes sent so far of the total. */
export type UploadProgress = (sentBytes: number, totalBytes: number) => void;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}

function maxSizeOf(query: Element | undefined): number | undefined {
  for (const form of children(query, 'x', NS.dataForms)) {
    const fields = children(form, 'field', NS.dataForms);
    const type = fields.find((field) => attr(field, 'var') === 'FORM_TYPE');
    if (childText(type, 'value', NS.dataForms) !== NS.upload) continue;
    const size = Number(childText(fields.find((field) => attr(field, 'var') === 'max-file-size'), 'value', NS.dataForms));
    if (Number.isFinite(size) && size > 0) return size;
  }
  return undefined;
}

export class Uploads {
  private service: Promise<UploadService | undefined> | undefined;

  constructor(private readonly core: XmppCore, private readonly domain: string) {}

  /** §3: the server's upload service, looked up once per session. */
  discover(): Promise<UploadService | undefined> {
    this.service ??= this.lookUp().catch((error: unknown) => {
      this.core.log.info(`XMPP: no upload service: ${String(error)}`);
      this.service = undefined;
      return undefined;
    });
    return this.service;
  }

  private async lookUp(): Promise<UploadService | undefined> {
    const items = await this.core.iq(xml('iq', { type: 'get', to: this.domain }, xml('query', { xmlns: NS.discoItems })), 'Looking for an upload service');
    const jids = children(child(items, 'query', NS.discoItems), 'item', NS.discoItems).flatMap((item) => {
      const jid = attr(item, 'jid');
      return jid ? [jid] : [];
    }).slice(0, 30);
    for (const jid of [this.domain, ...jids]) {
      try {
        const info = await this.core.iq(xml('iq', { type: 'get', to: jid }, xml('query', { xmlns: NS.discoInfo })), `Asking ${jid} what it offers`, 10_000);
        const query = child(info, 'query', NS.discoInfo);
        if (children(query, 'feature', NS.discoInfo).some((feature) => attr(feature, 'var') === NS.upload)) {
          const maxSize = maxSizeOf(query);
          return { jid, ...(maxSize !== undefined ? { maxSize } : {}) };
        }
      } catch {
        // an item that does not answer disco#info is not an upload service
      }
    }
    return undefined;
  }

  /** Upload `path` and return the URL to share. */
  async upload(path: string, name: string, mimeType: string, progress?: UploadProgress): Promise<string> {
    const service = await this.discover();
    if (!service) throw new ProtocolError('not-supported', `${this.domain} offers no file upload (XEP-0363).`);
    const size = (await stat(path).catch(() => {
      throw new ProtocolError('protocol', `The file ${name} cannot be read.`);
    })).size;
    if (service.maxSize !== undefined && size > service.maxSize) {
      throw new ProtocolError('protocol', `${name} is ${formatBytes(size)}; ${this.domain} accepts files up to ${formatBytes(service.maxSize)}.`);
    }
    const safeName = Array.from(name, (character) => (character === '/' || character === '\\' || character.charCodeAt(0) < 0x20 ? '_' : character)).join('').slice(0, 200) || 'file';
    const slot = await this.core.iq(xml('iq', { type: 'get', to: service.jid },
      xml('request', { xmlns: NS.upload, filename: safeName, size: String(size), 'content-type': mimeType || 'application/octet-stream' })), `Asking to upload ${safeName}`);
    const slotElement = child(slot, 'slot', NS.upload);
    const put = child(slotElement, 'put', NS.upload);
    const putUrl = put ? attr(put, 'url') : undefined;
    const getNode = child(slotElement, 'get', NS.upload);
    const getUrl = getNode ? attr(getNode, 'url') : undefined;
    const target = putUrl !== undefined && URL.canParse(putUrl) ? new URL(putUrl) : undefined;
    if (!putUrl || !getUrl || !target || !/^https?:\/\//.test(putUrl) || !/^https?:\/\//.test(getUrl)) {
      throw new ProtocolError('protocol', `${service.jid} gave no usable upload address.`);
    }
    const headers: Record<string, string> = { 'Content-Length': String(size), 'Content-Type': mimeType || 'application/octet-stream' };
    for (const header of children(put, 'header', NS.upload)) {
      const headerName = attr(header, 'name');
      // §4: only these headers; §8: no line breaks in them.
      if (headerName && ALLOWED_HEADERS.has(headerName.toLowerCase())) headers[headerName] = header.text().replace(/[\r\n]/g, '');
    }
    const credentials = Object.keys(headers).filter((headerName) => CREDENTIAL_HEADERS.has(headerName.toLowerCase()));
    if (credentials.length > 0 && !mayCarryCredentials(target)) {
      // Refused rather than stripped: without them the service refuses the PUT anyway (HTTP 401),
      // which would only hide why.
      throw new ProtocolError('protocol', `${service.jid} asked to upload ${safeName} without encryption (${target.protocol}//${target.host}); it was not sent, because its ${credentials.join(' and ')} header would be readable on the network (XEP-0363 requires HTTPS).`);
    }
    await this.put(putUrl, path, headers, size, progress);
    progress?.(size, size);
    return getUrl;
  }

  private put(url: string, path: string, headers: Record<string, string>, size: number, progress: UploadProgress | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const request = (url.startsWith('https:') ? https : http).request(url, { method: 'PUT', headers, timeout: PUT_TIMEOUT_MS }, (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new ProtocolError(status === 413 ? 'protocol' : 'network', `The upload was refused (HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}).`));
      });
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.on('error', (error) => reject(new ProtocolError('network', `The upload failed: ${error.message}.`)));
      const file = createReadStream(path);
      let sent = 0;
      let lastReport = Date.now();
      file.on('data', (chunk) => {
        sent += chunk.length;
        const now = Date.now();
        if (progress && sent < size && now - lastReport >= PROGRESS_INTERVAL_MS) {
          lastReport = now;
          progress(sent, size);
        }
      });
      file.on('error', (error) => {
        request.destroy();
        reject(new ProtocolError('protocol', `The file could not be read: ${error.message}.`));
      });
      file.pipe(request);
    });
  }
}
