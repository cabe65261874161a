import type { ErrorCode, FieldError } from '@ft/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { databaseUnavailable, textRefusedByDatabase } from '../db/errors';
import { SessionChangedError } from '../db/scoped';
import { AppError } from './errors';

const TITLES: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Authentification requise',
  403: 'Accès refusé',
  404: 'Introuvable',
  409: 'Conflit',
  413: 'Contenu trop volumineux',
  415: 'Type de contenu non pris en charge',
  429: 'Trop de requêtes',
  500: 'Erreur interne',
  503: 'Service indisponible',
};

type ProblemInput = { status: number; code: ErrorCode; detail: string; errors?: FieldError[] };

const problemCodes = new WeakMap<FastifyRequest, ErrorCode>();

/** The problem code a request was answered with, for the request log's security events. */
export const problemCodeOf = (request: FastifyRequest): ErrorCode | undefined => problemCodes.get(request);

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemInput) {
  problemCodes.set(request, problem.code);
  return reply
    .status(problem.status)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: TITLES[problem.status] ?? 'Erreur',
      status: problem.status,
      code: problem.code,
      detail: problem.detail,
      requestId: request.id,
      ...(problem.errors ? { errors: problem.errors } : {}),
    });
}

function fieldName(instancePath: string, context: string | undefined): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (path) return path;
  return context ?? 'body';
}

const numberParam = (value: unknown) =>
  typeof value === 'number' || typeof value === 'bigint' ? Number(value) : undefined;

/** What a client needs to word a field error itself: the issue code and its bounds. */
function issueFacts(code: string, params: Record<string, unknown>): Omit<FieldError, 'field' | 'message'> {
  const minimum = numberParam(params.minimum);
  const maximum = numberParam(params.maximum);
  return {
    code,
    ...(minimum === undefined ? {} : { minimum }),
    ...(maximum === undefined ? {} : { maximum }),
    ...(typeof params.origin === 'string' ? { origin: params.origin } : {}),
  };
}

/** Maps Fastify's own client errors (bad JSON, wrong content type, too large) to stable codes. */
function frameworkProblem(error: FastifyError): ProblemInput | undefined {
  const status = error.statusCode ?? 500;
  if (status >= 500) return undefined;
  if (status === 413) {
    return { status, code: 'PAYLOAD_TOO_LARGE', detail: 'Le contenu envoyé dépasse la taille autorisée.' };
  }
  if (status === 415) {
    return { status, code: 'UNSUPPORTED_MEDIA_TYPE', detail: "Ce type de contenu n'est pas accepté." };
  }
  if (error.code?.startsWith('FST_ERR_CTP') || error instanceof SyntaxError) {
    return {
      status: 400,
      code: 'MALFORMED_BODY',
      detail: "Le corps de la requête n'est pas un JSON valide.",
    };
  }
  if (status === 429) return { status, code: 'RATE_LIMITED', detail: error.message };
  return { status, code: 'BAD_REQUEST', detail: 'La requête est invalide.' };
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      for (const [name, value] of Object.entries(error.details?.headers ?? {})) reply.header(name, value);
      return sendProblem(request, reply, {
        status: error.statusCode,
        code: error.code,
        detail: error.message,
        ...(error.details?.errors ? { errors: error.details.errors } : {}),
      });
    }
    if (error instanceof SessionChangedError) {
      // A session this instance reused changed since (logout, suspension, second factor…) and the
      // request did nothing. Only GET routes reuse sessions: the caller repeats it (browsers do so
      // on their own), and the repeat is looked up afresh, so it gets today's answer (401, 403…).
      // Path and query only: a request target in absolute form must not send the repeat elsewhere.
      const target = new URL(request.url, 'http://repeat.invalid');
      return reply
        .status(307)
        .header('location', `${target.pathname}${target.search}`)
        .header('cache-control', 'no-store')
        .send();
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((issue) => ({
        field: fieldName(issue.instancePath, error.validationContext),
        message: issue.message ?? 'Valeur invalide.',
        ...issueFacts(issue.keyword, issue.params),
      }));
      const first = errors[0];
      return sendProblem(request, reply, {
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: first ? `Champ « ${first.field} » : ${first.message}` : 'Certaines valeurs sont invalides.',
        errors,
      });
    }
    const framework = frameworkProblem(error);
    if (framework) return sendProblem(request, reply, framework);
    if (textRefusedByDatabase(error)) {
      // A field's schema should have refused it; this keeps a missed one a clear 400, not a 500.
      request.log.warn({ err: error }, 'text refused by the database');
      return sendProblem(request, reply, {
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: 'Un texte envoyé contient un caractère non autorisé (caractère nul).',
      });
    }
    if (databaseUnavailable(error)) {
      // An outage, not a bug: tell the caller to come back, and log it once per request, briefly.
      request.log.warn({ err: { message: error.message, code: error.code } }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendProblem(request, reply, {
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        detail: 'Le service est momentanément indisponible. Réessayez dans quelques instants.',
      });
    }

    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, {
      status: 500,
      code: 'INTERNAL_ERROR',
      detail: "Une erreur inattendue s'est produite. Réessayez ; si elle persiste, contactez le support.",
    });
  });
}
