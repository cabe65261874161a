import { WORKED_EXAMPLE_A } from '@ft/domain';
import type { Browser } from 'playwright-core';
import { adminToken, apiCall } from './api';
import { baseUrl, openPage } from './browser';
import { validSiren } from './siren';

export const PASSWORD = 'Un-mot-de-passe-solide-42';

/** A new page signed in through the login form, as a person would. */
export async function loginPage(browser: Browser, email: string) {
  const opened = await openPage(browser);
  await opened.page.goto(`${baseUrl()}/connexion`);
  await opened.page.getByLabel('Adresse e-mail').fill(email);
  await opened.page.getByLabel('Mot de passe').fill(PASSWORD);
  await opened.page.getByRole('button', { name: 'Se connecter' }).click();
  await opened.page.waitForURL('**/espace');
  return opened;
}

export type DossierWithExpert = {
  dossierId: string;
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
  expert: { firmName: string; firstName: string; lastName: string; bio: string };
  client: { companyName: string; firstName: string; lastName: string };
}): Promise<DossierWithExpert> {
  const stamp = Date.now().toString();
  const admin = await adminToken();
  const expertEmail = `expert-${options.label}-${stamp}@e2e.example.fr`;
  const expert = await apiCall<{ user: { id: string } }>('POST', '/api/auth/signup/expert', {
    email: expertEmail,
    password: PASSWORD,
    firmName: `${options.expert.firmName} ${stamp}`,
    siren: validSiren(`7${stamp}`),
    firstName: options.expert.firstName,
    lastName: options.expert.lastName,
    productCodes: [options.productCode],
    yearsOfExperience: 8,
    bio: options.expert.bio,
  });
  await apiCall('POST', `/api/admin/experts/${expert.user.id}/approve`, {}, admin);
  const simulation = await apiCall<{ id: string; token: string }>('POST', '/api/simulations', {
    answers: WORKED_EXAMPLE_A,
  });
  await fetch(`${baseUrl()}/api/simulations/${simulation.id}/evaluate`, {
    method: 'POST',
    headers: { 'x-simulation-token': simulation.token },
  });
  const clientEmail = `client-${options.label}-${stamp}@e2e.example.fr`;
  const signup = await apiCall<{ token: string }>('POST', '/api/auth/signup/client', {
    email: clientEmail,
    password: PASSWORD,
    companyName: options.client.companyName,
    siren: validSiren(`6${stamp}`),
    firstName: options.client.firstName,
    lastName: options.client.lastName,
    phone: '+33 6 11 22 33 44',
    simulationToken: simulation.token,
  });
  const dossiers = await apiCall<{ items: { id: string; productCode: string }[] }>(
    'GET',
    '/api/dossiers',
    undefined,
    signup.token,
  );
  const dossierId = dossiers.items.find((d) => d.productCode === options.productCode)?.id ?? '';
  const expertToken = (
    await apiCall<{ token: string }>('POST', '/api/auth/login', { email: expertEmail, password: PASSWORD })
  ).token;
  await apiCall(
    'POST',
    `/api/dossiers/${dossierId}/force-transition`,
    { to: 'admin_validated', reason: 'Vérifié' },
    admin,
  );
  await apiCall(
    'POST',
    `/api/dossiers/${dossierId}/propose-expert`,
    { expertId: expert.user.id },
    signup.token,
  );
  await apiCall('POST', `/api/dossiers/${dossierId}/accept-assignment`, {}, expertToken);
  return { dossierId, clientEmail, clientToken: signup.token, expertEmail, expertToken };
}
