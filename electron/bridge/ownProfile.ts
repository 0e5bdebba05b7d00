/**
 * The user's own profile on an account (`accounts.setProfile`): what the request accepts.
 * One place for the limits, read by the core (which checks them again on the bytes) and by
 * the Profile dialog (which says them before sending).
 */
import { z } from 'zod';

/** Longest display name, in UTF-16 code units (JavaScript's `length`), under XMPP's 200 and Synapse's 256. */
export const MAX_PROFILE_NAME = 100;
/** Largest picture: its base64 must fit one headless WebSocket frame (1 MB) with room to spare. */
export const MAX_PROFILE_PICTURE_BYTES = 512 * 1024;
/** The images every network here and every browser shows (as the plugin API's `OwnProfile` says). */
export const PROFILE_PICTURE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ProfilePictureType = (typeof PROFILE_PICTURE_TYPES)[number];

export const profilePictureSchema = z.object({
  mimeType: z.enum(PROFILE_PICTURE_TYPES),
  dataBase64: z.string().min(1).max(Math.ceil(MAX_PROFILE_PICTURE_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
});

export const ownProfileInputSchema = z.object({
  /** Shown to others instead of the address; left out: unchanged. */
  displayName: z.string().trim().min(1).max(MAX_PROFILE_NAME).optional(),
  /** Left out: unchanged. */
  picture: profilePictureSchema.optional(),
  /** Removes the picture (plugins with `ownProfileRead`); not together with `picture`. */
  removePicture: z.literal(true).optional(),
});
export type OwnProfileInput = z.infer<typeof ownProfileInputSchema>;

/** What the user shows everyone on an account now (`accounts.profile`): left out where there is none. */
export const currentProfileSchema = z.object({
  displayName: z.string().optional(),
  /** The picture as a `data:` URL (the CSP allows `data:` images). */
  pictureDataUrl: z.string().optional(),
});
export type CurrentProfileView = z.infer<typeof currentProfileSchema>;
