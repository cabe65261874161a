import { z } from 'zod';
import { billingProfileSchema, vatNumberSchema } from './paperwork';
import { productCodeSchema } from './products';
import { expertApprovalStatuses, LEGAL_DOCUMENTS } from './ui-constants';

export const roles = ['client', 'expert', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const expertApprovalStatusSchema = z.enum(expertApprovalStatuses);

/** What the caller may do: `active`, or for an expert the approval state that limits it. */
export const userStatuses = ['active', 'pending', 'rejected', 'suspended'] as const;
export const userStatusSchema = z.enum(userStatuses);
export type UserStatus = z.infer<typeof userStatusSchema>;

export const PASSWORD_MIN_LENGTH = 12;

const email = z
  .email('Adresse e-mail invalide.')
  .max(254)
  .transform((value) => value.trim().toLowerCase());
const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`)
  .max(256, 'Le mot de passe est trop long (256 caractères au plus).');
const requiredText = (max: number) =>
  z.string().trim().min(1, 'Ce champ est obligatoire.').max(max, `${max} caractères au plus.`);
export const sirenSchema = z
  .string()
  .transform((value) => value.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{9}$/, 'Le SIREN doit comporter 9 chiffres.'));
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .()-]{6,20}$/, 'Numéro de téléphone invalide.');

export const simulationTokenSchema = z.string().min(16).max(128);

/** The language a user reads the platform in: the SPA's choice, used for its e-mails too. */
export const uiLanguageSchema = z.enum(['fr', 'en']);
export type UiLanguage = z.infer<typeof uiLanguageSchema>;
export const languageBodySchema = z.object({ language: uiLanguageSchema });

export const legalDocumentSchema = z.enum(LEGAL_DOCUMENTS);

/** Both must be ticked at sign-up (RGPD art. 7: a clear, recorded act). */
const accepted = (message: string) => z.boolean({ error: message }).refine((value) => value, { message });
export const consentFieldsSchema = z.object({
  acceptTerms: accepted("Vous devez accepter les conditions d'utilisation."),
  acceptPrivacy: accepted('Vous devez accepter la politique de confidentialité.'),
});

export const clientSignupSchema = z.object({
  email,
  password,
  companyName: requiredText(200),
  siren: sirenSchema,
  firstName: requiredText(100),
  lastName: requiredText(100),
  phone,
  simulationToken: simulationTokenSchema.optional(),
  /** The SPA's language at sign-up: the verification e-mail is written in it. */
  language: uiLanguageSchema.optional(),
  ...consentFieldsSchema.shape,
});
export type ClientSignup = z.input<typeof clientSignupSchema>;

export const expertSignupSchema = z.object({
  email,
  password,
  firmName: requiredText(200),
  siren: sirenSchema,
  firstName: requiredText(100),
  lastName: requiredText(100),
  phone: phone.optional(),
  productCodes: z.array(productCodeSchema).min(1, 'Choisissez au moins un produit.').max(20),
  yearsOfExperience: z.number().int('Nombre entier attendu.').min(0).max(70),
  languages: z
    .array(z.string().regex(/^[a-z]{2}$/))
    .max(10)
    .optional(),
  bio: z.string().trim().max(4000, '4 000 caractères au plus.'),
  language: uiLanguageSchema.optional(),
  ...consentFieldsSchema.shape,
});
export type ExpertSignup = z.input<typeof expertSignupSchema>;

export const loginSchema = z.object({
  email,
  password: z.string().min(1, 'Ce champ est obligatoire.').max(256),
  simulationToken: simulationTokenSchema.optional(),
});
export type Login = z.input<typeof loginSchema>;

export const publicUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  status: userStatusSchema,
  emailVerified: z.boolean(),
  /** The language its e-mails are written in (the SPA keeps it equal to the one on screen). */
  language: uiLanguageSchema,
});
export type PublicUser = z.infer<typeof publicUserSchema>;

/**
 * What a session still owes before it grants access: nothing, a second-factor code (or passkey),
 * or enrolment (admins, approved experts, everyone when an admin requires it).
 */
export const secondFactorStateSchema = z.enum(['none', 'verify', 'enrol']);
export type SecondFactorState = z.infer<typeof secondFactorStateSchema>;

export const authResponseSchema = z.object({
  user: publicUserSchema,
  token: z.string(),
  secondFactor: secondFactorStateSchema,
});
export type AuthResponse = z.infer<typeof authResponseSchema>;

export const clientProfileSchema = z.object({
  kind: z.literal('client'),
  companyName: z.string(),
  siren: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string(),
  address: z.string().nullable(),
  sector: z.string().nullable(),
  billingStreet: z.string().nullable(),
  billingPostcode: z.string().nullable(),
  billingCity: z.string().nullable(),
  billingCountry: z.string(),
  vatNumber: z.string().nullable(),
});
export type ClientProfile = z.infer<typeof clientProfileSchema>;

export const expertProfileSchema = z.object({
  kind: z.literal('expert'),
  firmName: z.string(),
  siren: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  /** The expert's usual video-call link, prefilled in its appointments. */
  meetingLink: z.string().nullable(),
  productCodes: z.array(z.string()),
  yearsOfExperience: z.number().int(),
  languages: z.array(z.string()),
  bio: z.string(),
  approvalStatus: expertApprovalStatusSchema,
  decisionReason: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
});
export type ExpertProfile = z.infer<typeof expertProfileSchema>;

export const adminProfileSchema = z.object({ kind: z.literal('admin') });

export const profileSchema = z.discriminatedUnion('kind', [
  clientProfileSchema,
  expertProfileSchema,
  adminProfileSchema,
]);
export type Profile = z.infer<typeof profileSchema>;

export const meResponseSchema = z.object({
  user: publicUserSchema,
  profile: profileSchema,
  secondFactor: secondFactorStateSchema,
  /** Legal texts whose version in force the user has not accepted yet (asked again on a change). */
  pendingConsents: z.array(legalDocumentSchema),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const updateClientProfileSchema = z.object({
  companyName: requiredText(200).optional(),
  firstName: requiredText(100).optional(),
  lastName: requiredText(100).optional(),
  phone: phone.optional(),
  address: z.string().trim().max(500).nullable().optional(),
  sector: z.string().trim().max(64).nullable().optional(),
  billingStreet: billingProfileSchema.shape.billingStreet.optional(),
  billingPostcode: billingProfileSchema.shape.billingPostcode.optional(),
  billingCity: billingProfileSchema.shape.billingCity.optional(),
  vatNumber: vatNumberSchema.optional(),
});
export const updateExpertProfileSchema = z.object({
  firmName: requiredText(200).optional(),
  firstName: requiredText(100).optional(),
  lastName: requiredText(100).optional(),
  phone: phone.nullable().optional(),
  meetingLink: z
    .url({ protocol: /^https$/, error: 'Lien https attendu.' })
    .max(500)
    .nullable()
    .optional(),
  productCodes: z.array(productCodeSchema).min(1, 'Choisissez au moins un produit.').max(20).optional(),
  yearsOfExperience: z.number().int().min(0).max(70).optional(),
  languages: z
    .array(z.string().regex(/^[a-z]{2}$/))
    .max(10)
    .optional(),
  bio: z.string().trim().max(4000).optional(),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: password,
});
export const passwordResetRequestSchema = z.object({ email });
/** Always the same answer, whether or not the address has an account. */
export const passwordResetRequestedSchema = z.object({ status: z.literal('sent') });
export const passwordResetSchema = z.object({ token: z.string().min(16).max(256), password });
export const emailVerificationSchema = z.object({ token: z.string().min(16).max(256) });

export const sessionSchema = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export const sessionListSchema = z.object({ sessions: z.array(sessionSchema) });
export type SessionInfo = z.infer<typeof sessionSchema>;

/** The SPA's probe: who is signed in, or nobody (200 either way, so a visitor sees no error). */
export const sessionStateSchema = z.object({
  user: publicUserSchema.nullable(),
  profile: profileSchema.nullable(),
  secondFactor: secondFactorStateSchema.nullable(),
  pendingConsents: z.array(legalDocumentSchema).nullable(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;
