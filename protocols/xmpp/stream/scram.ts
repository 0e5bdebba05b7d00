/** SCRAM (RFC 5802, RFC 7677) lives in the plugin API, shared with IRC's SASL SCRAM-SHA-256. */
export { ScramClient, type ScramHash } from '../../api/scram.js';
