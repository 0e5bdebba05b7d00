/** The Matrix protocol plugin (matrix-js-sdk). */
import { definePlugin } from '../api/index.js';
import { MatrixConnection } from './connection.js';
import { manifest } from './manifest.js';

export default definePlugin({
  manifest,
  createConnection: (context) => new MatrixConnection(context),
});
