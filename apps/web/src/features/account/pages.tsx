import { useTranslation } from 'react-i18next';
import { RequireUser } from '../../app/RequireUser';
import { PageHeader } from '../../components/ui';
import { TimeZoneSetting } from '../appointments/TimeZoneSetting';
import { NotificationPreferencesCard } from '../notifications/PreferencesCard';
import { ClientProfileForm, ExpertProfileForm } from './ProfileForm';
import { RequireAllSetting } from './RequireAllSetting';
import { SecurityPanel } from './SecurityPanel';
import { TwoFactorCard } from './TwoFactorCard';

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <div className="container page">
      <RequireUser>
        {(me) => (
          <div className="stack">
            <PageHeader title={t('nav.account')} description={me.user.email} />
            {me.profile.kind === 'client' && <ClientProfileForm profile={me.profile} />}
            {me.profile.kind === 'expert' && <ExpertProfileForm profile={me.profile} />}
            <TimeZoneSetting />
            <NotificationPreferencesCard />
            <h2>{t('account.securityTitle')}</h2>
            <TwoFactorCard />
            <SecurityPanel />
            {me.user.role === 'admin' && <RequireAllSetting />}
          </div>
        )}
      </RequireUser>
    </div>
  );
}
