import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('defaults to port 5001 and the embedded database under ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(5001);
    expect(config.database.kind).toBe('embedded');
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('never seeds demo accounts in production', () => {
    expect(loadConfig({}).seedDemoData).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO_DATA: 'true' }).seedDemoData).toBe(false);
  });

  it('uses a PostgreSQL server when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@localhost:5432/ft', MIGRATE_ON_START: 'true' });
    expect(config.database).toMatchObject({ kind: 'server', url: 'postgres://u@localhost:5432/ft' });
    expect(config.migrateOnStart).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ MIGRATE_ON_START: 'perhaps' }, 'MIGRATE_ON_START'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('rejects %o with one line naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain(`Invalid environment variable ${variable}:`);
      expect(message).not.toContain('\n');
    }
  });
});
