/**
 * The user's status for every account: the global status and the accounts' own ones (kept
 * in the preferences, so restored at start), saved statuses, and auto-away. It decides per
 * account (statusRules.ts) whether to stay connected and which presence to set, sets it
 * again after every reconnect (the network forgot it), and tells the UI (`status.changed`).
 */
import type { ConnectionResult, OwnPresence } from '../../../protocols/api/index.js';
import type { PresenceView } from '../../bridge/schemas.js';
import type { PreferenceKey } from '../../bridge/preferences.js';
import type { StatusChoice, StatusView } from '../../bridge/userStatus.js';
import type { AccountManager } from '../accounts/accountManager.js';
import { CoreError } from '../model/coreError.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { PreferencesService } from '../preferences/preferencesService.js';
import { AutoAwayWatch } from './autoAwayWatch.js';
import type { IdleSource } from './idleSource.js';
import { forgetSavedStatus, saveStatus, useSavedStatus } from './savedStatuses.js';
import { chosenStatus, planFor, withMessage, type AccountStatusPlan } from './statusRules.js';

export interface StatusServiceDeps {
  readonly preferences: Pick<PreferencesService, 'get' | 'set' | 'onChange'>;
  readonly accounts: Pick<AccountManager, 'list' | 'manifestOf' | 'isOnline' | 'call' | 'applyHold' | 'notePresence'>;
  readonly events: EventBatcher;
  readonly idle: IdleSource;
  /** How long one minute of the autoAwayMinutes preference lasts (tests shorten it). */
  readonly minuteMs: number;
  readonly log: (line: string) => void;
  readonly now?: () => number;
}

/** What a network shows right after login, before the user's status is set. */
const LOGIN_PRESENCE = JSON.stringify({ status: 'available' });
const STATUS_KEYS: readonly PreferenceKey[] = ['status', 'statusOverrides', 'savedStatuses', 'autoAwayMessage'];

export class StatusService {
  private readonly watch: AutoAwayWatch;
  /** The presence each online account was last given (JSON), to send only changes. */
  private readonly sent = new Map<string, string>();
  /** What a plugin said of the presence it was last given, by account. */
  private readonly outcomes = new Map<string, string>();
  private readonly stopListening: () => void;

  constructor(private readonly deps: StatusServiceDeps) {
    this.watch = new AutoAwayWatch({
      source: deps.idle,
      thresholdMs: () => deps.preferences.get().autoAwayMinutes * deps.minuteMs,
      changed: () => this.applyAll(),
    });
    this.stopListening = deps.preferences.onChange((_preferences, changed) => {
      if (changed.has('autoAwayMinutes')) this.watch.check();
      if (STATUS_KEYS.some((key) => changed.has(key))) this.applyAll();
    });
  }

  view(): StatusView {
    const preferences = this.deps.preferences.get();
    const notes: Record<string, string> = {};
    for (const account of this.deps.accounts.list()) {
      const note = this.outcomes.get(account.id) ?? this.plan(account.id)?.note;
      if (note !== undefined) notes[account.id] = note;
    }
    const autoAwayMessage = preferences.autoAwayMessage.trim();
    return {
      global: preferences.status,
      autoAway: this.watch.isIdle && preferences.status.status === 'available',
      ...(autoAwayMessage !== '' ? { autoAwayMessage } : {}),
      saved: [...preferences.savedStatuses],
      overrides: { ...preferences.statusOverrides },
      notes,
    };
  }

  /** The global status, set by hand; with `savedName`, the saved status it came from moves to the top. */
  set(choice: StatusChoice, savedName?: string): StatusView {
    const saved = this.deps.preferences.get().savedStatuses;
    this.deps.preferences.set({
      status: withMessage(choice.status, choice.message),
      ...(savedName !== undefined ? { savedStatuses: useSavedStatus(saved, savedName, this.now()) } : {}),
    });
    return this.view();
  }

  /** An account's own status, or back to the global one (null). */
  setAccount(accountId: string, choice: StatusChoice | null): StatusView {
    this.deps.accounts.manifestOf(accountId); // fails for an unknown account
    const overrides = Object.fromEntries(Object.entries(this.deps.preferences.get().statusOverrides).filter(([id]) => id !== accountId));
    if (choice) overrides[accountId] = withMessage(choice.status, choice.message);
    this.deps.preferences.set({ statusOverrides: overrides });
    return this.view();
  }

