/**
 * Plays a message sound through the Web Audio API: the bytes are fetched (the bundled file,
 * from the app's own origin) or decoded from base64 (the user's file, kept in the profile)
 * and decoded in memory, so no media URL is needed and the page's CSP (media from 'self'
 * only) is untouched. Everything is looked up when used: importing this outside a browser
 * (tests) is harmless.
 */
import bundledSoundUrl from '../sounds/message.wav?url';
import type { MessageSound } from './notificationActions.js';
import { i18n } from '../i18n/index.js';

interface SoundPlayer {
  readonly context: AudioContext;
  bundled: Promise<AudioBuffer> | undefined;
}

function bytesOf(base64: string): ArrayBuffer {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** A `playSound` for a NotificationHost; one AudioContext, made at the first sound. */
export function createBrowserSound(): (sound: MessageSound) => void {
  let player: SoundPlayer | undefined;
  const decode = async (sound: MessageSound, context: AudioContext): Promise<AudioBuffer> => {
    if (sound.kind === 'custom') return context.decodeAudioData(bytesOf(sound.base64));
    const current = player;
    if (current) current.bundled ??= fetch(bundledSoundUrl).then((response) => response.arrayBuffer()).then((data) => context.decodeAudioData(data));
    return current?.bundled ?? Promise.reject(new Error(i18n.t('stateErrors.noAudio')));
  };
  return (sound) => {
    const Context = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
    if (!Context) return;
    player ??= { context: new Context(), bundled: undefined };
    const { context } = player;
    void decode(sound, context).then(async (buffer) => {
      // A context made before the user touched the page starts suspended (autoplay policy).
      if (context.state === 'suspended') await context.resume();
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(context.destination);
      source.start();
    }).catch(() => {
      if (player?.bundled && sound.kind === 'bundled') player.bundled = undefined; // try the fetch again next time
    });
  };
}
