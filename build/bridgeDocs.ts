/**
 * Renders docs/bridge.md from the bridge contract: every request with its parameters and
 * result, every event with its payload, as JSON Schema. A unit test keeps the committed
 * file equal to what this produces, so the documentation cannot drift from the code.
 */
import { z } from 'zod';
import { events, requests } from '../electron/bridge/contract.js';

function schema(type: z.ZodType): string {
  return JSON.stringify(z.toJSONSchema(type, { unrepresentable: 'any', io: 'input' }), null, 2)
    .replace(/\n\s*"\$schema": "[^"]*",?/, '');
}

export function renderBridgeDocs(): string {
  const lines: string[] = [
    '# The bridge: requests and events',
    '',
    '<!-- Generated from electron/bridge/contract.ts by `npm run docs:bridge`. Do not edit by hand. -->',
    '',
    'The UI and the core talk only through this contract, over Electron IPC (the preload\'s',
    '`window.switchboard`) or, in headless mode, a WebSocket at `ws://127.0.0.1:PORT/<token>/bridge`',
    '(the URL `npm run serve` prints, with `http` replaced by `ws` and `bridge` appended).',
    'Every frame is one JSON text message:',
    '',
    '- request (client → core): `{"type":"request","id":1,"method":"accounts.list","params":{}}`',
    '- reply (core → client): `{"type":"reply","id":1,"ok":true,"value":…}` or',
    '  `{"type":"reply","id":1,"ok":false,"error":{"kind":"invalid-request","message":"…"}}`',
    '- events (core → client): `{"type":"events","events":[{"type":"message.added","payload":{…}},…]}`,',
    '  batched (one frame per ~16 ms, at most 1,000 events), in the order they happened.',
    '',
    'Error kinds: `auth`, `network`, `certificate`, `rate-limited`, `not-supported`, `protocol`,',
    '`internal`, `invalid-request`, `not-found`. A script can drive headless mode with nothing',
    'but a WebSocket; `electron/bridge/client.ts` is a typed client for any transport.',
    '',
    '## Requests',
    '',
  ];
  for (const [name, spec] of Object.entries(requests)) {
    lines.push(`### \`${name}\``, '', spec.description, '', 'Parameters:', '', '```json', schema(spec.params), '```', '',
      'Result:', '', '```json', schema(spec.result), '```', '');
  }
  lines.push('## Events', '');
  for (const [name, spec] of Object.entries(events)) {
    lines.push(`### \`${name}\``, '', spec.description, '', '```json', schema(spec.payload), '```', '');
  }
  return lines.join('\n');
}
