import { apiUrl, execute, type Method } from './api';
import type { BodyOf, FileRoute, QueryOfRoute, ResponseOf, RouteKey, UploadRoute } from './routes';

/** `:name` segments of a path template. */
type ParamsOfPath<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamsOfPath<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
type ParamNames<K extends string> = K extends `${string} ${infer Path}` ? ParamsOfPath<Path> : never;
type ParamValue = string | number;

type ParamsOption<K extends string> = [ParamNames<K>] extends [never]
  ? { params?: undefined }
  : { params: Record<ParamNames<K>, ParamValue> };
type BodyOption<K extends RouteKey> = [BodyOf<K>] extends [undefined]
  ? { body?: undefined }
  : { body: BodyOf<K> };
type QueryValue = string | number | boolean | readonly string[] | null | undefined;
type QueryOption<K extends RouteKey> = [QueryOfRoute<K>] extends [undefined]
  ? { query?: undefined }
  : { query?: QueryOfRoute<K> };

export type RequestOptions<K extends RouteKey> = ParamsOption<K> &
  BodyOption<K> &
  QueryOption<K> & { signal?: AbortSignal | undefined };
/** The options argument may be left out when the route needs no parameter and no body. */
type Args<K extends RouteKey> =
  object extends RequestOptions<K> ? [options?: RequestOptions<K>] : [options: RequestOptions<K>];

const splitRoute = (route: string): [Method, string] => {
  const space = route.indexOf(' ');
  return [route.slice(0, space) as Method, route.slice(space + 1)];
};

function fillPath(template: string, params: Record<string, ParamValue> | undefined): string {
  return template.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(value));
  });
}

/** `?a=1&b=2` from a query object; empty and undefined values are left out. */
export function queryString(query: object | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, QueryValue][]) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The path of a route with its parameters and query string, e.g. for a link or a cache key. */
export function apiPath(
  route: RouteKey | FileRoute | UploadRoute,
  params?: Record<string, ParamValue>,
  query?: object,
): string {
  const [, template] = splitRoute(route);
  return fillPath(template, params) + queryString(query);
}

/**
 * Calls one route of the map in ./routes: the path, the body and the answer are typed from the
 * route's schemas in packages/contracts.
 *
 *   apiRequest('GET /api/dossiers/:id', { params: { id } })
 */
export function apiRequest<K extends RouteKey>(route: K, ...[options]: Args<K>): Promise<ResponseOf<K>> {
  const [method, template] = splitRoute(route);
  const opts = (options ?? {}) as {
    params?: Record<string, ParamValue>;
    query?: object;
    body?: unknown;
    signal?: AbortSignal;
  };
  const path = fillPath(template, opts.params) + queryString(opts.query);
  // A POST without a body still sends `{}`: the API's JSON parser expects one with the content type.
  const body = opts.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
  return execute<ResponseOf<K>>({ method, path, body, signal: opts.signal });
}

/** The absolute URL of a file the browser downloads or shows (invoice, document, .ics, CSV). */
export const apiHref = (
  route: FileRoute | UploadRoute,
  params?: Record<string, ParamValue>,
  query?: object,
) => apiUrl(apiPath(route, params, query));
