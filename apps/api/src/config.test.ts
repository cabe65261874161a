import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('defaults to port 5001 and the embedded database under ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(5001);
    expect(config.database.kind).toBe('embedded');
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it("binds passkeys to PUBLIC_URL's host, or to a parent domain its origins share", () => {
    expect(loadConfig({}).webauthn).toEqual({
      rpId: 'localhost',
      rpName: 'FinancialTracker',
      origins: ['http://localhost:5001'],
    });
    const split = loadConfig({
      PUBLIC_URL: 'https://api.example.fr',
      CORS_ORIGIN: 'https://app.example.fr,https://partner.example.com',
      WEBAUTHN_RP_ID: 'example.fr',
    }).webauthn;
    // The partner's origin keeps its CORS access but cannot run a ceremony for example.fr.
    expect(split).toMatchObject({
      rpId: 'example.fr',
      origins: ['https://api.example.fr', 'https://app.example.fr'],
    });
    expect(() => loadConfig({ PUBLIC_URL: 'https://app.example.fr', WEBAUTHN_RP_ID: 'other.fr' })).toThrow(
      ConfigError,
    );
    // "example.fr" is not a parent domain of "badexample.fr".
    expect(() => loadConfig({ PUBLIC_URL: 'https://badexample.fr', WEBAUTHN_RP_ID: 'example.fr' })).toThrow(
      /WEBAUTHN_RP_ID/,
    );
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

  it('uses S3-compatible storage when S3_BUCKET is set, and the local directory otherwise', () => {
    expect(loadConfig({}).s3).toBeUndefined();
    expect(loadConfig({ S3_BUCKET: '' }).s3).toBeUndefined();
    expect(
      loadConfig({
        S3_BUCKET: 'ft-documents',
        S3_REGION: 'fr-par',
        S3_ENDPOINT: 'https://s3.fr-par.example.com',
        S3_ACCESS_KEY_ID: 'key',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_FORCE_PATH_STYLE: 'true',
      }).s3,
    ).toEqual({
      bucket: 'ft-documents',
      region: 'fr-par',
      endpoint: 'https://s3.fr-par.example.com',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
  });

  it.each([
    [{ S3_BUCKET: 'ft-documents' }, 'S3_REGION'],
    [{ S3_ENDPOINT: 'http://localhost:9000' }, 'S3_BUCKET'],
    [{ S3_BUCKET: 'Bad_Bucket', S3_REGION: 'x' }, 'S3_BUCKET'],
    [{ S3_BUCKET: 'ft-documents', S3_REGION: 'x', S3_ENDPOINT: 'not a url' }, 'S3_ENDPOINT'],
    [{ S3_BUCKET: 'ft-documents', S3_REGION: 'x', S3_ACCESS_KEY_ID: 'k' }, 'S3_SECRET_ACCESS_KEY'],
    [{ S3_BUCKET: 'ft-documents', S3_REGION: 'x', S3_FORCE_PATH_STYLE: 'maybe' }, 'S3_FORCE_PATH_STYLE'],
  ])('rejects the incomplete or invalid S3 settings %o, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid environment variable ${variable}:`));
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
