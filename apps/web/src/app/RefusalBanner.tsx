import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refusals, useRefusal } from '../lib/traffic';

/**
 * A calm line under the header while the API asks the tab to wait (429 or 503): how many seconds
 * are left, counting down, and that pages resume by themselves. It goes once the wait is over.
 */
export function RefusalBanner() {
  const { t } = useTranslation();
  const refusal = useRefusal();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!refusal) return;
    setNow(Date.now());
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= refusal.until) refusals.clear();
    }, 1000);
    return () => clearInterval(timer);
  }, [refusal]);
  if (!refusal) return null;
  const seconds = Math.max(1, Math.ceil((refusal.until - now) / 1000));
  return (
    <div className="refusal-banner" role="status" data-testid="refusal-banner">
      <div className="container refusal-banner-inner">
        <strong>
          {t(refusal.reason === 'rate-limited' ? 'traffic.rateLimited' : 'traffic.unavailable', { seconds })}
        </strong>
        <span>{t('traffic.resumes')}</span>
      </div>
    </div>
  );
}
