import {
  passwordConfirmSchema,
  recoveryCodesSchema,
  secondFactorDisableSchema,
  secondFactorEnrolledSchema,
  secondFactorStatusSchema,
  secondFactorVerifySchema,
  securitySettingsSchema,
  totpConfirmSchema,
  totpSetupSchema,
} from '@ft/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor, requireSignedIn } from '../../platform/auth/guards';
import type { SecondFactorService } from './second-factor';
import { TRUSTED_DEVICE_COOKIE, TRUSTED_DEVICE_MS } from './second-factor-policy';

/** The browser asked to be trusted for 30 days: an HttpOnly cookie, scoped to /api/auth. */
export function setTrustedDeviceCookie(reply: FastifyReply, token: string | null, secure: boolean) {
  if (!token) return;
  reply.setCookie(TRUSTED_DEVICE_COOKIE, token, {
    httpOnly: true,
    secure,
    sameSite: 'strict',
    path: '/api/auth',
    maxAge: TRUSTED_DEVICE_MS / 1000,
  });
}

type Deps = { secondFactor: SecondFactorService; secureCookies: boolean };

const tags = ['auth'];
const noContent = { 204: z.null() };

export const secondFactorRoutes =
  ({ secondFactor, secureCookies }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/auth/2fa',
      {
        schema: {
          tags,
          summary: 'My second factors: TOTP, passkeys, recovery codes left, trusted devices',
          response: { 200: secondFactorStatusSchema },
        },
      },
      async (request) => secondFactor.status(requireSignedIn(request)),
    );

    app.post(
      '/api/auth/2fa/totp/setup',
      {
        schema: {
          tags,
          summary: 'Start TOTP enrolment: a new secret, its otpauth URI and QR code',
          response: { 200: totpSetupSchema },
        },
      },
      // A session owing enrolment may call it (that is how enrolment is forced at sign-in).
      async (request) => secondFactor.setupTotp(requireSignedIn(request)),
    );

    app.post(
      '/api/auth/2fa/totp/confirm',
      {
        schema: {
          tags,
          summary:
            'Confirm TOTP with a first code; returns the ten recovery codes, once (if the first factor)',
          body: totpConfirmSchema,
          response: { 200: secondFactorEnrolledSchema },
        },
      },
      async (request) => {
        const actor = requireSignedIn(request);
        return secondFactor.confirmTotp(actor, request.body.code, requestMeta(request, actor.userId));
      },
    );

    app.post(
      '/api/auth/2fa/verify',
      {
        schema: {
          tags,
          summary: 'Second step of sign-in: a TOTP code or a recovery code',
          body: secondFactorVerifySchema,
          response: noContent,
        },
      },
      async (request, reply) => {
        const actor = requireSignedIn(request);
        const { trustedDeviceToken } = await secondFactor.verify(
          actor,
          request.body,
          requestMeta(request, actor.userId),
        );
        setTrustedDeviceCookie(reply, trustedDeviceToken, secureCookies);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/auth/2fa/recovery-codes',
      {
        schema: {
          tags,
          summary: 'Replace my recovery codes (password required); the new ones are shown once',
          body: passwordConfirmSchema,
          response: { 200: recoveryCodesSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request, { allowInactive: true });
        return secondFactor.regenerateRecoveryCodes(actor, request.body.password, requestMeta(request));
      },
    );

    app.post(
      '/api/auth/2fa/disable',
      {
        schema: {
          tags,
          summary: 'Turn the second factor off (password and a current code; not for staff)',
          body: secondFactorDisableSchema,
          response: noContent,
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, { allowInactive: true });
        await secondFactor.disable(actor, request.body, requestMeta(request));
        return reply.status(204).send(null);
      },
    );

    app.delete(
      '/api/auth/2fa/trusted-devices',
      { schema: { tags, summary: 'Forget every trusted device', response: noContent } },
      async (request, reply) => {
        const actor = requireActor(request, { allowInactive: true });
        await secondFactor.forgetTrustedDevices(actor, requestMeta(request));
        reply.clearCookie(TRUSTED_DEVICE_COOKIE, { path: '/api/auth' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/admin/security-settings',
      {
        schema: {
          tags: ['admin'],
          summary: 'Platform security settings',
          response: { 200: securitySettingsSchema },
        },
      },
      async (request) => {
        requireActor(request, { roles: ['admin'] });
        return secondFactor.settings();
      },
    );

    app.put(
      '/api/admin/security-settings',
      {
        schema: {
          tags: ['admin'],
          summary: 'Require a second factor of every account, or only of staff',
          body: securitySettingsSchema,
          response: { 200: securitySettingsSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request, { roles: ['admin'] });
        return secondFactor.updateSettings(actor, request.body, requestMeta(request));
      },
    );
  };
