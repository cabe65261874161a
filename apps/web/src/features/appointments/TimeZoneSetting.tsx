import { ErrorState, LoadingState } from '../../components/ui';
import { useErrorMessage } from '../../lib/errors';
import { useMyTimeZone } from './api';
import { TimeZoneCard } from './TimeZoneCard';

/** The zone setting for the account page: loads the current zone, then the card. */
export function TimeZoneSetting() {
  const errorMessage = useErrorMessage();
  const zone = useMyTimeZone();
  if (zone.isPending) return <LoadingState />;
  if (zone.isError)
    return <ErrorState message={errorMessage(zone.error)} onRetry={() => void zone.refetch()} />;
  return <TimeZoneCard key={zone.data.timeZone} timeZone={zone.data.timeZone} />;
}
