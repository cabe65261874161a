import { inject } from 'vitest';
import { baseUrl } from './browser';

type Json = Record<string, unknown>;

/** Direct API calls for a spec's setup, so the browser part can focus on the journey under test. */
export async function apiCall<T = Json>(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    // No content type without a body: Fastify refuses an empty JSON body (400).
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The admin signs in from a trusted device (global set-up passed its second factor once). */
export async function adminToken(): Promise<string> {
  const { email, password, trustedDevice } = inject('admin');
  const res = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `ft_trusted_device=${trustedDevice}` },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { token: string; secondFactor: string };
  if (!res.ok || body.secondFactor !== 'none') throw new Error(`admin login: ${res.status}`);
  return body.token;
}
