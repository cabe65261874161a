import { frenchVatKey } from '@ft/contracts';
import { WORKED_EXAMPLE_A } from '@ft/domain';
import type { Browser, Page } from 'playwright-core';
import { adminToken, apiCall } from './api';
import { baseUrl, openPage } from './browser';
import { enrolApi, finishSignIn, signInApi } from './second-factor';
import { validSiren } from './siren';

export const PASSWORD = 'Un-mot-de-passe-solide-42';

/** The login form filled and sent: the password step only, whatever second step follows. */
export async function signInForm(page: Page, email: string) {
  await page.goto(`${baseUrl()}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** A new page signed in through the login form, as a person would. */
export async function loginPage(browser: Browser, email: string) {
  const opened = await openPage(browser);
  await signInForm(opened.page, email);
  await finishSignIn(opened.page, email);
  await opened.page.waitForURL('**/espace');
  return opened;
}

type Person = { firstName: string; lastName: string };

/** A new expert for one product, approved by the admin; its id, e-mail and firm name. */
export async function approvedExpert(options: {
  label: string;
  stamp: string;
  productCode: string;
  expert: Person & { firmName: string; bio: string };
}) {
  const email = `expert-${options.label}-${options.stamp}@e2e.example.fr`;
  const firmName = `${options.expert.firmName} ${options.stamp}`;
  const expert = await apiCall<{ user: { id: string }; token: string }>('POST', '/api/auth/signup/expert', {
    email,
    password: PASSWORD,
    acceptTerms: true,
    acceptPrivacy: true,
    firmName,
    siren: validSiren(`7${options.stamp}`),
    firstName: options.expert.firstName,
    lastName: options.expert.lastName,
    productCodes: [options.productCode],
    yearsOfExperience: 8,
    bio: options.expert.bio,
  });
  await apiCall('POST', `/api/admin/experts/${expert.user.id}/approve`, {}, await adminToken());
  // Approved, the expert owes a second factor: enrolled here, its later sign-ins ask for a code.
  await enrolApi(email, expert.token);
  return { id: expert.user.id, email, firmName };
}

/** A client who answered the simulator with `answers` before signing up: its dossiers exist. */
export async function clientFromSimulation(options: {
  label: string;
  stamp: string;
  answers: Record<string, unknown>;
  client: Person & { companyName: string };
}) {
  const simulation = await apiCall<{ id: string; token: string }>('POST', '/api/simulations', {
    answers: options.answers,
  });
  await fetch(`${baseUrl()}/api/simulations/${simulation.id}/evaluate`, {
    method: 'POST',
    headers: { 'x-simulation-token': simulation.token },
  });
  const email = `client-${options.label}-${options.stamp}@e2e.example.fr`;
  const siren = validSiren(`6${options.stamp}`);
  const signup = await apiCall<{ token: string }>('POST', '/api/auth/signup/client', {
    email,
    password: PASSWORD,
    acceptTerms: true,
    acceptPrivacy: true,
    companyName: options.client.companyName,
    siren,
    firstName: options.client.firstName,
    lastName: options.client.lastName,
    phone: '+33 6 11 22 33 44',
    simulationToken: simulation.token,
  });
  return { email, token: signup.token, siren, simulationId: simulation.id };
}

export type DossierWithExpert = {
  dossierId: string;
  /** The simulation the client signed up from (its results page). */
  simulationId: string;
  clientEmail: string;
  clientToken: string;
  expertEmail: string;
  expertToken: string;
};

/**
 * A client with the dossiers of worked example A, whose `productCode` dossier is assigned to a new
 * approved expert who accepted it — set up through the API so a spec starts where its story does.
 * Each spec should use its own product: all specs share one database, and another spec's expert
 * picker must keep showing only its own expert.
 */
export async function dossierWithExpert(options: {
  productCode: string;
  label: string;
  expert: Person & { firmName: string; bio: string };
  client: Person & { companyName: string };
}): Promise<DossierWithExpert> {
  const stamp = Date.now().toString();
  const expert = await approvedExpert({ ...options, stamp });
  const client = await clientFromSimulation({ ...options, stamp, answers: WORKED_EXAMPLE_A });
  const dossiers = await apiCall<{ items: { id: string; productCode: string }[] }>(
    'GET',
    '/api/dossiers',
    undefined,
    client.token,
  );
  const dossierId = dossiers.items.find((d) => d.productCode === options.productCode)?.id ?? '';
  // The expert's session passes its second step (a code from the secret enrolled at approval).
  const expertToken = await signInApi(expert.email, PASSWORD);
  await apiCall(
    'POST',
    `/api/dossiers/${dossierId}/force-transition`,
    { to: 'admin_validated', reason: 'Vérifié' },
    await adminToken(),
  );
  await apiCall('POST', `/api/dossiers/${dossierId}/propose-expert`, { expertId: expert.id }, client.token);
  await apiCall('POST', `/api/dossiers/${dossierId}/accept-assignment`, {}, expertToken);
  return {
    dossierId,
    simulationId: client.simulationId,
    clientEmail: client.email,
    clientToken: client.token,
    expertEmail: expert.email,
    expertToken,
  };
}

/** The client's legal representative reads and signs each pending letter, as in the dossier page. */
export async function signLetters(page: Page, signer: { name: string; capacity: string }) {
  for (let i = 0; i < 2; i++) {
    await page.getByRole('button', { name: 'Lire et signer' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Empreinte SHA-256').waitFor();
    await dialog.getByLabel('Nom et prénom du signataire').fill(signer.name);
    await dialog.getByLabel('Qualité', { exact: true }).fill(signer.capacity);
    await dialog.getByLabel(/J’ai lu ce document et je le signe/).check();
    await dialog.getByRole('button', { name: 'Signer électroniquement' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
  await page.getByText('Signé par', { exact: false }).nth(1).waitFor();
}

/** The client fills its billing address and VAT number in its account, needed before an invoice. */
export async function fillBilling(page: Page, siren: string) {
  await page.goto(`${baseUrl()}/compte`);
  await page.getByLabel('Adresse de facturation').fill('3 quai des Transports');
  await page.getByLabel('Code postal').fill('69002');
  await page.getByLabel('Ville').fill('Lyon');
  await page.getByLabel('N° de TVA intracommunautaire').fill(`FR${frenchVatKey(siren)}${siren}`);
  await page.getByRole('button', { name: 'Enregistrer' }).first().click();
  await page.getByText('Modifications enregistrées').first().waitFor();
}
