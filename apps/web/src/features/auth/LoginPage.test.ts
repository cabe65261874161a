import { describe, expect, it } from 'vitest';
import { safeNext } from './LoginPage';

describe('after login', () => {
  it('follows only same-site paths', () => {
    expect(safeNext('/admin/experts')).toBe('/admin/experts');
    expect(safeNext('//evil.example')).toBe('/espace');
    expect(safeNext('https://evil.example')).toBe('/espace');
    expect(safeNext(null)).toBe('/espace');
  });
});
