import type { AdminClient, ClientProfile } from '@ft/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { decodeCursor, page } from '../../platform/db/pagination';
import { withScope } from '../../platform/db/scoped';
import { notFound, validationFailed } from '../../platform/http/errors';
import { clientsRepository, toClientProfile } from './repository';

type ProfileChanges = Partial<Omit<ClientProfile, 'kind' | 'siren'>>;

export function createClientsService({ db }: { db: Kysely<DB> }) {
  return {
    async updateOwnProfile(actor: Actor, changes: ProfileChanges, meta: RequestMeta): Promise<ClientProfile> {
      return withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        if (changes.vatNumber?.startsWith('FR')) {
          // A French VAT number embeds the company's SIREN: it must be this company's.
          const current = await clientsRepository.findByUserId(trx, actor.userId);
          if (current && changes.vatNumber.slice(4) !== current.siren) {
            throw validationFailed([
              {
                field: 'vatNumber',
                message: `Ce numéro de TVA ne correspond pas au SIREN ${current.siren}.`,
              },
            ]);
          }
        }
        const row = await clientsRepository.update(trx, actor.userId, changes);
        if (!row) throw notFound('Profil introuvable.');
        await recordAudit(trx, meta, {
          action: 'client.profile_updated',
          entityType: 'client',
          entityId: actor.userId,
          details: { fields: Object.keys(changes) },
        });
        return toClientProfile(row);
      });
    },

    async listForAdmin(
      actor: Actor,
      query: { q?: string | undefined; cursor?: string | undefined; limit: number },
    ) {
      const rows = await withScope(db, { userId: actor.userId, role: actor.role }, (trx) =>
        clientsRepository.list(trx, { q: query.q, after: decodeCursor(query.cursor), limit: query.limit }),
      );
      const result = page(rows, query.limit, (row) => ({ createdAt: row.created_at, id: row.id }));
      return {
        nextCursor: result.nextCursor,
        items: result.items.map(
          (row): AdminClient => ({
            id: row.id,
            email: row.email,
            status: row.status,
            createdAt: row.created_at.toISOString(),
            lastLoginAt: row.last_login_at?.toISOString() ?? null,
            companyName: row.company_name,
            siren: row.siren,
            firstName: row.first_name,
            lastName: row.last_name,
            phone: row.phone,
            address: row.address,
            sector: row.sector,
            billingStreet: row.billing_street,
            billingPostcode: row.billing_postcode,
            billingCity: row.billing_city,
            billingCountry: row.billing_country,
            vatNumber: row.vat_number,
          }),
        ),
      };
    },
  };
}

export type ClientsService = ReturnType<typeof createClientsService>;
