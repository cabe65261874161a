import { useInfiniteQuery } from '@tanstack/react-query';
import { execute } from './api';
import { apiPath } from './client';
import type { QueryOfRoute, ResponseOf, RouteKey } from './routes';

type CursorPage = { items: unknown[]; nextCursor: string | null };
/** The lists paginated by keyset cursor (admin lists, my documents). */
type CursorRoute = {
  [K in RouteKey]: K extends `GET ${string}`
    ? ResponseOf<K> extends CursorPage
      ? QueryOfRoute<K> extends { cursor?: string | undefined }
        ? K
        : never
      : never
    : never;
}[RouteKey];

/** A keyset-paginated list: pages are appended with "next page", never re-fetched by offset. */
export function useCursorList<K extends CursorRoute>(
  key: readonly unknown[],
  route: K,
  query: Omit<NonNullable<QueryOfRoute<K>>, 'cursor'>,
) {
  return useInfiniteQuery({
    queryKey: [...key, query],
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) =>
      execute<ResponseOf<K>>({
        method: 'GET',
        path: apiPath(route, undefined, { ...query, cursor: pageParam || undefined }),
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
