/** The bridge's shapes for Matrix single sign-on from the Add account dialog (electron/core/sso). */
import { z } from 'zod';

export const matrixLoginOptionsParamsSchema = z.object({
  userId: z.string().min(1).max(512),
  /** The Homeserver URL field, when filled; else found from the user id (.well-known). */
  homeserver: z.string().min(1).max(2048).optional(),
});

export const matrixLoginOptionsSchema = z.object({
  homeserver: z.string(),
  password: z.boolean(),
  /** `m.login.sso` with its identity providers (an empty list: one unnamed provider). */
  sso: z.object({ identityProviders: z.array(z.object({ id: z.string(), name: z.string() })) }).optional(),
  /** The OAuth 2.0 issuer of next-generation auth, when the homeserver delegates to one. */
  oauthIssuer: z.string().optional(),
});

export const matrixSsoStartSchema = z.object({
  homeserver: z.string().min(1).max(2048),
  idpId: z.string().min(1).max(255).optional(),
});

export const matrixSsoAttemptSchema = z.object({ attemptId: z.string().min(1).max(64) });

export const matrixSsoLoginSchema = z.object({
  homeserver: z.string(),
  userId: z.string(),
  deviceId: z.string(),
  accessToken: z.string(),
});
