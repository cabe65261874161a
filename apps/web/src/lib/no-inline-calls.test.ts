import { describe, expect, it } from 'vitest';

// Every source file of the SPA outside lib/, as text.
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../lib/**', '!../**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('API calls', () => {
  it('go through the typed route map: no API path written out and no fetch outside lib/', () => {
    const offenders = Object.entries(sources)
      .filter(([, text]) => /['`]\/api\/|\bfetch\(/.test(text))
      .map(([file]) => file);
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(offenders).toEqual([]);
  });
});

describe('contracts in the first load', () => {
  it('are imported as types from the root, values only from the zod-free subpaths', () => {
    // A value imported from '@ft/contracts' itself bundles every schema and zod (~35 KB gzipped).
    const offenders = Object.entries(sources)
      .filter(([, text]) => /^import (?!type )[^;]*from '@ft\/contracts';/m.test(text))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});
