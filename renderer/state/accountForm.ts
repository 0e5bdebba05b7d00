/**
 * The account dialog's logic, generated from a plugin's account fields: initial values,
 * validation with messages for the user, and the settings sent to the core.
 */
import type { AccountField, AccountView, PluginView } from '../../electron/bridge/schemas.js';
import type { Settings } from './actions.js';
import { i18n } from '../i18n/index.js';

/** Every input's raw value: text-like inputs hold strings, checkboxes booleans. */
export type FormValues = Readonly<Record<string, string | boolean>>;
export type FormErrors = Readonly<Record<string, string>>;

function initialValue(field: AccountField, account: AccountView | undefined): string | boolean {
  const stored = account?.settings[field.key];
  switch (field.kind) {
    case 'boolean':
      return typeof stored === 'boolean' ? stored : (field.default ?? false);
    case 'secret':
      return '';
    case 'number':
      return typeof stored === 'number' ? String(stored) : field.default === undefined ? '' : String(field.default);
    case 'choice':
      return typeof stored === 'string' ? stored : (field.default ?? field.choices[0]?.value ?? '');
    case 'text':
      return typeof stored === 'string' ? stored : (field.default ?? '');
  }
}

/** Defaults for a new account, or the account's stored settings (secrets blank) when editing. */
export function initialValues(plugin: PluginView, account?: AccountView): FormValues {
  return Object.fromEntries(plugin.accountFields.map((field) => [field.key, initialValue(field, account)]));
}

/** A required secret that is already stored may be left blank when editing: blank keeps it. */
export function isRequired(field: AccountField, account?: AccountView): boolean {
  if (field.required !== true) return false;
  return !(field.kind === 'secret' && account?.secretsStored.includes(field.key) === true);
}

function matchesPattern(pattern: string, value: string): boolean {
  try {
    // Anchored, as the core and the HTML `pattern` attribute do.
    return new RegExp(`^(?:${pattern})$`, 'u').test(value);
  } catch {
    return true; // a pattern this browser cannot compile is the core's to check
  }
}

/** The message to show under one input, or undefined when its value is fine. */
export function validateField(field: AccountField, value: string | boolean | undefined, account?: AccountView): string | undefined {
  if (field.kind === 'boolean') return undefined;
  const text = typeof value === 'string' ? value : '';
  if (text.trim() === '') return isRequired(field, account) ? i18n.t('accountForm.required', { field: field.label }) : undefined;
  switch (field.kind) {
    case 'text': {
      const trimmed = text.trim(); // sent trimmed, so checked trimmed
      if (field.maxLength !== undefined && trimmed.length > field.maxLength) return i18n.t('accountForm.tooLong', { field: field.label, count: field.maxLength });
      if (field.pattern !== undefined && !matchesPattern(field.pattern, trimmed)) return field.patternMessage ?? i18n.t('accountForm.invalid', { field: field.label });
      return undefined;
    }
    case 'number': {
      const number = Number(text);
      if (!Number.isInteger(number)) return i18n.t('accountForm.wholeNumber', { field: field.label });
      if (field.min !== undefined && number < field.min) return i18n.t('accountForm.atLeast', { field: field.label, min: field.min });
      if (field.max !== undefined && number > field.max) return i18n.t('accountForm.atMost', { field: field.label, max: field.max });
      return undefined;
    }
    case 'choice':
      return field.choices.some((choice) => choice.value === text) ? undefined : i18n.t('accountForm.choose', { field: field.label });
    case 'secret':
      return undefined;
  }
}

export function validateForm(plugin: PluginView, values: FormValues, account?: AccountView): FormErrors {
  const errors: Record<string, string> = {};
  for (const field of plugin.accountFields) {
    const message = validateField(field, values[field.key], account);
    if (message !== undefined) errors[field.key] = message;
  }
  return errors;
}

/** What `accounts.add` / `accounts.update` get: blank secrets and blank numbers are left out. */
export function toSettings(plugin: PluginView, values: FormValues): Settings {
  const settings: Settings = {};
  for (const field of plugin.accountFields) {
    const value = values[field.key];
    if (field.kind === 'boolean') {
      settings[field.key] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value : '';
    if (field.kind === 'secret' || field.kind === 'number') {
      if (text.trim() === '') continue;
      settings[field.key] = field.kind === 'number' ? Number(text) : text;
      continue;
    }
    settings[field.key] = field.kind === 'text' ? text.trim() : text;
  }
  return settings;
}
