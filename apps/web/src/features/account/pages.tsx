import { useTranslation } from 'react-i18next';
import { CurrentUser } from '../../app/RequireUser';
import { PageHeader } from '../../components/ui';
import { TimeZoneSetting } from '../appointments/TimeZoneSetting';
import { NotificationPreferencesCard } from '../notifications/PreferencesCard';
import { DataRightsCard } from './DataRightsCard';
import { ClientProfileForm, ExpertProfileForm } from './ProfileForm';
import { RequireAllSetting } from './RequireAllSetting';
import { SecurityPanel } from './SecurityPanel';
import { TwoFactorCard } from './TwoFactorCard';

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <div className="container page">
      <CurrentUser>
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
            <DataRightsCard canDelete={me.user.role !== 'admin'} />
            {me.user.role === 'admin' && <RequireAllSetting />}
          </div>
        )}
      </CurrentUser>
    </div>
  );
}
