import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox } from '../../components/ui';

/** The ten codes, shown once: to copy or download, and acknowledged before moving on. */
export function RecoveryCodesList({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const text = `${t('twoFactor.recoveryFileTitle')}\n\n${codes.join('\n')}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'financialtracker-codes-de-secours.txt';
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="stack">
      <Alert tone="warning">{t('twoFactor.recoveryShownOnce')}</Alert>
      <ol className="recovery-codes" aria-label={t('twoFactor.recoveryCodes')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="row">
        <Button variant="secondary" onClick={() => void navigator.clipboard?.writeText(codes.join('\n'))}>
          {t('twoFactor.copy')}
        </Button>
        <Button variant="secondary" onClick={download}>
          {t('twoFactor.download')}
        </Button>
      </div>
      <Checkbox
        label={t('twoFactor.savedCodes')}
        checked={saved}
        onChange={(event) => setSaved(event.currentTarget.checked)}
      />
      <div>
        <Button onClick={onDone} disabled={!saved}>
          {t('common.continue')}
        </Button>
      </div>
    </div>
  );
}
