import Bowser from 'bowser';

/**
 * "Chrome sur Windows" from a raw user-agent string, with the names the person knows. Null when
 * neither browser nor system can be told (a script, a bot), so the caller says "unknown device".
 * The place is not derivable without a location database, so it is not shown.
 */
export function describeDevice(
  userAgent: string | null,
): { browser: string | null; os: string | null } | null {
  if (!userAgent) return null;
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name ?? null;
  const os = parsed.os.name ?? null;
  if (!browser && !os) return null;
  return { browser, os };
}
