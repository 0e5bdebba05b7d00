/**
 * "Your profile" (from an account's "Profile…" in the Accounts dialog): the display name and
 * picture the user shows everyone on that account: what is shown now (where the network can
 * say), with Remove picture, and a preview of a newly chosen picture. The rules are in
 * state/ownProfile.ts; each error is shown by the field it is about.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent, type SyntheticEvent } from 'react';
import { errorMessage } from '../state/actions.js';
import { findPlugin } from '../state/accounts.js';
import { formatSize } from '../state/messageRules.js';
import {
  draftFrom, EMPTY_PROFILE_DRAFT, MAX_CHOSEN_PICTURE_BYTES, MAX_PROFILE_NAME, offersProfile, picturePreviewUrl, profileProblems, readsProfile,
  type ProfileDraft, type ProfileErrors,
} from '../state/ownProfile.js';
import type { CurrentProfileView } from '../../electron/bridge/ownProfile.js';
import { useActions, useAppStore } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { useT } from '../i18n/index.js';

const ACCEPTED = 'image/png,image/jpeg,image/gif,image/webp';

export function OwnProfileDialog({ accountId, onClose }: { readonly accountId: string; readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const ids = useId();
  const account = useAppStore('accounts', (state) => state.list.find((item) => item.id === accountId));
  const plugin = useAppStore('plugins', (state) => (account ? findPlugin(state.list, account.pluginId) : undefined));
  const [draft, setDraft] = useState<ProfileDraft>(EMPTY_PROFILE_DRAFT);
  const [errors, setErrors] = useState<ProfileErrors>({});
  const [saving, setSaving] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  // After a refused Save, the keyboard goes to the field that says why (as in the account dialog).
  useEffect(() => {
    if (refusals > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);
  const available = account !== undefined && offersProfile(account, plugin);
  const current = useCurrentProfile(accountId, available && readsProfile(plugin), setDraft);

  const nameId = `${ids}-name`;
  const pictureId = `${ids}-picture`;
  const describedBy = (help: string, error: string | undefined): string => [help, error !== undefined ? `${help}-error` : ''].filter(Boolean).join(' ');

  const choosePicture = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    if (!file) return;
    // A new choice answers the last refusal: its words go until the next Save.
    setErrors(({ picture: _picture, form: _form, ...rest }) => rest);
    actions.readProfilePicture(file).then(
      (picture) => setDraft((current) => ({ ...current, picture })),
      (error: unknown) => {
        setDraft((current) => ({ ...current, picture: null }));
        setErrors((current) => ({ ...current, picture: errorMessage(error) }));
      },
    );
  };

  const save = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const problems = profileProblems(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) setRefusals((count) => count + 1);
    if (Object.keys(problems).length > 0 || !available) return;
    setSaving(true);
    actions.setOwnProfile(accountId, draft).then(onClose, (error: unknown) => {
      setErrors({ form: t('ownProfile.notSaved', { error: errorMessage(error) }) });
      setSaving(false);
    });
  };

  return (
    <Dialog title={t('ownProfile.title')} onClose={onClose}>
      <form ref={formRef} className="dialog-form own-profile" noValidate onSubmit={save}>
        <p>{t('ownProfile.intro', { account: account?.label ?? accountId })}</p>
        <div className="field">
          <label htmlFor={nameId}>{t('ownProfile.nameLabel')}</label>
          <input id={nameId} type="text" value={draft.displayName} autoComplete="nickname"
            aria-describedby={describedBy(`${nameId}-help`, errors.displayName)} aria-invalid={errors.displayName !== undefined ? true : undefined}
            onChange={(event) => setDraft((current) => ({ ...current, displayName: event.target.value }))} />
          <p id={`${nameId}-help`} className="field-help">{t('ownProfile.nameHelp', { max: MAX_PROFILE_NAME })}</p>
          {errors.displayName !== undefined ? <p id={`${nameId}-help-error`} className="field-error">{errors.displayName}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={pictureId}>{t('ownProfile.pictureLabel')}</label>
          <input id={pictureId} type="file" accept={ACCEPTED}
            aria-describedby={describedBy(`${pictureId}-help`, errors.picture)} aria-invalid={errors.picture !== undefined ? true : undefined}
            onChange={choosePicture} />
          <p id={`${pictureId}-help`} className="field-help">{t('ownProfile.pictureHelp', { limit: formatSize(MAX_CHOSEN_PICTURE_BYTES) })}</p>
          {errors.picture !== undefined ? <p id={`${pictureId}-help-error`} className="field-error">{errors.picture}</p> : null}
          {!draft.picture && current.profile?.pictureDataUrl !== undefined ? (
            draft.removePicture ? (
              <p className="own-profile-removed">
                {t('ownProfile.pictureRemoved')}{' '}
                <button type="button" className="small-button" onClick={() => setDraft((d) => ({ ...d, removePicture: false }))}>{t('ownProfile.keepPicture')}</button>
              </p>
            ) : (
              <figure className="own-profile-preview">
                <img src={current.profile.pictureDataUrl} alt={t('ownProfile.currentAlt')} width={96} height={96} />
                <figcaption>
                  <button type="button" className="small-button" onClick={() => setDraft((d) => ({ ...d, removePicture: true }))}>{t('ownProfile.removePicture')}</button>
                </figcaption>
              </figure>
            )
          ) : null}
          {draft.picture ? (
            <figure className="own-profile-preview">
              <img src={picturePreviewUrl(draft.picture)} alt={t('ownProfile.previewAlt')} width={96} height={96} />
              <figcaption>{draft.picture.scaled ? t('ownProfile.scaled', { name: draft.picture.name }) : draft.picture.name}</figcaption>
            </figure>
          ) : null}
        </div>
        {current.loading ? <p role="status">{t('ownProfile.loading')}</p> : null}
        {current.error !== undefined ? <p role="alert" className="form-error">{t('ownProfile.notRead', { error: current.error })}</p> : null}
        {!available ? <p role="alert" className="form-error">{t('ownProfile.unavailable')}</p> : null}
        {errors.form !== undefined ? <p role="alert" className="form-error">{errors.form}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={saving || !available}>{saving ? t('ownProfile.saving') : t('common.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}

interface CurrentProfileState {
  readonly loading: boolean;
  readonly profile?: CurrentProfileView;
  readonly error?: string;
}

/**
 * What the user shows now, read once when the dialog opens where the network can say; the
 * name goes into the field unless the user has typed one meanwhile.
 */
function useCurrentProfile(accountId: string, reads: boolean, setDraft: (update: (draft: ProfileDraft) => ProfileDraft) => void): CurrentProfileState {
  const actions = useActions();
  const [state, setState] = useState<CurrentProfileState>({ loading: reads });
  useEffect(() => {
    if (!reads) return undefined;
    let open = true;
    actions.loadOwnProfile(accountId).then((profile) => {
      if (!open) return;
      setState({ loading: false, profile });
      setDraft((draft) => (draft.displayName === '' ? { ...draft, displayName: draftFrom(profile).displayName } : draft));
    }, (error: unknown) => {
      if (open) setState({ loading: false, error: errorMessage(error) });
    });
    return () => {
      open = false;
    };
  }, [actions, accountId, reads, setDraft]);
  return state;
}
