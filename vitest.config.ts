import { defineConfig } from 'vitest/config';

// The API suite runs on the embedded engine always, and again on a PostgreSQL server when
// TEST_DATABASE_URL is set (CI sets it), so both engines stay interchangeable.
const apiOnServer = process.env.TEST_DATABASE_URL
  ? [
      {
        extends: './apps/api/vitest.config.ts',
        root: './apps/api',
        test: {
          name: 'api:postgres',
          env: { FT_TEST_DB: 'server' },
          // Engine-independent tests (configuration, the embedded directory lock) run once, above.
          exclude: ['src/config.test.ts', 'src/platform/db/data-dir-lock.test.ts', '**/node_modules/**'],
        },
      },
    ]
  : [];

export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vite.config.ts',
      {
        extends: './apps/api/vitest.config.ts',
        root: './apps/api',
        test: { name: 'api:embedded', env: { FT_TEST_DB: 'embedded' } },
      },
      ...apiOnServer,
    ],
  },
});
