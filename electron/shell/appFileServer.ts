/**
 * Answers requests of the app scheme from the built renderer folder, with the security
 * headers on every response (errors included). Plain Node (fetch's Response), so it is
 * tested without Electron; appProtocol.ts plugs it into `protocol.handle`.
 */
import { readFile, realpath } from 'node:fs/promises';
import { contentTypeFor, isPathInside, resolveAppFile } from './appFileResolver.js';
import { appResponseHeaders } from './securityHeaders.js';

const statusText: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
};

function errorResponse(status: number): Response {
  return new Response(statusText[status] ?? 'Error', { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}

function isMissing(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

export async function serveAppRequest(rootDir: string, request: { readonly url: string; readonly method: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405);
  const resolved = resolveAppFile(rootDir, request.url);
  if (!resolved.ok) return errorResponse(resolved.status);
  try {
    // A symlink inside the folder must not lead out of it.
    const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(resolved.filePath)]);
    if (!isPathInside(realRoot, realFile)) return errorResponse(403);
    const body = await readFile(realFile);
    const headers = appResponseHeaders(contentTypeFor(resolved.filePath));
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  } catch (error: unknown) {
    if (isMissing(error)) return errorResponse(404);
    throw error;
  }
}
