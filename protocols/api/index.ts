/**
 * The Switchboard plugin API: everything a protocol plugin needs, and nothing of the core.
 * A plugin imports only this module and its own protocol library.
 */
export { PLUGIN_API_VERSION, SUPPORTED_API_VERSIONS } from './version.js';
export * from './errors.js';
export type * from './manifest.js';
export type * from './model.js';
export type * from './events.js';
export type * from './connection.js';
export type * from './calls.js';
export { remoteConnection } from './calls.js';
export * from './plugin.js';
export { apiRangeAccepts } from './apiRange.js';
export * from './tls.js';
export { parseMarkup, isPlainMarkup, inlineText, type MarkupBlock, type MarkupInline, type MarkupOptions } from './markup.js';
export { markupToHtml } from './markupHtml.js';
export { ScramClient, type ScramHash } from './scram.js';
export { BoundedMap, BoundedSet } from './bounded.js';
