/** "Add account" / "Edit account": a form generated from the chosen plugin's account fields. */
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import type { AccountView, PluginView } from '../../electron/bridge/schemas.js';
import { findPlugin } from '../state/accounts.js';
import { initialValues, isRequired, toSettings, validateField, validateForm, type FormErrors, type FormValues } from '../state/accountForm.js';
import { errorMessage } from '../state/actions.js';
import { useActions, useAppStore } from './AppContext.js';
import { AccountFieldInput } from './AccountFieldInput.js';
import { MatrixSignIn } from './MatrixSignIn.js';
import { MATRIX_PLUGIN_ID, ssoUserMismatch, valuesAfterSso, type MatrixSsoLogin } from '../state/matrixSignIn.js';
import { Dialog } from './Dialog.js';
import { useT } from '../i18n/index.js';

export interface AccountDialogProps {
  /** Edit this account; without it, add a new one. */
  readonly accountId?: string;
  /** A new account for a link (linkActions.ts): its plugin and the settings the link gives. */
  readonly prefill?: { readonly pluginId: string; readonly settings: Readonly<Record<string, string | number | boolean>> };
  readonly onClose: () => void;
}

export function AccountDialog({ accountId, prefill, onClose }: AccountDialogProps) {
  const plugins = useAppStore('plugins', (state) => state.list);
  const account = useAppStore('accounts', (state) => state.list.find((item) => item.id === accountId));
  const t = useT();
  if (accountId !== undefined && !account) {
    return (
      <Dialog title={t('accountDialog.edit')} onClose={onClose}>
        <p role="alert">{t('accountDialog.gone')}</p>
        <div className="dialog-actions"><button type="button" onClick={onClose}>{t('common.cancel')}</button></div>
      </Dialog>
    );
  }
  const firstPlugin = account ? findPlugin(plugins, account.pluginId) : (prefill ? findPlugin(plugins, prefill.pluginId) : undefined) ?? plugins[0];
  return <AccountForm key={firstPlugin?.id ?? ''} plugins={plugins} account={account} initialPlugin={firstPlugin} onClose={onClose}
    {...(prefill?.pluginId === firstPlugin?.id && prefill ? { prefill: prefill.settings } : {})} />;
}

interface AccountFormProps {
  readonly plugins: readonly PluginView[];
  readonly account: AccountView | undefined;
  readonly initialPlugin: PluginView | undefined;
  readonly prefill?: Readonly<Record<string, string | number | boolean>>;
  readonly onClose: () => void;
}

