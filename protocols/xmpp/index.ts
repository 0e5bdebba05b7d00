/** The XMPP protocol plugin. */
import { definePlugin } from '../api/index.js';
import { manifest } from './manifest.js';
import { XmppConnection } from './xmppConnection.js';

export default definePlugin({
  manifest,
  createConnection: (context) => new XmppConnection(context),
});
