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
import { useT } from '../i18n/index.js';

/** Each level's words in the catalogue. */
export const LEVEL_WORDS = {
  all: 'notify.levelAll',
  'direct-and-mentions': 'notify.levelDirect',
  nothing: 'notify.levelNothing',
} as const satisfies Readonly<Record<NotifyLevel, string>>;

function muteChoices(t: ReturnType<typeof useT>): readonly { readonly choice: MuteChoice; readonly label: string }[] {
  return [
    { choice: '1h', label: t('notify.muteHours', { count: 1 }) }, { choice: '8h', label: t('notify.muteHours', { count: 8 }) },
    { choice: 'tomorrow', label: t('notify.muteTomorrow') }, { choice: 'forever', label: t('notify.muteForever') },
  ];
}

export function NotifyRuleMenu({ accountId, conversationId, name }: {
  readonly accountId: string;
  /** Absent: the account's own rule. */
  readonly conversationId?: number;
  /** What the rule is for, as the user knows it ("#ui", "alice (IRC)"). */
  readonly name: string;
}) {
  const actions = useActions();
  const t = useT();
  const preferences = useAppStore('preferences', (state) => state.preferences);
  const now = useNow(true, 60_000);
  const [error, setError] = useState<string | null>(null);
  const key = conversationId === undefined ? accountRuleKey(accountId) : conversationRuleKey(conversationId);
  const own = preferences.notifyRules[key];
  // What applies when this rule says nothing: the account's level for a conversation, the default for an account.
  const inherited = conversationId === undefined ? effectiveLevel(preferences, accountId).level
    : effectiveLevel({ ...preferences, notifyRules: { ...preferences.notifyRules, [key]: {} } }, accountId, conversationId).level;
  const { level } = effectiveLevel(preferences, accountId, conversationId);
  const shown = isMuted(preferences, accountId, conversationId, now) ? t('notify.muted') : t(LEVEL_WORDS[level]);
  const apply = (edit: RuleEdit): void => {
    setError(null);
    const notifyRules = editRule(preferences.notifyRules, key, edit, new Date());
    actions.setPreferences({ notifyRules }).catch((caught: unknown) => setError(t('common.notChanged', { error: errorMessage(caught) })));
  };
  const items: MenuItem[] = [
    { label: t(conversationId === undefined ? 'notify.useDefault' : 'notify.useAccount', { level: t(LEVEL_WORDS[inherited]) }), disabled: own?.level === undefined,
      onSelect: () => apply({ kind: 'level', level: undefined }) },
    ...(['all', 'direct-and-mentions', 'nothing'] as const).map((choice) => ({
      label: t(LEVEL_WORDS[choice]), disabled: own?.level === choice, onSelect: () => apply({ kind: 'level', level: choice }),
    })),
    ...muteChoices(t).map(({ choice, label }) => ({ label, onSelect: () => apply({ kind: 'mute', choice }) })),
    ...(own?.muteUntil !== undefined ? [{ label: t('notify.unmute'), onSelect: () => apply({ kind: 'unmute' }) }] : []),
  ];
  return (
    <span className="notify-rule">
      {/* The visible text ends the name (WCAG 2.5.3 Label in Name: what is seen is what is said). */}
      <MenuButton label={t('notify.menuName', { name, shown })} text={shown} items={items} />
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </span>
  );
}
