/**
 * Checks account settings from the UI against the plugin's declared fields and splits
 * them into what the database keeps and what the secret store keeps. The UI validates
 * too, but the core never trusts it.
 */
import type { AccountField, AccountFieldValue } from '../../../protocols/api/index.js';
import { invalidRequest } from '../model/coreError.js';

export interface SplitSettings {
  /** Non-secret values, defaults applied. */
  readonly settings: Record<string, AccountFieldValue>;
  /** Secret values the user typed (an empty secret is left out: keep the stored one). */
  readonly secrets: Record<string, string>;
}

export function validateAccountSettings(fields: readonly AccountField[], input: Readonly<Record<string, AccountFieldValue>>): SplitSettings {
  const known = new Set(fields.map((field) => field.key));
  const unknown = Object.keys(input).filter((key) => !known.has(key));
  if (unknown.length > 0) throw invalidRequest(`Unknown account setting: ${unknown.join(', ')}.`);

  const settings: Record<string, AccountFieldValue> = {};
  const secrets: Record<string, string> = {};
  for (const field of fields) {
    const raw = input[field.key];
    const value = typeof raw === 'string' && field.kind !== 'secret' ? raw.trim() : raw;
    const missing = value === undefined || value === '';
    if (field.kind === 'secret') {
      if (typeof value === 'string' && value !== '') secrets[field.key] = value;
      else if (value !== undefined && value !== '') throw invalidRequest(`${field.label} must be text.`);
      continue;
    }
    if (missing) {
      if (field.default !== undefined) settings[field.key] = field.default;
      else if (field.required) throw invalidRequest(`${field.label} is required.`);
      continue;
    }
    settings[field.key] = checkValue(field, value);
  }
  return { settings, secrets };
}

function checkValue(field: Exclude<AccountField, { kind: 'secret' }>, value: AccountFieldValue): AccountFieldValue {
  switch (field.kind) {
    case 'text': {
      if (typeof value !== 'string') throw invalidRequest(`${field.label} must be text.`);
      if (field.maxLength !== undefined && value.length > field.maxLength) {
        throw invalidRequest(`${field.label} is longer than ${field.maxLength} characters.`);
      }
      if (field.pattern !== undefined && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value)) {
        throw invalidRequest(field.patternMessage ?? `${field.label} is not valid.`);
      }
      return value;
    }
    case 'number': {
      const number = typeof value === 'string' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isInteger(number)) throw invalidRequest(`${field.label} must be a whole number.`);
      if ((field.min !== undefined && number < field.min) || (field.max !== undefined && number > field.max)) {
        throw invalidRequest(`${field.label} must be between ${field.min ?? '-∞'} and ${field.max ?? '∞'}.`);
      }
      return number;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw invalidRequest(`${field.label} must be on or off.`);
      return value;
    case 'choice':
      if (typeof value !== 'string' || !field.choices.some((choice) => choice.value === value)) {
        throw invalidRequest(`${field.label} must be one of: ${field.choices.map((c) => c.label).join(', ')}.`);
      }
      return value;
  }
}
