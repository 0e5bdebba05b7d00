/**
 * Headers on every response of the app scheme. The CSP allows only the app's own scripts,
 * styles and connections (the bridge is IPC, not a network connection), images from the
 * app, data: URLs and blob: URLs (attachment previews the renderer built from bytes the
 * core sniffed as PNG/JPEG/GIF/WebP), and no plugins, frames or form posts.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}
