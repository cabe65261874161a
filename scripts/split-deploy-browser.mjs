// Drives the split deployment in Chromium (scripts/check-split-deploy.sh): the SPA from its own
// origin logs in against the API's origin with the session cookie, shows the client's space and
// its data, under the static host's CSP, with no console error.
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const [spaUrl, apiUrl, accountsFile, screenshotPath] = process.argv.slice(2);
const client = fs
  .readFileSync(accountsFile, 'utf8')
  .split('\n')
  .map((line) => line.split('\t'))
  .find(([role]) => role === 'client');
if (!client) throw new Error(`no demo client in ${accountsFile}`);
const [, email, password] = client;

const executablePath =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const problems = [];
const apiCalls = [];
const page = await browser.newPage({ locale: 'fr-FR' });
try {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (response.url().startsWith(`${apiUrl}/api/`)) apiCalls.push(`${response.status()} ${response.url()}`);
  });
  page.setDefaultTimeout(15_000);
  const home = await page.goto(`${spaUrl}/connexion`);
  const csp = home?.headers()['content-security-policy'] ?? '';
  if (!csp.includes(`connect-src 'self' ${apiUrl}`)) throw new Error(`unexpected CSP: ${csp}`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL('**/espace');
  // A reload proves the session cookie set by the API's origin is sent back to it.
  await page.reload();
  await page.waitForURL('**/espace');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  if (screenshotPath) await page.screenshot({ path: screenshotPath, fullPage: true });
  const me = apiCalls.filter((call) => call.includes('/api/auth/me'));
  if (!me.some((call) => call.startsWith('200 ')))
    throw new Error(`no authenticated /api/auth/me call: ${apiCalls.join(', ')}`);
  if (problems.length > 0) throw new Error(`console errors:\n${problems.join('\n')}`);
  console.log(
    `split deployment ok: ${apiCalls.length} API calls to ${apiUrl}, logged in as ${email}, no console error`,
  );
} catch (error) {
  console.error(
    `console errors: ${problems.join('\n') || 'none'}\nAPI calls: ${apiCalls.join(', ') || 'none'}`,
  );
  throw error;
} finally {
  await browser.close();
}
