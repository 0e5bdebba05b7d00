/**
 * The user's preferences: one typed record, stored in the profile by the core and the same
 * in every window. Each key has its schema and its default here, and nowhere else; a value
 * stored by an older or newer Switchboard that no longer fits its schema reads as the
 * default (one bad key never costs the others).
 */
import { z } from 'zod';
import {
  customSoundSchema, membershipLinesSchema, messageSoundSchema, notifyLevelSchema, notifyRulesSchema, quietHoursSchema,
} from './notificationPreferences.js';
import { spellcheckLanguagesSchema } from './spellcheckPreference.js';
import { MAX_SAVED_STATUSES, savedStatusSchema, statusChoiceSchema } from './userStatus.js';

export const preferenceSchemas = {
  /** Minutes without input before the status becomes Away; 0: never (Pidgin's default is 5, Gajim's 5, Element's none). */
  autoAwayMinutes: z.number().int().min(0).max(24 * 60),
  /** The status message auto-away sets; empty: none. */
  autoAwayMessage: z.string().max(1024),
  /** Desktop app: closing the main window hides it to the tray instead of quitting. */
  closeToTray: z.boolean(),
  /** Desktop app: check the release feed for updates (opt-in; never in development builds). */
  autoUpdate: z.boolean(),
  /** Buddy list: show buddies that are offline. */
  showOffline: z.boolean(),
  /** Buddy list order inside a group. */
  buddySort: z.enum(['status', 'name', 'recent']),
  /** Rows of the buddy and conversation lists. */
  density: z.enum(['compact', 'roomy']),
  /** The user's global status (the Status control), restored at start. */
  status: statusChoiceSchema,
  /** Statuses the user saved under a name (Pidgin's saved statuses). */
  savedStatuses: z.array(savedStatusSchema).max(MAX_SAVED_STATUSES),
  /** Accounts with a status of their own instead of the global one, by account id. */
  statusOverrides: z.record(z.string(), statusChoiceSchema),
  /** Account colours the user chose (account id → #rrggbb); an account without one gets the colour of its id. */
  accountColours: z.record(z.string().max(200), z.string().regex(/^#[0-9a-f]{6}$/i)),
  /** Colours: light, dark, or the system's (`prefers-color-scheme`, followed live). */
  theme: z.enum(['light', 'dark', 'system']),
  /** Text size of the whole window (the root font size). */
  fontSize: z.enum(['small', 'normal', 'large']),
  /** Times shown in 12-hour or 24-hour form, or as the system's language has them. */
  clock: z.enum(['12', '24', 'system']),
  /** The tab strip's order (conversation ids, first first), the same in every window; tabs not in it follow in the order they were opened. */
  tabOrder: z.array(z.number().int()).max(2000),
  /** Which messages notify where no account or conversation says otherwise. */
  notifyLevel: notifyLevelSchema,
  /** Rules of accounts and conversations (level, mute until), by `account:<id>` / `conversation:<id>`. */
  notifyRules: notifyRulesSchema,
  /** No notification and no sound between these local times. */
  quietHours: quietHoursSchema,
  /** The sound of a message that notifies. */
  messageSound: messageSoundSchema,
  /** The user's own sound file (used when messageSound is 'custom'). */
  customSound: customSoundSchema.nullable(),
  /** Joins, parts and quits shown in room timelines. */
  membershipLines: membershipLinesSchema,
  /** Emoji the user picked last (the emoji picker and reactions), most recent first. */
  recentEmoji: z.array(z.string().min(1).max(64)).max(32),
  /** The UI's language: the system's (the browser's languages, first one shipped) or one chosen (renderer/i18n). */
  language: z.enum(['system', 'en', 'de']),
  /** Pictures or initials beside senders in the message log and beside buddies in the buddy list. */
  avatarsShown: z.boolean(),
  /** Received images load and show by themselves (through the same size-capped, sniffed preview path as a click); off: a click loads each. */
  inlineImagePreviews: z.boolean(),
  /** Desktop app: the composer's spellcheck dictionaries: the system's languages, or the ones listed (BCP 47 tags, first first). */
  spellcheckLanguages: spellcheckLanguagesSchema,
} as const;

export type PreferenceKey = keyof typeof preferenceSchemas;
export type Preferences = { readonly [K in PreferenceKey]: z.output<(typeof preferenceSchemas)[K]> };

export const DEFAULT_PREFERENCES: Preferences = {
  autoAwayMinutes: 10,
  autoAwayMessage: '',
  closeToTray: false,
  autoUpdate: false,
  showOffline: true,
  buddySort: 'status',
  density: 'roomy',
  status: { status: 'available' },
  savedStatuses: [],
  statusOverrides: {},
  accountColours: {},
  theme: 'system',
  fontSize: 'normal',
  clock: 'system',
  tabOrder: [],
  notifyLevel: 'direct-and-mentions',
  notifyRules: {},
  quietHours: { enabled: false, from: '22:00', to: '07:00' },
  messageSound: 'bundled',
  customSound: null,
  membershipLines: 'all',
  recentEmoji: [],
  language: 'system',
  avatarsShown: true,
  inlineImagePreviews: false,
  spellcheckLanguages: 'system',
};

export const preferencesSchema = z.object(preferenceSchemas);
/** A change: any subset of the keys, each checked by its schema; unknown keys are refused. */
export const preferencesPatchSchema = preferencesSchema.partial().strict();
export type PreferencesPatch = z.output<typeof preferencesPatchSchema>;

export const preferenceKeys = Object.keys(preferenceSchemas) as PreferenceKey[];
