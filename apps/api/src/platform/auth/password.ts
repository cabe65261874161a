import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

// OWASP's scrypt recommendation (N=2^17 is slower than a login should be on 2 cores; 2^15 with r=8
// costs ~32 MiB and ~60 ms here). Parameters are stored with the hash so they can be raised later.
const PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 64 } as const;

function derive(password: string, salt: Buffer, options: ScryptOptions, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      keyLength,
      { ...options, maxmem: 256 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p }, PARAMS.keyLength);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Constant-time comparison of the derived key. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64'),
    { N: Number(n), r: Number(r), p: Number(p) },
    expected.length,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password: verifying against it costs what a real check costs. */
export const decoyPasswordHash = hashPassword(randomBytes(24).toString('base64'));

const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '000000000000',
  '111111111111',
  'password1234',
  'password12345',
  'passwordpassword',
  'motdepasse123',
  'motdepasse1234',
  'motdepassemotdepasse',
  'azertyuiop12',
  'azertyuiop123',
  'azertyazerty',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwertyqwerty',
  'iloveyou1234',
  'bonjour12345',
  'bonjourbonjour',
  'soleil123456',
  'changeme1234',
  'welcome12345',
  'admin1234567',
  'administrateur',
  'financialtracker',
  'abcdefghijkl',
  'abc123abc123',
  'letmein12345',
  'football1234',
  'doudou123456',
]);

/** Returns a French sentence saying why the password is refused, or null when it is acceptable. */
export function passwordWeakness(password: string, email: string): string | null {
  const normalized = password.trim().toLowerCase();
  if (normalized === email.trim().toLowerCase() || normalized === email.split('@')[0]?.toLowerCase()) {
    return 'Le mot de passe ne doit pas reprendre votre adresse e-mail.';
  }
  if (COMMON_PASSWORDS.has(normalized) || /^(.)\1+$/.test(normalized)) {
    return 'Ce mot de passe est trop courant ; choisissez-en un autre.';
  }
  return null;
}
