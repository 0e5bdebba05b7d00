/** One generated input of the account dialog, with a real label, help and its validation message. */
import type { AccountField } from '../../electron/bridge/schemas.js';
import { useT } from '../i18n/index.js';

export interface AccountFieldInputProps {
  readonly field: AccountField;
  readonly value: string | boolean | undefined;
  readonly error: string | undefined;
  readonly required: boolean;
  /** Shown in a secret input when a value is stored and blank keeps it. */
  readonly secretStored: boolean;
  readonly onChange: (value: string | boolean) => void;
}

export function AccountFieldInput({ field, value, error, required, secretStored, onChange }: AccountFieldInputProps) {
  const id = `account-field-${field.key}`;
  const t = useT();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [field.help !== undefined ? helpId : '', error !== undefined ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const text = typeof value === 'string' ? value : '';
  const common = {
    id,
    name: field.key,
    'aria-describedby': describedBy,
    'aria-invalid': error !== undefined ? true : undefined,
    required,
  } as const;

  let input;
  switch (field.kind) {
    case 'text':
      input = (
        <input {...common} type="text" value={text} placeholder={field.placeholder} pattern={field.pattern}
          maxLength={field.maxLength} spellCheck={false} autoCapitalize="off" onChange={(e) => onChange(e.target.value)} />
      );
      break;
    case 'secret':
      input = (
        <input {...common} type="password" autoComplete="off" value={text}
          placeholder={secretStored ? t('field.storedSecret') : undefined} onChange={(e) => onChange(e.target.value)} />
      );
      break;
    case 'number':
      input = (
        <input {...common} type="number" inputMode="numeric" step={1} min={field.min} max={field.max} value={text}
          onChange={(e) => onChange(e.target.value)} />
      );
      break;
    case 'boolean':
      input = <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
      break;
    case 'choice':
      input = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          {field.choices.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
        </select>
      );
      break;
  }

  return (
    <div className={field.kind === 'boolean' ? 'field field-checkbox' : 'field'}>
      {/* The marker sits beside the label, not in it: the label text is exactly the field's label. */}
      <span className="field-label">
        <label htmlFor={id}>{field.label}</label>
        {required ? <span className="required-mark" aria-hidden="true">*</span> : null}
      </span>
      {input}
      {field.help !== undefined ? <p id={helpId} className="field-help">{field.help}</p> : null}
      {error !== undefined ? <p id={errorId} className="field-error">{error}</p> : null}
    </div>
  );
}
