/**
 * The "Notifications" menu of a conversation (in its header) or of an account (in the
 * Accounts dialog): its level (or the one above it), and a mute for a while or for good.
 * What the levels mean for a message is notifyDecision.ts's.
 */
import { useState } from 'react';
import { accountRuleKey, conversationRuleKey, type NotifyLevel } from '../../electron/bridge/notificationPreferences.js';
import { errorMessage } from '../state/actions.js';
import { effectiveLevel, isMuted, type MuteChoice } from '../state/notifyDecision.js';
import { editRule, type RuleEdit } from '../state/notifyRuleEdits.js';
import { useActions, useAppStore } from './AppContext.js';
import { MenuButton, type MenuItem } from './MenuButton.js';
import { useNow } from './useNow.js';

export const LEVEL_WORDS: Readonly<Record<NotifyLevel, string>> = {
  all: 'All messages',
  'direct-and-mentions': 'Direct messages and mentions',
  nothing: 'Nothing',
};

const MUTES: readonly { readonly choice: MuteChoice; readonly label: string }[] = [
  { choice: '1h', label: 'Mute for 1 hour' }, { choice: '8h', label: 'Mute for 8 hours' },
  { choice: 'tomorrow', label: 'Mute until tomorrow' }, { choice: 'forever', label: 'Mute until I unmute' },
];

export function NotifyRuleMenu({ accountId, conversationId, name }: {
  readonly accountId: string;
  /** Absent: the account's own rule. */
  readonly conversationId?: number;
  /** What the rule is for, as the user knows it ("#ui", "alice (IRC)"). */
  readonly name: string;
}) {
  const actions = useActions();
  const preferences = useAppStore('preferences', (state) => state.preferences);
  const now = useNow(true, 60_000);
  const [error, setError] = useState<string | null>(null);
  const key = conversationId === undefined ? accountRuleKey(accountId) : conversationRuleKey(conversationId);
  const own = preferences.notifyRules[key];
  // What applies when this rule says nothing: the account's level for a conversation, the default for an account.
  const inherited = conversationId === undefined ? effectiveLevel(preferences, accountId).level
    : effectiveLevel({ ...preferences, notifyRules: { ...preferences.notifyRules, [key]: {} } }, accountId, conversationId).level;
  const { level } = effectiveLevel(preferences, accountId, conversationId);
  const shown = isMuted(preferences, accountId, conversationId, now) ? 'Muted' : LEVEL_WORDS[level];
  const apply = (edit: RuleEdit): void => {
    setError(null);
    const notifyRules = editRule(preferences.notifyRules, key, edit, new Date());
    actions.setPreferences({ notifyRules }).catch((caught: unknown) => setError(`Not changed: ${errorMessage(caught)}`));
  };
  const items: MenuItem[] = [
    { label: `Use ${conversationId === undefined ? 'the default' : 'the account\u2019s setting'} (${LEVEL_WORDS[inherited]})`, disabled: own?.level === undefined,
      onSelect: () => apply({ kind: 'level', level: undefined }) },
    ...(['all', 'direct-and-mentions', 'nothing'] as const).map((choice) => ({
      label: LEVEL_WORDS[choice], disabled: own?.level === choice, onSelect: () => apply({ kind: 'level', level: choice }),
    })),
    ...MUTES.map(({ choice, label }) => ({ label, onSelect: () => apply({ kind: 'mute', choice }) })),
    ...(own?.muteUntil !== undefined ? [{ label: 'Unmute', onSelect: () => apply({ kind: 'unmute' }) }] : []),
  ];
  return (
    <span className="notify-rule">
      {/* The visible text ends the name (WCAG 2.5.3 Label in Name: what is seen is what is said). */}
      <MenuButton label={`Notifications for ${name}: ${shown}`} text={shown} items={items} />
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </span>
  );
}
