import { isSpaRoute } from '@ft/contracts';
import { describe, expect, it } from 'vitest';
import { routes } from './router';

type Route = { path?: string; index?: boolean; children?: Route[] };

const paths = (list: Route[]): string[] =>
  list.flatMap((route) => [
    ...(route.index ? ['/'] : route.path && route.path !== '*' ? [`/${route.path}`] : []),
    ...paths(route.children ?? []),
  ]);

describe('the router', () => {
  it('declares only routes the server knows, so a reload of any of them answers 200 and not 404', () => {
    const declared = paths(routes as Route[]);
    expect(declared.length).toBeGreaterThan(10);
    // A `:param` segment stands for any value; the server matches it the same way.
    expect(declared.filter((path) => !isSpaRoute(path.replace(/:[^/]+/g, 'x')))).toEqual([]);
  });
});
