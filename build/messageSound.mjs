// Writes renderer/sounds/message.wav: the message sound bundled with Switchboard, made here
// from two sine tones (a short rising chime), so it is ours and free of any licence.
// Run `node build/messageSound.mjs` after changing it; the file is committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RATE = 22_050;
const NOTES = [{ hz: 880, start: 0, length: 0.12 }, { hz: 1318.5, start: 0.07, length: 0.22 }];
const seconds = Math.max(...NOTES.map((note) => note.start + note.length));
const samples = Math.ceil(seconds * RATE);
const pcm = new Int16Array(samples);
for (let i = 0; i < samples; i += 1) {
  const t = i / RATE;
  let value = 0;
  for (const note of NOTES) {
    const local = t - note.start;
    if (local < 0 || local > note.length) continue;
    // A 5 ms attack (no click), then an exponential fade.
    const envelope = Math.min(1, local / 0.005) * Math.exp(-local * 14);
    value += Math.sin(2 * Math.PI * note.hz * local) * envelope * 0.35;
  }
  pcm[i] = Math.round(Math.max(-1, Math.min(1, value)) * 32_767);
}

// RIFF/WAVE, PCM 16-bit mono.
const header = Buffer.alloc(44);
header.write('RIFF', 0, 'ascii');
header.writeUInt32LE(36 + pcm.byteLength, 4);
header.write('WAVE', 8, 'ascii');
header.write('fmt ', 12, 'ascii');
header.writeUInt32LE(16, 16);
header.writeUInt16LE(1, 20);
header.writeUInt16LE(1, 22);
header.writeUInt32LE(RATE, 24);
header.writeUInt32LE(RATE * 2, 28);
header.writeUInt16LE(2, 32);
header.writeUInt16LE(16, 34);
header.write('data', 36, 'ascii');
header.writeUInt32LE(pcm.byteLength, 40);

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer', 'sounds', 'message.wav');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, Buffer.concat([header, Buffer.from(pcm.buffer)]));
console.log(`wrote ${out} (${44 + pcm.byteLength} bytes)`);
