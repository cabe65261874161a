import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { useToast } from '../components/ui';
import { useDossierChanges } from '../features/dossiers/live';
import { MessagesNavLink } from '../features/messaging/MessagesNavLink';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { apiHref } from '../lib/client';
import { useRealtimeConnection } from '../lib/realtime';
import { useLogout, useMe } from '../lib/session';
import { LanguageSwitch } from './LanguageSwitch';
import { RefusalBanner } from './RefusalBanner';

function Brand() {
  return (
    <NavLink to="/" className="brand">
      <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="#1e2a5a" />
        <path d="M9 22V10h11v3h-7.5v2.5H19v3h-6.5V22z" fill="#fff" />
        <circle cx="23" cy="21" r="2.5" fill="#3dd6a3" />
      </svg>
      FinancialTracker
    </NavLink>
  );
}

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg className="menu-toggle-icon" viewBox="0 0 24 24" aria-hidden="true">
      {open ? (
        <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      ) : (
        <path d="M4 7h16M4 12h16M4 17h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      )}
    </svg>
  );
}

/**
 * On phones the links fold behind a menu button so the header stays one row; the menu closes when
 * a page is chosen (the pathname changes) and on Escape, returning focus to the button.
 */
function useMenu() {
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the point of a new pathname.
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open]);
  return { open, toggle: () => setOpen((value) => !value), button };
}

function Navigation() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const notify = useToast();
  const menu = useMenu();
  const navId = useId();
  const user = me.data?.user;
  useRealtimeConnection(Boolean(user && user.status === 'active'));
  useDossierChanges();

  const onLogout = () =>
    logout.mutate(undefined, {
      onSettled: () => {
        notify(t('auth.loggedOut'), 'success');
        void navigate('/');
      },
    });

  return (
    <>
      <nav id={navId} className={`site-nav${menu.open ? ' is-open' : ''}`} aria-label={t('nav.main')}>
        {(!user || user.role === 'client') && (
          <NavLink className="nav-link" to="/simulateur">
            {t('nav.simulator')}
          </NavLink>
        )}
        {/* Only a known visitor gets the sign-in links: a refused session check (429, 503) is not a sign-out. */}
        {me.data === null && (
          <>
            <NavLink className="nav-link" to="/connexion">
              {t('nav.login')}
            </NavLink>
            <NavLink className="btn btn-primary btn-sm" to="/inscription">
              {t('nav.signup')}
            </NavLink>
          </>
        )}
        {user && (
          <>
            <NavLink className="nav-link" to="/espace" end>
              {t('nav.dashboard')}
            </NavLink>
            {user.role === 'client' && (
              <NavLink className="nav-link" to="/documents">
                {t('documents.nav')}
              </NavLink>
            )}
            {user.role !== 'admin' && (
              <NavLink className="nav-link" to="/agenda">
                {t('appointments.nav')}
              </NavLink>
            )}
            {user.status === 'active' && <MessagesNavLink />}
            {user.role === 'admin' && (
              <>
                <NavLink className="nav-link" to="/admin/experts">
                  {t('nav.experts')}
                </NavLink>
                <NavLink className="nav-link" to="/admin/produits">
                  {t('nav.products')}
                </NavLink>
                <NavLink className="nav-link" to="/admin/modeles">
                  {t('nav.templates')}
                </NavLink>
                <NavLink className="nav-link" to="/admin/clients">
                  {t('nav.clients')}
                </NavLink>
                <NavLink className="nav-link" to="/admin/journal">
                  {t('nav.audit')}
                </NavLink>
                <NavLink className="nav-link" to="/admin/emails">
                  {t('nav.outbox')}
                </NavLink>
              </>
            )}
            <NavLink className="nav-link" to="/compte">
              {t('nav.account')}
            </NavLink>
            <button
              type="button"
              className="btn btn-ghost btn-sm nav-logout"
              onClick={onLogout}
              disabled={logout.isPending}
            >
              {t('nav.logout')}
            </button>
          </>
        )}
        <LanguageSwitch />
      </nav>
      <div className="site-header-tools">
        {user && <NotificationBell />}
        <button
          ref={menu.button}
          type="button"
          className="menu-toggle"
          aria-expanded={menu.open}
          aria-controls={navId}
          onClick={menu.toggle}
        >
          <MenuIcon open={menu.open} />
          <span className="visually-hidden">{t('nav.menu')}</span>
        </button>
      </div>
    </>
  );
}

const PHONE = '(max-width: 767px)';

/**
 * Whether the links fold behind the menu button: on a phone, and whenever the full row does not
 * fit (measured with the row laid out in full, before the browser paints), so no link ever slides
 * under the bell, whatever the role's number of links or the language's word lengths. Measured
 * again when the header is resized or its links change (a badge, another language).
 */
function useCompactHeader() {
  const header = useRef<HTMLElement>(null);
  const [compact, setCompact] = useState(false);
  useLayoutEffect(() => {
    const element = header.current;
    const row = element?.querySelector<HTMLElement>('.site-header-inner');
    if (!element || !row) return;
    const phone = typeof window.matchMedia === 'function' ? window.matchMedia(PHONE) : null;
    const measure = () => {
      if (phone?.matches) return setCompact(true);
      const folded = element.classList.contains('is-compact');
      element.classList.remove('is-compact');
      const overflows = row.scrollWidth > row.clientWidth + 1;
      if (folded) element.classList.add('is-compact');
      setCompact(overflows);
    };
    measure();
    const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    resized?.observe(element);
    const changed = typeof MutationObserver === 'function' ? new MutationObserver(measure) : null;
    changed?.observe(row, { childList: true, subtree: true, characterData: true });
    phone?.addEventListener('change', measure);
    return () => {
      resized?.disconnect();
      changed?.disconnect();
      phone?.removeEventListener('change', measure);
    };
  }, []);
  return { header, compact };
}

/**
 * Moves focus to the new page's content after a navigation: a single-page app swaps content without
 * a page load, so without this a screen reader announces nothing and Tab starts from the old link.
 */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    main.current?.focus({ preventScroll: true });
  }, [pathname]);
  return main;
}

export function Layout() {
  const { t } = useTranslation();
  const main = useFocusOnNavigation();
  const { header, compact } = useCompactHeader();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header ref={header} className={compact ? 'site-header is-compact' : 'site-header'}>
        <div className="container site-header-inner">
          <Brand />
          <Navigation />
        </div>
      </header>
      <RefusalBanner />
      <ScrollRestoration />
      <main ref={main} id="main" className="site-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container site-footer-inner">
          <span>{t('footer.tagline')}</span>
          <a href={apiHref('GET /api/docs/')}>{t('footer.docs')}</a>
        </div>
      </footer>
    </>
  );
}
