/**
 * The version of the plugin API this package defines (semantic versioning).
 *
 * Versions only add: new optional connection methods, new event types, new optional
 * fields. The core ignores event types it does not know and never calls a method a plugin
 * did not implement, so a plugin written for an older version keeps working: a plugin's
 * `apiVersion` range (`^0.1.0`) only has to accept one of {@link SUPPORTED_API_VERSIONS}.
 */
export const PLUGIN_API_VERSION = '0.8.0';

/** Every API version this build of the core implements, oldest first. */
export const SUPPORTED_API_VERSIONS: readonly string[] = ['0.1.0', '0.2.0', '0.3.0', '0.4.0', '0.5.0', '0.6.0', '0.7.0', '0.8.0'];