function AccountForm({ plugins, account, initialPlugin, prefill, onClose }: AccountFormProps) {
  const actions = useActions();
  const t = useT();
  const [pluginId, setPluginId] = useState(initialPlugin?.id ?? '');
  const plugin = findPlugin(plugins, pluginId);
  const [values, setValues] = useState<FormValues>(() => (initialPlugin ? withPrefill(initialValues(initialPlugin, account), prefill) : {}));
  const [errors, setErrors] = useState<FormErrors>({});
  // What a link filled in is shown, advanced or not.
  const [showAdvanced, setShowAdvanced] = useState(() => initialPlugin?.accountFields.some((field) => field.advanced === true && prefill?.[field.key] !== undefined) === true);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [failedAttempts, setFailedAttempts] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const title = account ? t('accountDialog.edit') : t('accountDialog.add');

  // After a submit that did not validate, take the user to the first field to fix.
  useEffect(() => {
    if (failedAttempts > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failedAttempts]);

  const choosePlugin = (id: string): void => {
    setPluginId(id);
    const next = findPlugin(plugins, id);
    setValues(next ? initialValues(next) : {});
    setErrors({});
    setSubmitError(null);
  };

  const setValue = (key: string, value: string | boolean): void => {
    setValues((previous) => ({ ...previous, [key]: value }));
    // Once a message is shown, it follows the value as the user fixes it.
    const field = plugin?.accountFields.find((item) => item.key === key);
    if (field && errors[key] !== undefined) {
      const message = validateField(field, value, account);
      setErrors((previous) => {
        const { [key]: _old, ...rest } = previous;
        return message === undefined ? rest : { ...rest, [key]: message };
      });
    }
  };

  const onSubmit = async (event: SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (!plugin || saving) return;
    const found = validateForm(plugin, values, account);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      if (plugin.accountFields.some((field) => field.advanced === true && found[field.key] !== undefined)) setShowAdvanced(true);
      setFailedAttempts((count) => count + 1);
      return;
    }
    setSaving(true);
    setSubmitError(null);
    try {
      const settings = toSettings(plugin, values);
      if (account) await actions.updateAccount(account.id, settings);
      else await actions.addAccount(plugin.id, settings);
      onClose();
    } catch (error) {
      setSubmitError(errorMessage(error));
      setSaving(false);
    }
  };

  // A single sign-on saves the account at once with the session it brought (Matrix only);
  // on an existing account it renews the access token (after /logout, or when it expired).
  const signedIn = async (login: MatrixSsoLogin): Promise<void> => {
    if (!plugin) return;
    const mismatch = ssoUserMismatch(account, login);
    if (mismatch !== undefined) throw new Error(t('signIn.otherUser', mismatch));
    const next = valuesAfterSso(values, login);
    setValues(next);
    const settings = toSettings(plugin, next);
    if (account) await actions.updateAccount(account.id, settings);
    else await actions.addAccount(plugin.id, settings);
    onClose();
  };

  const basic = plugin?.accountFields.filter((field) => field.advanced !== true) ?? [];
  const advanced = plugin?.accountFields.filter((field) => field.advanced === true) ?? [];
  const renderField = (field: PluginView['accountFields'][number]) => (
    <AccountFieldInput key={field.key} field={field} value={values[field.key]} error={errors[field.key]}
      required={isRequired(field, account)} secretStored={account?.secretsStored.includes(field.key) === true}
      onChange={(value) => setValue(field.key, value)} />
  );

  return (
    <Dialog title={title} onClose={onClose}>
      <form ref={formRef} className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <div className="field">
          <label htmlFor="account-network">{t('accountDialog.network')}</label>
          <select id="account-network" value={pluginId} disabled={account !== undefined} onChange={(event) => choosePlugin(event.target.value)}>
            {plugins.length === 0 ? <option value="">{t('accountDialog.noNetworks')}</option> : null}
            {plugins.map((item) => <option key={item.id} value={item.id}>{item.name}</option>)}
          </select>
          {plugin?.description !== undefined ? <p className="field-help">{plugin.description}</p> : null}
        </div>
        {basic.map(renderField)}
        {plugin?.id === MATRIX_PLUGIN_ID ? <MatrixSignIn values={values} onSignedIn={signedIn} /> : null}
        {advanced.length > 0 ? (
          <>
            <button type="button" className="link-button" aria-expanded={showAdvanced} aria-controls="account-advanced"
              onClick={() => setShowAdvanced((shown) => !shown)}>
              {showAdvanced ? t('accountDialog.hideAdvanced') : t('accountDialog.showAdvanced')}
            </button>
            <div id="account-advanced" hidden={!showAdvanced}>
              {showAdvanced ? advanced.map(renderField) : null}
            </div>
          </>
        ) : null}
        {submitError !== null ? <p role="alert" className="form-error">{submitError}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={saving || !plugin}>{t('accountDialog.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** The form's values with a link's settings over the defaults (numbers as the inputs hold them: text). */
function withPrefill(values: FormValues, prefill: Readonly<Record<string, string | number | boolean>> | undefined): FormValues {
  if (!prefill) return values;
  const given = Object.entries(prefill).filter(([key]) => Object.hasOwn(values, key));
  return { ...values, ...Object.fromEntries(given.map(([key, value]) => [key, typeof value === 'number' ? String(value) : value])) };
}
