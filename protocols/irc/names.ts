/**
 * How this server names and compares channels and nicks, from its RPL_ISUPPORT (005) tokens
 * (https://modern.ircdocs.horse/#rplisupport-parameters): CASEMAPPING decides which names
 * are the same (and so which conversation a line belongs to), CHANTYPES which targets are
 * channels. 005 follows 001, so the rules read the tokens each time they are asked; before
 * 005 (and on servers that send none) the defaults are RFC 1459's.
 */
import { IRC_LINE_MAX_BYTES } from './lineSplit.js';
import { memberPrefixes, type MemberPrefixes } from './members.js';

/** The case mappings servers advertise (https://modern.ircdocs.horse/#casemapping-parameter). */
export type CaseMapping = 'ascii' | 'rfc1459' | 'rfc1459-strict';

export interface NameRules {
  /** A nick or channel name folded the way this server compares them: the id the app keys it by. */
  readonly fold: (name: string) => string;
  /** Whether a target names a channel (its first character is one of CHANTYPES). */
  readonly isChannel: (target: string) => boolean;
  /** Bytes a line may have, CR LF included: 512 (RFC 1459 §2.3), or more where ISUPPORT LINELEN allows. */
  readonly lineMaxBytes: () => number;
  /** Member roles from NAMES symbols and mode letters, by ISUPPORT PREFIX (members.ts). */
  readonly prefixes: MemberPrefixes;
}

/** The longest line we send even where LINELEN allows more. */
const LINE_MAX_CAP = 8_192;

/** RFC 2812 §1.3's channel prefixes, used until the server says otherwise. */
const DEFAULT_CHANTYPES = '#&+!';

/**
 * The case mapping a CASEMAPPING token names. `strict-rfc1459` is the older spelling of
 * `rfc1459-strict`; an unknown mapping (e.g. `rfc7613`, which folds Unicode too) falls back
 * to rfc1459, the spec's default, which at worst treats two ASCII-distinct names as one.
 */
export function caseMappingOf(token: unknown): CaseMapping {
  switch (token) {
    case 'ascii': return 'ascii';
    case 'rfc1459-strict':
    case 'strict-rfc1459': return 'rfc1459-strict';
    default: return 'rfc1459';
  }
}

/**
 * ascii folds A–Z only; rfc1459 also treats []\~ as the upper case of {}|^ (Scandinavian
 * letters in the 1988 character set); rfc1459-strict leaves ~ and ^ apart.
 */
export function foldCase(text: string, mapping: CaseMapping): string {
  const pattern = mapping === 'ascii' ? /[A-Z]/g : mapping === 'rfc1459' ? /[A-Z[\]\\~]/g : /[A-Z[\]\\]/g;
  return text.replace(pattern, (c) => {
    switch (c) {
      case '[': return '{';
      case ']': return '}';
      case '\\': return '|';
      case '~': return '^';
      default: return c.toLowerCase();
    }
  });
}

/**
 * The CHANTYPES token's characters (an empty value means the server has no channels).
 * irc-framework keeps the token split into characters.
 */
function chanTypesOf(token: unknown): string {
  if (typeof token === 'string') return token;
  if (Array.isArray(token)) return token.filter((c): c is string => typeof c === 'string').join('');
  return DEFAULT_CHANTYPES;
}

/**
 * ISUPPORT LINELEN (https://modern.ircdocs.horse/#linelen-parameter): the longest line the
 * server takes, CR LF included. Never below RFC 1459's 512, which every server must take,
 * and capped so one message cannot become one enormous line.
 */
function lineMaxOf(token: unknown): number {
  const value = typeof token === 'string' ? Number(token) : NaN;
  return Number.isInteger(value) && value > IRC_LINE_MAX_BYTES ? Math.min(value, LINE_MAX_CAP) : IRC_LINE_MAX_BYTES;
}

/** Rules that follow the ISUPPORT tokens `isupport()` returns at the time of each call. */
export function nameRules(isupport: () => Readonly<Record<string, unknown>>): NameRules {
  return {
    fold: (name) => foldCase(name, caseMappingOf(isupport()['CASEMAPPING'])),
    isChannel: (target) => target.length > 1 && chanTypesOf(isupport()['CHANTYPES']).includes(target.charAt(0)),
    lineMaxBytes: () => lineMaxOf(isupport()['LINELEN']),
    prefixes: memberPrefixes(isupport),
  };
}

/** The rules before (or without) ISUPPORT. */
export const DEFAULT_NAME_RULES: NameRules = nameRules(() => ({}));
