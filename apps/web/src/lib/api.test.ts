import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { ApiError, apiUrl, execute } from './api';
import { apiHref, apiPath, apiRequest } from './client';
import type { ResponseOf } from './routes';

const respond = (response: Response) => {
  const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => response.clone());
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
};

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
      return error;
    },
  );

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe('API origin', () => {
  it('keeps paths relative when the API serves the SPA', () => {
    vi.stubEnv('VITE_API_URL', '');
    expect(apiUrl('/api/auth/me')).toBe('/api/auth/me');
  });

  it('calls the API origin given at build time, with the session cookie', async () => {
    vi.stubEnv('VITE_API_URL', 'https://api.example.fr/');
    expect(apiUrl('/api/docs/')).toBe('https://api.example.fr/api/docs/');
    const fetchMock = respond(Response.json({ ok: true }));
    await apiRequest('GET /api/auth/me');
    expect(fetchMock).toHaveBeenCalledWith(
      'https://api.example.fr/api/auth/me',
      expect.objectContaining({ credentials: 'include' }),
    );
  });
});

describe('api client', () => {
  it('sends JSON with the session cookie and returns the parsed body', async () => {
    const fetchMock = respond(Response.json({ id: 'd1' }, { status: 201 }));
    await expect(
      apiRequest('POST /api/dossiers/:id/cancel', { params: { id: 'd1' }, body: { reason: 'Doublon' } }),
    ).resolves.toEqual({ id: 'd1' });
    expect(fetchMock).toHaveBeenCalledWith('/api/dossiers/d1/cancel', {
      method: 'POST',
      credentials: 'include',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{"reason":"Doublon"}',
    });
  });

  it('lets the browser set the multipart type of an upload', async () => {
    const fetchMock = respond(new Response(null, { status: 204 }));
    const form = new FormData();
    await execute({ method: 'POST', path: '/api/upload', body: form });
    expect(fetchMock).toHaveBeenCalledWith('/api/upload', {
      method: 'POST',
      credentials: 'include',
      headers: { accept: 'application/json' },
      body: form,
    });
  });

  it('turns a problem+json body into an ApiError with its fields', async () => {
    respond(
      Response.json(
        {
          type: 'about:blank',
          title: 'Requête invalide',
          status: 400,
          code: 'VALIDATION_FAILED',
          detail: 'Champ « siren » : 9 chiffres attendus.',
          requestId: 'req-42',
          errors: [{ field: 'siren', message: 'Le SIREN comporte 9 chiffres.' }],
        },
        { status: 400 },
      ),
    );
    const error = await failure(apiRequest('POST /api/auth/login', { body: { email: '', password: '' } }));
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      title: 'Requête invalide',
      detail: 'Champ « siren » : 9 chiffres attendus.',
      requestId: 'req-42',
    });
    expect(error.byField).toEqual({ siren: 'Le SIREN comporte 9 chiffres.' });
  });

  it('survives an HTML error page from a proxy', async () => {
    respond(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'x-request-id': 'lb-7' } }));
    const error = await failure(apiRequest('GET /api/auth/me'));
    expect(error).toMatchObject({ status: 502, code: 'UNKNOWN', detail: undefined, requestId: 'lb-7' });
    expect(error.fieldErrors).toEqual([]);
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const error = await failure(apiRequest('GET /api/auth/me'));
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});

describe('route map', () => {
  it('fills path parameters and the query string, leaving empty values out', async () => {
    const fetchMock = respond(Response.json({ items: [], nextCursor: null }));
    await apiRequest('GET /api/conversations/:id/messages', {
      params: { id: 'c/1' },
      query: { limit: 30, before: undefined },
    });
    expect(fetchMock).toHaveBeenCalledWith('/api/conversations/c%2F1/messages?limit=30', expect.anything());
    expect(apiPath('GET /api/documents', undefined, { kind: 'KBIS', status: '', limit: 10 })).toBe(
      '/api/documents?kind=KBIS&limit=10',
    );
    expect(apiHref('GET /api/documents/:id/versions/:version/content', { id: 'd1', version: 2 })).toBe(
      '/api/documents/d1/versions/2/content',
    );
  });

  it('sends an empty JSON object for a POST without a body, nothing for a GET or DELETE', async () => {
    const fetchMock = respond(new Response(null, { status: 204 }));
    await apiRequest('POST /api/auth/logout');
    await apiRequest('DELETE /api/me/calendar-feed');
    expect(fetchMock.mock.calls.map(([, init]) => init.body)).toEqual(['{}', undefined]);
  });

  it('types each answer from the schema the API route declares', () => {
    expectTypeOf<ResponseOf<'GET /api/dashboard/client'>>().toEqualTypeOf<{
      estimatedCents: number;
      activeDossiers: number;
      completedDossiers: number;
      realisedCents: number;
    }>();
    expectTypeOf<ResponseOf<'GET /api/dossiers/:id'>['items'][number]['status']>().toEqualTypeOf<
      'requested' | 'uploaded' | 'approved' | 'rejected'
    >();
  });
});
