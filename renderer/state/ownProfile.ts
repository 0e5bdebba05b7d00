/**
 * "Your profile" (Pidgin's friendly name and buddy icon, Element's profile settings): the
 * display name and picture the user shows everyone on one account. Offered where the
 * account's plugin can publish them (`ownProfile`) and the account is online; what is left
 * empty stays as it was on the network. The limits are the bridge's (electron/bridge/ownProfile.ts).
 */
import {
  MAX_PROFILE_NAME, MAX_PROFILE_PICTURE_BYTES, PROFILE_PICTURE_TYPES, type CurrentProfileView, type OwnProfileInput, type ProfilePictureType,
} from '../../electron/bridge/ownProfile.js';
import type { AccountView, PluginView } from '../../electron/bridge/schemas.js';
import type { ActionContext } from './actionContext.js';
import type { PickedFile } from './fileUploads.js';
import { formatSize } from './messageRules.js';
import { fitPicture, type FittedPicture } from './pictureFit.js';
import { i18n } from '../i18n/index.js';

export { MAX_PROFILE_NAME };

/** Largest file the browser is asked to decode and scale (pictureFit.ts); what is sent is far smaller. */
export const MAX_CHOSEN_PICTURE_BYTES = 20 * 1024 * 1024;

/** A picture the user chose, read and ready to send and to preview. */
export interface ProfilePicture {
  readonly name: string;
  readonly mimeType: ProfilePictureType;
  readonly dataBase64: string;
  /** It was made smaller to fit every network (pictureFit.ts). */
  readonly scaled: boolean;
}

export interface ProfileDraft {
  readonly displayName: string;
  readonly picture: ProfilePicture | null;
  /** The picture shown now is to go (only where the network can say what is shown: `ownProfileRead`). */
  readonly removePicture: boolean;
}

/** What is wrong, in words, by the field it is about; `form` when it is about the whole. */
export interface ProfileErrors {
  readonly displayName?: string;
  readonly picture?: string;
  readonly form?: string;
}

export const EMPTY_PROFILE_DRAFT: ProfileDraft = { displayName: '', picture: null, removePicture: false };

/** Whether the account's Profile… control is shown. */
export function offersProfile(account: AccountView, plugin: PluginView | undefined): boolean {
  return account.state === 'online' && plugin?.capabilities.ownProfile === true;
}

/** Whether the dialog can show what the user shows now, and remove the picture. */
export function readsProfile(plugin: PluginView | undefined): boolean {
  return plugin?.capabilities.ownProfileRead === true;
}

/** The draft the dialog opens with: the name shown now in the field (the picture is shown beside, not re-sent). */
export function draftFrom(current: CurrentProfileView): ProfileDraft {
  return { ...EMPTY_PROFILE_DRAFT, displayName: current.displayName ?? '' };
}

function isPictureType(type: string): type is ProfilePictureType {
  return (PROFILE_PICTURE_TYPES as readonly string[]).includes(type);
}

/** Why a chosen file cannot be the picture, before it is read; null when it can. */
export function pictureProblem(file: PickedFile): string | null {
  if (!isPictureType(file.type)) return i18n.t('ownProfile.notPicture', { name: file.name });
  if (file.size > MAX_CHOSEN_PICTURE_BYTES) {
    return i18n.t('ownProfile.pictureTooBig', { name: file.name, size: formatSize(file.size), limit: formatSize(MAX_CHOSEN_PICTURE_BYTES) });
  }
  return null;
}

/** What keeps the draft from being saved; an empty object when it can be. */
export function profileProblems(draft: ProfileDraft): ProfileErrors {
  const name = draft.displayName.trim();
  if (name.length > MAX_PROFILE_NAME) return { displayName: i18n.t('ownProfile.nameTooLong', { max: MAX_PROFILE_NAME }) };
  if (name === '' && draft.picture === null && !draft.removePicture) return { form: i18n.t('ownProfile.nothingToSave') };
  return {};
}

/** The request's profile: a blank name and no picture are left out (unchanged on the network). */
export function profileInput(draft: ProfileDraft): OwnProfileInput {
  const name = draft.displayName.trim();
  return {
    ...(name !== '' ? { displayName: name } : {}),
    ...(draft.picture ? { picture: { mimeType: draft.picture.mimeType, dataBase64: draft.picture.dataBase64 } } : {}),
    ...(draft.removePicture && !draft.picture ? { removePicture: true as const } : {}),
  };
}

/** The picture as an image source for its preview (the CSP allows `data:` images). */
export function picturePreviewUrl(picture: ProfilePicture): string {
  return `data:${picture.mimeType};base64,${picture.dataBase64}`;
}

export interface OwnProfileActions {
  /** Reads a chosen file as the picture; rejects in words when it cannot be one. */
  readProfilePicture(file: Blob & PickedFile): Promise<ProfilePicture>;
  /** Publishes the draft on the account; rejects with the core's or the network's reason. */
  setOwnProfile(accountId: string, draft: ProfileDraft): Promise<void>;
  /** What the user shows now on the account; rejects with the network's reason. */
  loadOwnProfile(accountId: string): Promise<CurrentProfileView>;
}

/** `fit`: pictureFit.ts in the browser; tests hand in their own. */
export function createOwnProfileActions(context: ActionContext,
  fit: (file: Blob, mimeType: ProfilePictureType) => Promise<FittedPicture | null> = fitPicture): OwnProfileActions {
  return {
    readProfilePicture: async (file) => {
      const problem = pictureProblem(file);
      if (problem !== null || !isPictureType(file.type)) throw new Error(problem ?? i18n.t('ownProfile.notPicture', { name: file.name }));
      const fitted = await fit(file, file.type);
      if (!fitted || fitted.blob.size > MAX_PROFILE_PICTURE_BYTES) throw new Error(i18n.t('ownProfile.notDecodable', { name: file.name }));
      return { name: file.name, mimeType: fitted.mimeType, dataBase64: await context.platform.readAsBase64(fitted.blob), scaled: fitted.blob !== file };
    },
    setOwnProfile: async (accountId, draft) => {
      const problems = profileProblems(draft);
      const first = problems.displayName ?? problems.picture ?? problems.form;
      if (first !== undefined) throw new Error(first);
      await context.client().request('accounts.setProfile', { accountId, ...profileInput(draft) });
    },
    loadOwnProfile: (accountId) => context.client().request('accounts.profile', { accountId }),
  };
}
