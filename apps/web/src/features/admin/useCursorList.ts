import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** A keyset-paginated list: pages are appended with "next page", never re-fetched by offset. */
export function useCursorList<T>(key: unknown[], path: string, params: Record<string, string | undefined>) {
  return useInfiniteQuery({
    queryKey: [...key, params],
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
      if (pageParam) search.set('cursor', pageParam);
      return api.get<{ items: T[]; nextCursor: string | null }>(`${path}?${search}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
