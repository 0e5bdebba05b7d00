/**
 * The `app://switchboard` scheme that serves the built renderer. Registered as privileged
 * (standard, secure) before the app is ready, so the page gets a real, secure origin;
 * handled once ready by appFileServer.ts.
 */
import { protocol, type Protocol } from 'electron';
import { APP_SCHEME } from './appOrigin.js';
import { serveAppRequest } from './appFileServer.js';

/** Must run before `app.whenReady()` resolves. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

export function serveAppScheme(target: Protocol, rendererDir: string, log: (line: string) => void): void {
  target.handle(APP_SCHEME, async (request) => {
    try {
      return await serveAppRequest(rendererDir, request);
    } catch (error: unknown) {
      log(`app scheme: ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      return new Response('Internal Error', { status: 500 });
    }
  });
}
