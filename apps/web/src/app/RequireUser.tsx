import type { MeResponse, Role } from '@ft/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ButtonLink, EmptyState, ErrorState, LoadingState } from '../components/ui';
import { ConsentGate } from '../features/auth/ConsentGate';
import { secondStepPath } from '../features/auth/second-factor-routing';
import { useErrorMessage } from '../lib/errors';
import { useSession } from '../lib/session';

/** Signed-in user of an allowed role: its children; a visitor: the login page, then back here. */
function Guard({ roles, children }: { roles?: readonly Role[]; children: (me: MeResponse) => ReactNode }) {
  const { t } = useTranslation();
  const me = useSession();
  const location = useLocation();
  const errorMessage = useErrorMessage();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState message={errorMessage(me.error)} onRetry={() => void me.refetch()} />;
  if (!me.data)
    return (
      <Navigate to={`/connexion?suite=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  // Past the password but not the second step: finish signing in first.
  const secondStep = secondStepPath(me.data.secondFactor, location.pathname + location.search);
  if (secondStep) return <Navigate to={secondStep} replace />;
  if (me.data.pendingConsents.length > 0) return <ConsentGate pending={me.data.pendingConsents} />;
  if (roles && !roles.includes(me.data.user.role)) {
    // Not an error to retry: a page of another role, said as such, with the way back.
    return (
      <div className="container page">
        <EmptyState
          title={t('notFound.forbiddenTitle')}
          titleAs="h1"
          action={<ButtonLink to="/espace">{t('notFound.backToSpace')}</ButtonLink>}
        >
          {t('notFound.forbiddenBody')}
        </EmptyState>
      </div>
    );
  }
  return <>{children(me.data)}</>;
}

/**
 * The auth guard as a layout route: every page under it is for signed-in users of these roles
 * (see router.tsx), so a page never shows to a visitor or to the wrong role.
 */
export function RequireUser({ roles }: { roles?: readonly Role[] }) {
  return <Guard {...(roles ? { roles } : {})}>{() => <Outlet />}</Guard>;
}

/**
 * The signed-in user for a page under RequireUser. Outside one (a page rendered on its own in a
 * test) it guards by itself, so it never renders for a visitor.
 */
export function CurrentUser({ children }: { children: (me: MeResponse) => ReactNode }) {
  return <Guard>{children}</Guard>;
}
