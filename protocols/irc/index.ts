/** The IRC protocol plugin. */
import { definePlugin } from '../api/index.js';
import { IrcConnection } from './ircConnection.js';
import { manifest } from './manifest.js';

export default definePlugin({
  manifest,
  createConnection: (context) => new IrcConnection(context),
});
