import type { ErrorCode, FieldError, Problem } from '@ft/contracts';
import { fieldMessage } from './field-errors';

/** What the SPA itself reports: no answer at all, an upload cancelled, a body without a code. */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'ABORTED', 'UNKNOWN'] as const;
export type ClientErrorCode = ErrorCode | (typeof CLIENT_ERROR_CODES)[number];

type ApiErrorInit = {
  status: number;
  code: ClientErrorCode;
  title?: string | undefined;
  detail?: string | undefined;
  requestId?: string | undefined;
  fieldErrors?: FieldError[] | undefined;
};

/**
 * An API failure carrying the fields of its problem+json body. `status` is 0 and `code`
 * `NETWORK_ERROR` when the server could not be reached at all.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  /** A code of the API's registry (packages/contracts errors.ts), or one of CLIENT_ERROR_CODES. */
  readonly code: ClientErrorCode;
  readonly title: string | undefined;
  /** The server's sentence for a person (French), when it sent one. */
  readonly detail: string | undefined;
  /** Quoted to support to find the request in the server logs. */
  readonly requestId: string | undefined;
  /** The problem's `errors`: one message per invalid field. */
  readonly fieldErrors: FieldError[];

  constructor(init: ApiErrorInit) {
    super(init.detail ?? init.title ?? init.code);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.fieldErrors = init.fieldErrors ?? [];
  }

  /** Field errors keyed by field name, in the UI language, for showing each next to its input. */
  get byField(): Record<string, string> {
    return Object.fromEntries(this.fieldErrors.map((error) => [error.field, fieldMessage(error)]));
  }
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The API only sends registry codes (its problem bodies are typed by them). Checking the list here
 * would bundle zod with the first page, so a code is trusted as it is; one we have no sentence
 * for still gets a generic one (see useErrorMessage).
 */
const knownCode = (code: string | undefined): ClientErrorCode => (code ? (code as ErrorCode) : 'UNKNOWN');

const stringField = (body: Record<string, unknown>, key: keyof Problem) =>
  typeof body[key] === 'string' ? body[key] : undefined;

/**
 * Turns a failed response into an ApiError. A proxy or load balancer in front of the API may answer
 * with HTML or nothing at all, so every problem field is optional here.
 */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const body = parseJson(await response.text().catch(() => ''));
  const problem = isRecord(body) ? body : {};
  const errors = Array.isArray(problem.errors)
    ? problem.errors.filter(
        (error): error is FieldError =>
          isRecord(error) && typeof error.field === 'string' && typeof error.message === 'string',
      )
    : [];
  return new ApiError({
    status: response.status,
    code: knownCode(stringField(problem, 'code')),
    title: stringField(problem, 'title'),
    detail: stringField(problem, 'detail'),
    requestId: stringField(problem, 'requestId') ?? response.headers.get('x-request-id') ?? undefined,
    fieldErrors: errors,
  });
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Where an API path lives. Served by the API itself the SPA uses relative paths; deployed alone
 * (static files behind a CDN) it is built with `VITE_API_URL=https://api.example.fr` and calls that
 * origin with credentials, which the API allows through `CORS_ORIGIN`.
 */
export function apiUrl(path: string): string {
  const base = (import.meta.env.VITE_API_URL ?? '').replace(/\/+$/, '');
  return `${base}${path}`;
}

type Payload = { method: Method; path: string; body?: unknown; signal?: AbortSignal | undefined };

/**
 * The one place every JSON call goes through (uploads aside: see uploadWithProgress). What
 * concerns every request — waiting out a 429's Retry-After, telling the page the service is
 * saturated — belongs here and nowhere else.
 */
export async function execute<T>({ method, path, body, signal }: Payload): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    // The browser sets the multipart content type with its boundary.
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method,
      credentials: 'include',
      headers,
      body: payload,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR' });
  }
  if (!response.ok) throw await apiErrorFrom(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
