/**
 * Which links may leave the app for the system browser or mail client. Everything else
 * (file:, javascript:, custom handlers that launch programs, …) is dropped: a chat
 * message is attacker-controlled text.
 */
const externalProtocols = new Set(['http:', 'https:', 'mailto:']);

export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!externalProtocols.has(parsed.protocol)) return false;
  if (parsed.protocol === 'mailto:') return parsed.pathname !== '';
  // `https://bank.example@evil.example/` shows one host and opens another.
  return parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}
