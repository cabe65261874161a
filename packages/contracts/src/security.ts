import { z } from 'zod';

/** Six digits from an authenticator app (spaces tolerated, as apps show "123 456"). */
export const totpCodeSchema = z
  .string()
  .transform((value) => value.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Le code comporte 6 chiffres.'));

/** A recovery code as printed ("abcde-fghij"); case, spaces and dashes do not matter. */
export const recoveryCodeSchema = z
  .string()
  .max(40)
  .transform((value) => value.toLowerCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[0-9a-z]{10}$/, 'Un code de secours comporte 10 caractères.'));

export const secondFactorVerifySchema = z
  .object({
    code: totpCodeSchema.optional(),
    recoveryCode: recoveryCodeSchema.optional(),
    /** Skip the second step on this browser for 30 days. */
    rememberDevice: z.boolean().default(false),
  })
  .refine((value) => (value.code === undefined) !== (value.recoveryCode === undefined), {
    message: 'Saisissez soit un code, soit un code de secours.',
    path: ['code'],
  });
export type SecondFactorVerify = z.input<typeof secondFactorVerifySchema>;

export const totpSetupSchema = z.object({
  /** Base32, for typing into an app that cannot scan. */
  secret: z.string(),
  /** otpauth:// URI (RFC 6238 key URI format). */
  uri: z.string(),
  /** The URI as a QR code, a PNG data URL. */
  qrCode: z.string(),
});
export type TotpSetup = z.infer<typeof totpSetupSchema>;

export const totpConfirmSchema = z.object({ code: totpCodeSchema });

/** Shown once, at enrolment or regeneration: only their hashes are kept. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()).length(10) });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

export const passkeySummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type PasskeySummary = z.infer<typeof passkeySummarySchema>;

export const secondFactorStatusSchema = z.object({
  totp: z.boolean(),
  passkeys: z.array(passkeySummarySchema),
  recoveryCodesLeft: z.number().int(),
  /** Required for this account (role or admin setting): it cannot be turned off. */
  required: z.boolean(),
  trustedDevices: z.number().int(),
});
export type SecondFactorStatus = z.infer<typeof secondFactorStatusSchema>;

export const secondFactorDisableSchema = z.object({
  password: z.string().min(1, 'Ce champ est obligatoire.').max(256),
  code: totpCodeSchema,
});

export const passwordConfirmSchema = z.object({
  password: z.string().min(1, 'Ce champ est obligatoire.').max(256),
});

export const securitySettingsSchema = z.object({ requireSecondFactorForAll: z.boolean() });
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const dataExportSchema = z.object({
  id: z.uuid(),
  status: z.enum(['pending', 'ready', 'failed', 'expired']),
  requestedAt: z.string(),
  readyAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  sizeBytes: z.number().nullable(),
});
export const accountDeletionSchema = z.object({ requestedAt: z.string().nullable(), dueAt: z.string() });
export const privacyStateSchema = z.object({
  exports: z.array(dataExportSchema),
  deletion: accountDeletionSchema.nullable(),
});
export type PrivacyState = z.infer<typeof privacyStateSchema>;
export const exportRequestedSchema = z.object({ id: z.uuid() });
