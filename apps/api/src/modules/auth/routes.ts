import {
  authResponseSchema,
  changePasswordSchema,
  clientSignupSchema,
  emailVerificationSchema,
  expertSignupSchema,
  languageBodySchema,
  loginSchema,
  meResponseSchema,
  passwordResetRequestedSchema,
  passwordResetRequestSchema,
  passwordResetSchema,
  sessionListSchema,
  sessionStateSchema,
} from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor, requireSignedIn } from '../../platform/auth/guards';
import { simulationToken } from '../simulations/routes';
import type { CredentialsService } from './credentials';
import { TRUSTED_DEVICE_COOKIE } from './second-factor-policy';
import type { AuthService } from './service';
import { clearSessionCookie, readSessionToken, setSessionCookie } from './session-cookie';

type Deps = { auth: AuthService; credentials: CredentialsService; secureCookies: boolean };

const tags = ['auth'];
const noContent = { 204: z.null() };

export const authRoutes =
  ({ auth, credentials, secureCookies }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/auth/signup/client',
      {
        schema: {
          tags,
          summary: 'Create a client account (logged in)',
          body: clientSignupSchema,
          response: { 201: authResponseSchema },
        },
      },
      async (request, reply) => {
        const body = {
          ...request.body,
          simulationToken: request.body.simulationToken ?? simulationToken(request),
        };
        const session = await auth.signupClient(body, requestMeta(request, null));
        setSessionCookie(reply, session.token, secureCookies);
        return reply.status(201).send(session);
      },
    );

    app.post(
      '/api/auth/signup/expert',
      {
        schema: {
          tags,
          summary: 'Create an expert account (pending approval)',
          body: expertSignupSchema,
          response: { 201: authResponseSchema },
        },
      },
      async (request, reply) => {
        const session = await auth.signupExpert(request.body, requestMeta(request, null));
        setSessionCookie(reply, session.token, secureCookies);
        return reply.status(201).send(session);
      },
    );

    app.post(
      '/api/auth/login',
      { schema: { tags, summary: 'Log in', body: loginSchema, response: { 200: authResponseSchema } } },
      async (request, reply) => {
        const previous = readSessionToken(request)?.token;
        const body = {
          ...request.body,
          simulationToken: request.body.simulationToken ?? simulationToken(request),
        };
        const session = await auth.login(
          body,
          requestMeta(request, null),
          previous,
          request.cookies[TRUSTED_DEVICE_COOKIE],
        );
        setSessionCookie(reply, session.token, secureCookies);
        return session;
      },
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags, summary: 'Log out this session', response: noContent } },
      async (request, reply) => {
        const actor = request.actor ?? request.pendingActor;
        if (actor) await auth.logout(actor, requestMeta(request, actor.userId));
        clearSessionCookie(reply, secureCookies);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/auth/logout-all',
      { schema: { tags, summary: 'Log out every session', response: noContent } },
      async (request, reply) => {
        const actor = requireSignedIn(request);
        await auth.logoutEverywhere(actor, requestMeta(request, actor.userId));
        clearSessionCookie(reply, secureCookies);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/auth/me',
      { schema: { tags, summary: 'The caller and its profile', response: { 200: meResponseSchema } } },
      // Answers a session still owing its second factor too: the SPA learns which step comes next.
      async (request) => auth.me(requireSignedIn(request)),
    );

    app.get(
      '/api/auth/session',
      {
        schema: {
          tags,
          summary: 'Who is signed in, or nobody (never 401)',
          response: { 200: sessionStateSchema },
        },
      },
      async (request) => {
        const actor = request.actor ?? request.pendingActor;
        return actor
          ? auth.me(actor)
          : { user: null, profile: null, secondFactor: null, pendingConsents: null };
      },
    );

    app.get(
      '/api/auth/sessions',
      { schema: { tags, summary: "The caller's open sessions", response: { 200: sessionListSchema } } },
      async (request) => {
        return auth.listSessions(requireActor(request, { allowInactive: true }));
      },
    );

    app.delete(
      '/api/auth/sessions/:id',
      {
        schema: {
          tags,
          summary: 'Close one of my sessions',
          params: z.object({ id: z.uuid() }),
          response: noContent,
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, { allowInactive: true });
        await auth.revokeSession(actor, request.params.id, requestMeta(request));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/auth/password',
      { schema: { tags, summary: 'Change my password', body: changePasswordSchema, response: noContent } },
      async (request, reply) => {
        const actor = requireActor(request, { allowInactive: true });
        await credentials.changePassword(actor, request.body, requestMeta(request));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/auth/password-reset/request',
      {
        schema: {
          tags,
          summary: 'E-mail a password reset link',
          body: passwordResetRequestSchema,
          response: { 202: passwordResetRequestedSchema },
        },
      },
      async (request, reply) => {
        await credentials.requestPasswordReset(request.body.email, requestMeta(request, null));
        return reply.status(202).send({ status: 'sent' as const });
      },
    );

    app.post(
      '/api/auth/password-reset',
      {
        schema: {
          tags,
          summary: 'Set a new password with a reset link',
          body: passwordResetSchema,
          response: noContent,
        },
      },
      async (request, reply) => {
        await credentials.resetPassword(request.body, requestMeta(request, null));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/auth/verify-email',
      {
        schema: {
          tags,
          summary: 'Confirm my e-mail address',
          body: emailVerificationSchema,
          response: noContent,
        },
      },
      async (request, reply) => {
        await credentials.verifyEmail(request.body.token, requestMeta(request, null));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/auth/verify-email/resend',
      { schema: { tags, summary: 'Send the confirmation e-mail again', response: noContent } },
      async (request, reply) => {
        await credentials.resendVerification(requireActor(request, { allowInactive: true }));
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/api/me/language',
      {
        schema: {
          tags,
          summary: 'Set the language my e-mails are written in (the one the SPA shows)',
          body: languageBodySchema,
          response: { 200: languageBodySchema },
        },
      },
      (request) =>
        credentials.setLanguage(requireActor(request, { allowInactive: true }), request.body.language),
    );
  };
