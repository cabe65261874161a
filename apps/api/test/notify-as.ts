import type { NotificationType } from '@ft/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../src/database';
import { createNotificationsService, type NotifyInput } from '../src/modules/notifications/service';
import { withScope } from '../src/platform/db/scoped';
import { createLocalHub } from '../src/platform/realtime/hub';

/**
 * Notifies the way a module does from a caller's transaction (here a client's), for tests of
 * producers that have no HTTP endpoint on this branch yet (new messages).
 */
export async function notifyAs(db: Kysely<DB>, callerId: string, inputs: NotifyInput | NotifyInput[]) {
  const { notify } = createNotificationsService({ hub: createLocalHub() });
  await withScope(db, { userId: callerId, role: 'client' }, (trx) => notify(trx, inputs));
}

/** A notification told apart by a name of the test's: its French title is `namedTitle(name)`. */
export const named = (userId: string, type: NotificationType, name: string, link?: string): NotifyInput => ({
  userId,
  type,
  template: 'document.rejected',
  params: { document: name, documentCode: null, reason: 'illisible' },
  ...(link ? { link } : {}),
});
export const namedTitle = (name: string) => `Pièce à redéposer : ${name}`;
