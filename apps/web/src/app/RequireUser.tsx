import type { MeResponse } from '@ft/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../components/ui';
import { secondStepPath } from '../features/auth/second-factor-routing';
import { useErrorMessage } from '../lib/errors';
import { useMe } from '../lib/session';

/** Renders its children for a signed-in user of an allowed role; visitors go to the login page. */
export function RequireUser({
  roles,
  children,
}: {
  roles?: MeResponse['user']['role'][];
  children: (me: MeResponse) => ReactNode;
}) {
  const { t } = useTranslation();
  const me = useMe();
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
  if (roles && !roles.includes(me.data.user.role)) {
    return (
      <div className="container page">
        <ErrorState message={t('errors.FORBIDDEN')} />
      </div>
    );
  }
  return <>{children(me.data)}</>;
}
