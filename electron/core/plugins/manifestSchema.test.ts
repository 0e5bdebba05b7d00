/** Which manifests load: decided by the core's own manifest schema, the same verdicts as before it left the UI's. */
import { describe, expect, it } from 'vitest';
import type { PluginManifest } from '../../../protocols/api/index.js';
import { manifest as irc } from '../../../protocols/irc/manifest.js';
import { manifest as matrix } from '../../../protocols/matrix/manifest.js';
import { manifest as xmpp } from '../../../protocols/xmpp/manifest.js';
import { manifestProblem } from './pluginRegistry.js';

const minimal: PluginManifest = {
  id: 'sample', name: 'Sample', version: '1.0.0', apiVersion: '^0.4.0', capabilities: { directMessages: true },
  accountFields: [{ key: 'name', kind: 'text', label: 'Name', required: true }], accountLabelField: 'name',
};

describe('a plugin manifest', () => {
  it('of each built-in plugin is accepted', () => {
    for (const manifest of [irc, xmpp, matrix]) expect(manifestProblem(manifest)).toBeUndefined();
  });

  it('may carry keys and capabilities this core does not know', () => {
    const newer = { ...minimal, homepage: 'https://example.org', capabilities: { ...minimal.capabilities, holograms: true } } as PluginManifest;
    expect(manifestProblem(newer)).toBeUndefined();
  });

  it('is refused, saying where, when a declared field has the wrong type', () => {
    const wrong = { ...minimal, capabilities: { rooms: 'yes' } } as unknown as PluginManifest;
    expect(manifestProblem(wrong)).toMatch(/^malformed manifest: .*capabilities/s);
    const unknownKind = { ...minimal, accountFields: [{ key: 'name', kind: 'colour', label: 'Name' }] } as unknown as PluginManifest;
    expect(manifestProblem(unknownKind)).toMatch(/^malformed manifest: /);
  });
});
