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
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export async function adminToken(): Promise<string> {
  const { email, password } = inject('admin');
  return (await apiCall<{ token: string }>('POST', '/api/auth/login', { email, password })).token;
}
