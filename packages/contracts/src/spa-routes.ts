/**
 * The single-page app's routes, known to the server too: a reload of one of them answers 200 with
 * the app, any other page path answers 404 with the same app (which shows its "page not found"
 * screen), so crawlers, monitors and link checkers see the truth. `:param` matches one segment.
 * The web router's test checks that every route it declares is listed here.
 */
export const SPA_ROUTES = [
  '/',
  '/simulateur',
  '/simulateur/resultats/:id',
  '/connexion',
  '/connexion/code',
  '/connexion/double-authentification',
  '/conditions-utilisation',
  '/confidentialite',
  '/inscription',
  '/inscription/expert',
  '/mot-de-passe-oublie',
  '/reinitialiser-mot-de-passe',
  '/verifier-email',
  '/conditions-utilisation',
  '/confidentialite',
  '/espace',
  '/dossiers/:id',
  '/documents',
  '/agenda',
  '/agenda/disponibilites',
  '/messages',
  '/notifications',
  '/compte',
  '/admin/experts',
  '/admin/experts/:id',
  '/admin/produits',
  '/admin/modeles',
  '/admin/clients',
  '/admin/journal',
  '/admin/emails',
] as const;

const segments = (pathname: string) => pathname.split('/').filter(Boolean);
const patterns = SPA_ROUTES.map(segments);

/** Whether a pathname (no query string; a trailing slash is tolerated) is one of the app's pages. */
export function isSpaRoute(pathname: string): boolean {
  const parts = segments(pathname);
  return patterns.some(
    (pattern) =>
      pattern.length === parts.length &&
      pattern.every((segment, index) => segment.startsWith(':') || segment === parts[index]),
  );
}
