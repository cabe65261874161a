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

/**
 * A factor added: the ten recovery codes when it is the account's first (shown once), null when
 * the account already had one (its codes stay valid).
 */
export const secondFactorEnrolledSchema = z.object({
  recoveryCodes: z.array(z.string()).length(10).nullable(),
});
export type SecondFactorEnrolled = z.infer<typeof secondFactorEnrolledSchema>;

export const passkeySummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type PasskeySummary = z.infer<typeof passkeySummarySchema>;

// Passkeys (WebAuthn Level 3): the JSON forms of the ceremonies' options and of the browser's
// answers, as @simplewebauthn/server produces and @simplewebauthn/browser returns them.

const base64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*={0,2}$/, 'Valeur base64url attendue.');
const AUTHENTICATOR_TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] as const;
export type AuthenticatorTransport = (typeof AUTHENTICATOR_TRANSPORTS)[number];
const isTransport = (value: string): value is AuthenticatorTransport =>
  (AUTHENTICATOR_TRANSPORTS as readonly string[]).includes(value);
/** Transports a browser reports; ones this list does not know yet are dropped, not refused. */
const transportsSchema = z
  .array(z.string().max(32))
  .max(10)
  .transform((list) => list.filter(isTransport));
// As the WebAuthn JSON types declare it (open strings), so both libraries' types fit.
const credentialDescriptorSchema = z.object({
  id: base64url(1024),
  type: z.string(),
  transports: z.array(z.string()).optional(),
});
const userVerificationSchema = z.enum(['discouraged', 'preferred', 'required']);
const attachmentSchema = z.enum(['platform', 'cross-platform']);

/** navigator.credentials.create()'s options (PublicKeyCredentialCreationOptionsJSON). */
export const passkeyRegistrationOptionsSchema = z.object({
  challenge: base64url(256),
  rp: z.object({ id: z.string().optional(), name: z.string() }),
  user: z.object({ id: base64url(128), name: z.string(), displayName: z.string() }),
  pubKeyCredParams: z.array(z.object({ alg: z.number().int(), type: z.literal('public-key') })),
  timeout: z.number().int().optional(),
  excludeCredentials: z.array(credentialDescriptorSchema).optional(),
  authenticatorSelection: z
    .object({
      authenticatorAttachment: attachmentSchema.optional(),
      residentKey: z.enum(['discouraged', 'preferred', 'required']).optional(),
      requireResidentKey: z.boolean().optional(),
      userVerification: userVerificationSchema.optional(),
    })
    .optional(),
  attestation: z.enum(['none', 'indirect', 'direct', 'enterprise']).optional(),
  extensions: z.object({ credProps: z.boolean().optional() }).optional(),
  hints: z.array(z.enum(['hybrid', 'security-key', 'client-device'])).optional(),
});
export type PasskeyRegistrationOptions = z.infer<typeof passkeyRegistrationOptionsSchema>;

/** navigator.credentials.get()'s options (PublicKeyCredentialRequestOptionsJSON). */
export const passkeyAuthenticationOptionsSchema = z.object({
  challenge: base64url(256),
  rpId: z.string().optional(),
  timeout: z.number().int().optional(),
  allowCredentials: z.array(credentialDescriptorSchema).optional(),
  userVerification: userVerificationSchema.optional(),
});
export type PasskeyAuthenticationOptions = z.infer<typeof passkeyAuthenticationOptionsSchema>;

const credentialCommon = {
  id: base64url(1024),
  rawId: base64url(1024),
  type: z.literal('public-key'),
  authenticatorAttachment: attachmentSchema.optional(),
  clientExtensionResults: z
    .object({ credProps: z.object({ rk: z.boolean().optional() }).optional() })
    .default({}),
};

/** What navigator.credentials.create() answered (RegistrationResponseJSON). */
export const passkeyRegistrationResponseSchema = z.object({
  ...credentialCommon,
  response: z.object({
    clientDataJSON: base64url(4096),
    attestationObject: base64url(16_384),
    authenticatorData: base64url(8192).optional(),
    transports: transportsSchema.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url(4096).optional(),
  }),
});

/** What navigator.credentials.get() answered (AuthenticationResponseJSON). */
export const passkeyAuthenticationResponseSchema = z.object({
  ...credentialCommon,
  response: z.object({
    clientDataJSON: base64url(4096),
    authenticatorData: base64url(8192),
    signature: base64url(1024),
    userHandle: base64url(128)
      .nullish()
      .transform((value) => value ?? undefined),
  }),
});

const passkeyNameSchema = z
  .string()
  .trim()
  .min(1, 'Ce champ est obligatoire.')
  .max(60, '60 caractères au plus.');

/** Registration: the browser's answer and the name the person gives this passkey. */
export const passkeyRegisterSchema = z.object({
  name: passkeyNameSchema,
  response: passkeyRegistrationResponseSchema,
});
export type PasskeyRegister = z.input<typeof passkeyRegisterSchema>;

export const passkeyRenameSchema = z.object({ name: passkeyNameSchema });

/** The second step of sign-in with a passkey instead of a code. */
export const passkeyVerifySchema = z.object({
  response: passkeyAuthenticationResponseSchema,
  /** Skip the second step on this browser for 30 days. */
  rememberDevice: z.boolean().default(false),
});
export type PasskeyVerify = z.input<typeof passkeyVerifySchema>;

export const passkeyRegisteredSchema = secondFactorEnrolledSchema.extend({ passkey: passkeySummarySchema });
export type PasskeyRegistered = z.infer<typeof passkeyRegisteredSchema>;

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
