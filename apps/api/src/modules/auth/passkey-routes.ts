import {
  passkeyAuthenticationOptionsSchema,
  passkeyRegisteredSchema,
  passkeyRegisterSchema,
  passkeyRegistrationOptionsSchema,
  passkeyRenameSchema,
  passkeySummarySchema,
  passkeyVerifySchema,
  passwordConfirmSchema,
} from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor, requireSignedIn } from '../../platform/auth/guards';
import type { PasskeyService } from './passkeys';
import { setTrustedDeviceCookie } from './second-factor-routes';

type Deps = { passkeys: PasskeyService; secureCookies: boolean };

const tags = ['auth'];
const idParams = z.object({ id: z.uuid() });

export const passkeyRoutes =
  ({ passkeys, secureCookies }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/auth/2fa/passkeys/registration-options',
      {
        schema: {
          tags,
          summary: 'Start registering a passkey: options for navigator.credentials.create()',
          response: { 200: passkeyRegistrationOptionsSchema },
        },
      },
      // A session owing enrolment may call it: a passkey is enrolment too.
      async (request) => passkeys.registrationOptions(requireSignedIn(request)),
    );

    app.post(
      '/api/auth/2fa/passkeys',
      {
        schema: {
          tags,
          summary:
            "Register a passkey (the browser's answer and a name); the first factor returns recovery codes",
          body: passkeyRegisterSchema,
          response: { 201: passkeyRegisteredSchema },
        },
      },
      async (request, reply) => {
        const actor = requireSignedIn(request);
        const registered = await passkeys.register(actor, request.body, requestMeta(request, actor.userId));
        return reply.status(201).send(registered);
      },
    );

    app.patch(
      '/api/auth/2fa/passkeys/:id',
      {
        schema: {
          tags,
          summary: 'Rename one of my passkeys',
          params: idParams,
          body: passkeyRenameSchema,
          response: { 200: passkeySummarySchema },
        },
      },
      async (request) => {
        const actor = requireActor(request, { allowInactive: true });
        return passkeys.rename(actor, request.params.id, request.body.name, requestMeta(request));
      },
    );

    app.delete(
      '/api/auth/2fa/passkeys/:id',
      {
        schema: {
          tags,
          summary: 'Remove one of my passkeys (password required; not the last factor of staff)',
          params: idParams,
          body: passwordConfirmSchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, { allowInactive: true });
        await passkeys.remove(actor, request.params.id, request.body.password, requestMeta(request));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/auth/2fa/passkeys/authentication-options',
      {
        schema: {
          tags,
          summary: 'Second step of sign-in with a passkey: options for navigator.credentials.get()',
          response: { 200: passkeyAuthenticationOptionsSchema },
        },
      },
      async (request) => {
        const actor = requireSignedIn(request);
        return passkeys.authenticationOptions(actor, requestMeta(request, actor.userId));
      },
    );

    app.post(
      '/api/auth/2fa/passkeys/verify',
      {
        schema: {
          tags,
          summary: "Second step of sign-in: the passkey's signature over the session's challenge",
          body: passkeyVerifySchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const actor = requireSignedIn(request);
        const { trustedDeviceToken } = await passkeys.verify(
          actor,
          request.body,
          requestMeta(request, actor.userId),
        );
        setTrustedDeviceCookie(reply, trustedDeviceToken, secureCookies);
        return reply.status(204).send(null);
      },
    );
  };
