import { defineProject } from 'vitest/config';

// The root is pinned to this folder so the suite also runs alone, from the repository root:
// `npx vitest run --config packages/domain/vitest.config.ts`.
export default defineProject({
  root: import.meta.dirname,
  test: { name: 'domain', include: ['src/**/*.test.ts'] },
});
