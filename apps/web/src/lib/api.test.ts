import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, apiUrl } from './api';

const respond = (response: Response) => {
  const fetchMock = vi.fn(async () => response);
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
    await api.get('/api/auth/me');
    expect(fetchMock).toHaveBeenCalledWith(
      'https://api.example.fr/api/auth/me',
      expect.objectContaining({ credentials: 'include' }),
    );
  });
});

describe('api client', () => {
  it('sends JSON with the session cookie and returns the parsed body', async () => {
    const fetchMock = respond(Response.json({ id: 'd1' }, { status: 201 }));
    await expect(api.post('/api/dossiers', { productCode: 'TICPE' })).resolves.toEqual({ id: 'd1' });
    expect(fetchMock).toHaveBeenCalledWith('/api/dossiers', {
      method: 'POST',
      credentials: 'include',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{"productCode":"TICPE"}',
    });
  });

  it('lets the browser set the multipart type of an upload', async () => {
    const fetchMock = respond(new Response(null, { status: 204 }));
    const form = new FormData();
    await api.post('/api/upload', form);
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
    const error = await failure(api.post('/api/clients', {}));
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
    const error = await failure(api.get('/api/me'));
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
    const error = await failure(api.get('/api/me'));
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});
