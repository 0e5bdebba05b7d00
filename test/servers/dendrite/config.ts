/**
 * A Dendrite homeserver config for tests, written as JSON (YAML reads it as it is). Dendrite
 * fills its defaults before it reads the file, so only what a test run needs is here: the
 * shape `generate-config -ci` makes (one SQLite file per component: SQLite has no shared
 * connection pool), with its client API on loopback only, no federation, registration only by
 * shared secret, rate limiting off, presence on, quiet logs (../shared/notes/servers.md).
 */
import path from 'node:path';

export interface DendriteConfigOptions {
  readonly dir: string;
  readonly serverName: string;
  readonly sharedSecret: string;
  /** The signing key `generate-keys --private-key` wrote. */
  readonly privateKeyFile: string;
}

/** The components that keep a database, and the config key of each. */
const DATABASES = {
  federation_api: 'database',
  key_server: 'database',
  media_api: 'database',
  mscs: 'database',
  relay_api: 'database',
  room_server: 'database',
  sync_api: 'database',
  user_api: 'account_database',
} as const;

export function dendriteConfig(options: DendriteConfigOptions): Record<string, unknown> {
  const { dir, serverName, sharedSecret, privateKeyFile } = options;
  const component = (name: keyof typeof DATABASES, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    [DATABASES[name]]: { connection_string: `file:${path.join(dir, `dendrite_${name}.db`)}` },
    ...extra,
  });
  return {
    version: 2,
    global: {
      server_name: serverName,
      private_key: privateKeyFile,
      // No federation: nothing leaves loopback, no key server is asked.
      disable_federation: true,
      trusted_third_party_id_servers: [],
      presence: { enable_inbound: true, enable_outbound: true },
      report_stats: { enabled: false },
      // Its NATS JetStream runs inside the process, without a port; streams on disk in the data folder.
      jetstream: { storage_path: dir, in_memory: false },
    },
    client_api: {
      registration_disabled: true,
      registration_shared_secret: sharedSecret,
      rate_limiting: { enabled: false },
    },
    federation_api: component('federation_api', { key_perspectives: [] }),
    key_server: component('key_server'),
    media_api: component('media_api', { base_path: path.join(dir, 'media') }),
    mscs: component('mscs', { mscs: [] }),
    relay_api: component('relay_api'),
    room_server: component('room_server'),
    sync_api: component('sync_api', { search: { enabled: false } }),
    user_api: component('user_api', { bcrypt_cost: 4 }),
    logging: [{ type: 'std', level: 'warn' }],
  };
}