  save(name: string, choice: StatusChoice): StatusView {
    try {
      this.deps.preferences.set({ savedStatuses: saveStatus(this.deps.preferences.get().savedStatuses, name, choice, this.now()) });
    } catch (error) {
      throw new CoreError({ kind: 'invalid-request', message: error instanceof Error ? error.message : String(error) });
    }
    return this.view();
  }

  forget(name: string): StatusView {
    this.deps.preferences.set({ savedStatuses: forgetSavedStatus(this.deps.preferences.get().savedStatuses, name) });
    return this.view();
  }

  /** The account manager asks before connecting: Offline keeps the account disconnected. */
  holdsOffline(accountId: string): boolean {
    return this.plan(accountId)?.connected === false;
  }

  /** The account logged in (again): the network shows the default presence until told (the reconnect sequence's "restore presence" step). */
  cameOnline(accountId: string): Promise<void> {
    this.sent.set(accountId, LOGIN_PRESENCE);
    return this.applyPresence(accountId);
  }

  /** Accounts changed (added, removed): forget what was sent to ones that are gone. */
  forgetAccount(accountId: string): void {
    this.sent.delete(accountId);
    this.outcomes.delete(accountId);
    const overrides = this.deps.preferences.get().statusOverrides;
    if (accountId in overrides) {
      const { [accountId]: _gone, ...rest } = overrides;
      this.deps.preferences.set({ statusOverrides: rest });
    }
  }

  dispose(): void {
    this.watch.stop();
    this.stopListening();
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private plan(accountId: string): AccountStatusPlan | undefined {
    let manifest;
    try {
      manifest = this.deps.accounts.manifestOf(accountId);
    } catch {
      return undefined; // its plugin is not loaded: nothing to connect anyway
    }
    const preferences = this.deps.preferences.get();
    const choice = chosenStatus(preferences.status, preferences.statusOverrides[accountId], { idle: this.watch.isIdle, message: preferences.autoAwayMessage });
    return planFor(choice, { name: manifest.name, presence: manifest.capabilities.presence === true, invisible: manifest.capabilities.invisible === true });
  }

  private applyAll(): void {
    for (const account of this.deps.accounts.list()) {
      void this.deps.accounts.applyHold(account.id);
      void this.applyPresence(account.id);
    }
    this.changed();
  }

  private async applyPresence(accountId: string): Promise<void> {
    const plan = this.plan(accountId);
    if (!plan?.presence || !this.deps.accounts.isOnline(accountId)) return;
    const presence = plan.presence;
    const key = JSON.stringify(presence);
    if (this.sent.get(accountId) === key) return;
    this.sent.set(accountId, key);
    this.outcomes.delete(accountId);
    try {
      const outcome = await this.deps.accounts.call(accountId, 'setPresence', [presence]);
      const note = noteOf(outcome);
      if (note !== undefined && this.sent.get(accountId) === key) this.outcomes.set(accountId, note);
      const shown = presenceView(presence);
      if (shown) this.deps.accounts.notePresence(accountId, shown);
    } catch (error) {
      if (this.sent.get(accountId) === key) {
        this.sent.delete(accountId);
        this.outcomes.set(accountId, `Your status could not be set: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.deps.log(`setting the status of ${accountId} failed: ${String(error)}`);
    }
    this.changed();
  }

  private changed(): void {
    this.deps.events.emit({ type: 'status.changed', payload: { status: this.view() } });
  }
}

/** A plugin's PresenceOutcome note (plugin data: checked, and kept short). */
function noteOf(outcome: ConnectionResult<'setPresence'>): string | undefined {
  const note = outcome?.note?.trim();
  return note ? note.slice(0, 500) : undefined;
}

/** The account view's presence (what the network shows); invisible has no such presence. */
function presenceView(presence: OwnPresence): PresenceView | undefined {
  if (presence.status === 'invisible') return undefined;
  return { status: presence.status, ...(presence.message !== undefined ? { message: presence.message } : {}) };
}
