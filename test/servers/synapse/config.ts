/**
 * A Synapse homeserver config for tests (see ../shared/notes/servers.md, Synapse). Written as
 * JSON, which YAML reads as it is.
 */
import path from 'node:path';

/** No rate limit a test can reach (servers.md: raise every rc_* limit). */
const UNLIMITED = { per_second: 100_000, burst_count: 1_000_000 };

export interface SynapseConfigOptions {
  readonly dir: string;
  readonly port: number;
  readonly serverName: string;
  readonly sharedSecret: string;
  /**
   * One `oidc_providers` entry (single sign-on through an OpenID provider; needs Synapse's
   * `oidc` extra, see install.ts). The loopback redirect URLs of the client are whitelisted
   * (`sso.client_whitelist`), so Synapse hands the login token over without its own "Continue
   * to your client?" page.
   */
  readonly oidc?: Record<string, unknown>;
}

export function synapseConfig(options: SynapseConfigOptions): Record<string, unknown> {
  const { dir, port, serverName, sharedSecret, oidc } = options;
  const sso = oidc === undefined ? {} : { oidc_providers: [oidc], sso: { client_whitelist: ['http://127.0.0.1:'] } };
  return {
    ...sso,
    server_name: serverName,
    public_baseurl: `http://127.0.0.1:${port}/`,
    pid_file: path.join(dir, 'homeserver.pid'),
    report_stats: false,
    listeners: [{
      port,
      bind_addresses: ['127.0.0.1'],
      type: 'http',
      tls: false,
      x_forwarded: false,
      resources: [{ names: ['client'], compress: false }],
    }],
    database: { name: 'sqlite3', args: { database: path.join(dir, 'homeserver.db') } },
    log_config: path.join(dir, 'log.config'),
    media_store_path: path.join(dir, 'media_store'),
    signing_key_path: path.join(dir, 'signing.key'),
    registration_shared_secret: sharedSecret,
    macaroon_secret_key: `${sharedSecret}-macaroon`,
    form_secret: `${sharedSecret}-form`,
    enable_registration: false,
    bcrypt_rounds: 4,
    // No federation: nothing leaves loopback.
    federation_domain_whitelist: [],
    trusted_key_servers: [],
    suppress_key_server_warning: true,
    url_preview_enabled: false,
    enable_metrics: false,
    presence: { enabled: true },
    // Anyone may publish rooms in the directory (Synapse's default now allows nobody).
    room_list_publication_rules: [{ action: 'allow' }],
    user_directory: { enabled: true, search_all_users: true, prefer_local_users: true },
    rc_message: UNLIMITED,
    rc_registration: UNLIMITED,
    rc_registration_token_validity: UNLIMITED,
    rc_login: { address: UNLIMITED, account: UNLIMITED, failed_attempts: UNLIMITED },
    rc_admin_redaction: UNLIMITED,
    rc_joins: { local: UNLIMITED, remote: UNLIMITED },
    rc_joins_per_room: UNLIMITED,
    rc_3pid_validation: UNLIMITED,
    rc_invites: { per_room: UNLIMITED, per_user: UNLIMITED, per_issuer: UNLIMITED },
    rc_third_party_invite: UNLIMITED,
    rc_key_requests: UNLIMITED,
    rc_media_create: UNLIMITED,
    rc_presence: { per_user: UNLIMITED },
    rc_delayed_event_mgmt: UNLIMITED,
    rc_room_creation: UNLIMITED,
    rc_reports: UNLIMITED,
    rc_user_directory: UNLIMITED,
    rc_profile: UNLIMITED,
    rc_federation: { window_size: 1000, sleep_limit: 10_000, sleep_delay: 0, reject_limit: 100_000, concurrent: 1000 },
  };
}

/** Python logging config: warnings and worse into the data folder. */
export function synapseLogConfig(dir: string): string {
  return [
    'version: 1',
    'formatters:',
    '  precise:',
    "    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(request)s - %(message)s'",
    'handlers:',
    '  file:',
    '    class: logging.FileHandler',
    '    formatter: precise',
    `    filename: ${JSON.stringify(path.join(dir, 'homeserver.log'))}`,
    'loggers:',
    '  synapse.storage.SQL:',
    '    level: WARNING',
    'root:',
    '  level: WARNING',
    '  handlers: [file]',
    'disable_existing_loggers: false',
    '',
  ].join('\n');
}
