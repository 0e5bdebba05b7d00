/**
 * The version of the plugin API this package defines (semantic versioning).
 *
 * Minor versions only add: new optional connection methods, new event types, new
 * optional fields. A plugin built against 0.x keeps working on every later 0.x the
 * core supports; the core ignores event types it does not know and never calls a
 * method a plugin did not implement.
 */
export const PLUGIN_API_VERSION = '0.1.0';
