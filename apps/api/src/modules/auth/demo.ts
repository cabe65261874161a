import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { productCodes } from '@ft/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { enrolTotpDirectly } from './second-factor';
import type { AuthService } from './service';

/** `totpSecret` and `recoveryCodes` for the roles that must sign in with a second factor. */
export type DemoAccount = {
  role: string;
  email: string;
  password: string;
  totpSecret?: string;
  recoveryCodes?: string[];
};

const demoPassword = () => `Demo-${randomBytes(9).toString('base64url')}`;
const noRequest = { actorId: null, ip: null, userAgent: 'demo-seed' };

/**
 * On an empty database (outside production) creates an admin, an approved expert and a client so
 * a newcomer can click through every role at once. Passwords are random and shown once; they are
 * also kept in DATA_DIR/demo-accounts.txt (owner-readable only) for the next start. The admin and
 * the expert must sign in with a second factor: their TOTP secret (for an authenticator app or
 * `npm run totp`) and recovery codes are kept there too.
 */
export async function seedDemoAccounts(
  db: Kysely<DB>,
  auth: AuthService,
  dataDir: string,
): Promise<DemoAccount[] | null> {
  const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return null;

  const accounts: DemoAccount[] = [
    { role: 'admin', email: 'admin@demo.financialtracker.fr', password: demoPassword() },
    { role: 'expert', email: 'expert@demo.financialtracker.fr', password: demoPassword() },
    { role: 'client', email: 'client@demo.financialtracker.fr', password: demoPassword() },
  ];
  const [admin, expert, client] = accounts as [DemoAccount, DemoAccount, DemoAccount];
  const created = await auth.createAdmin(admin);
  const adminUser = created.user;
  admin.totpSecret = created.secondFactor.secret;
  admin.recoveryCodes = created.secondFactor.recoveryCodes;
  // Every active product, so no demo dossier ends at "no qualified expert".
  const products = await db.selectFrom('products').select('code').where('active', '=', true).execute();
  const expertSession = await auth.signupExpert(
    {
      email: expert.email,
      password: expert.password,
      firmName: 'Cabinet Martin Conseil',
      siren: '552100554',
      firstName: 'Claire',
      lastName: 'Martin',
      phone: '+33 1 23 45 67 89',
      productCodes: productCodes.filter((code) => products.some((product) => product.code === code)),
      yearsOfExperience: 12,
      languages: ['fr', 'en'],
      bio: "Expert-comptable spécialisé dans la récupération de taxes et l'optimisation des charges sociales.",
      acceptTerms: true,
      acceptPrivacy: true,
    },
    noRequest,
  );
  await db
    .updateTable('expert_profiles')
    .set({
      approval_status: 'approved',
      meeting_link: 'https://visio.cabinet-martin.fr/claire-martin',
      decided_by: adminUser.id,
      decided_at: new Date(),
      updated_at: new Date(),
    })
    .where('user_id', '=', expertSession.user.id)
    .execute();
  const expertFactor = await enrolTotpDirectly(db, expertSession.user);
  expert.totpSecret = expertFactor.secret;
  expert.recoveryCodes = expertFactor.recoveryCodes;
  await auth.signupClient(
    {
      email: client.email,
      password: client.password,
      companyName: 'Transports Durand SARL',
      siren: '732829320',
      firstName: 'Paul',
      lastName: 'Durand',
      phone: '+33 4 72 00 00 00',
      acceptTerms: true,
      acceptPrivacy: true,
    },
    noRequest,
  );
  await db
    .updateTable('users')
    .set({ email_verified_at: new Date() })
    .where('email_verified_at', 'is', null)
    .execute();

  fs.mkdirSync(dataDir, { recursive: true });
  // role, e-mail, password[, TOTP secret, recovery codes separated by commas]: tab-separated.
  const lines = accounts.map((account) =>
    [
      account.role,
      account.email,
      account.password,
      ...(account.totpSecret ? [account.totpSecret, (account.recoveryCodes ?? []).join(',')] : []),
    ].join('\t'),
  );
  fs.writeFileSync(path.join(dataDir, 'demo-accounts.txt'), `${lines.join('\n')}\n`, { mode: 0o600 });
  return accounts;
}
