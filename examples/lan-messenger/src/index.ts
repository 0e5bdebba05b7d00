/**
 * LAN chat for Switchboard: talk to people on the same network without any server, the
 * "LAN messenger" of old, as XMPP defines it in XEP-0174 (Serverless Messaging). Written as
 * a third party's plugin: it uses only the published `switchboard-plugin-sdk`, and its
 * build bundles its libraries (multicast-dns, ltx's tokenizer) into one `index.js`, since an
 * installed plugin runs sandboxed with nothing but its own folder to read.
 */
import { definePlugin } from 'switchboard-plugin-sdk';
import { LanConnection } from './connection.js';

export default definePlugin({
  manifest: {
    id: 'org.example.lan',
    name: 'LAN (link-local)',
    version: '1.0.0',
    apiVersion: '^0.8.0',
    author: 'The Switchboard examples',
    description: 'Chat with people on the same local network, without a server (XEP-0174: DNS-SD over multicast DNS, XML streams over TCP).',
    capabilities: { directMessages: true, contactList: true, presence: true, actions: true },
    accountFields: [
      { key: 'name', kind: 'text', label: 'Your name on the network', required: true, placeholder: 'alice' },
      { key: 'nick', kind: 'text', label: 'Name others see', placeholder: 'Alice' },
    ],
    accountLabelField: 'name',
  },
  createConnection: (ctx) => new LanConnection(ctx),
});
