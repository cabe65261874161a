import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../components/ui';
import { apiRequest } from '../../lib/client';

/** From the dossier page to its conversation (created on first use). */
export function DossierConversationButton({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useMutation({
    mutationFn: () => apiRequest('POST /api/dossiers/:id/conversation', { params: { id: dossierId } }),
    onSuccess: (conversation) => void navigate(`/messages?conversation=${conversation.id}`),
  });
  return (
    <Button variant="secondary" loading={open.isPending} onClick={() => open.mutate()}>
      {t('messaging.openConversation')}
    </Button>
  );
}
