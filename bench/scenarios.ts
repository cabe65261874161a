// The load scenarios. Each one names the API request and the baseline: the same SQL the API
// sends (copied from what Kysely compiles), run after the API's session lookup by a bare
// node:http server and by the seed guide's Express stack over the same driver, with no query
// builder and no validation. Adding a scenario is one entry here.
import { ENGINE_VERSION, evaluate, parisDay } from '@ft/domain';
import { toParameters, toProduct, toQuestion } from '../apps/api/src/modules/catalogue/repository';
import type { BaselineDatabase } from './baseline/database';
import { scoped } from './baseline/scoped';
import { type Caller, requireCaller } from './baseline/session';
import type { Seeded } from './lib/seed';
import { messagingScenarios } from './scenarios-messaging';

export type ApiRequest = {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** A new body for every request (autocannon setupRequest), e.g. a fresh idempotency id. */
  freshBody?: () => string;
};

/**
 * The baseline's handler: gets the seeded identities and the caller the session lookup found (null
 * without a bearer token or a live session), returns the JSON body to send.
 */
export type BaselineHandler = (db: BaselineDatabase, seed: Seeded, caller: Caller | null) => Promise<unknown>;

export type Scenario = {
  name: string;
  request: (seed: Seeded) => ApiRequest;
  /** A SQL handler for the bare and Express servers, or the bare Fastify hello-world (health). */
  baseline: BaselineHandler | 'fastify-hello';
  /** Also measure latency at this fixed request rate (autocannon overallRate). */
  fixedRate?: number;
};

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

type DossierRow = Record<string, unknown> & { created_at: Date; updated_at: Date };
const DOSSIER_COLUMNS = `select "d"."id", "d"."client_id", "d"."product_code", "d"."track", "d"."status",
  "d"."progress", "d"."estimated_amount_cents", "d"."estimate_explanation", "d"."no_longer_eligible",
  "d"."created_at", "d"."updated_at", "p"."name" as "product_name" from "dossiers" as "d"
  inner join "products" as "p" on "p"."code" = "d"."product_code"`;
// modules/dossiers/service.ts list(): a page of the caller's own ids in list order, then those
// dossiers (row-level security applies to both reads).
const ORDER = 'order by "d"."created_at" desc, "d"."id" desc limit $2';
const DOSSIER_PAGE = {
  client: `${DOSSIER_COLUMNS} where d.id = any(array(select "id" from "dossiers" where "client_id" = $1
      order by "created_at" desc, "id" desc limit $2)) ${ORDER}`,
  expert: `${DOSSIER_COLUMNS} where d.id = any(array(select "dossier_id" from "expert_assignments"
      where "expert_id" = $1 and "status" in ('proposed', 'accepted')
      order by "dossier_created_at" desc, "dossier_id" desc limit $2)) ${ORDER}`,
};

type ClientRow = {
  user_id: string;
  company_name: string;
  siren: string;
  first_name: string;
  last_name: string;
  phone: string;
  email: string;
};
// modules/dossiers/context.ts clientsOf(): who each listed dossier belongs to, in the same scope.
const CLIENTS_OF = (
  count: number,
) => `select "c"."user_id", "c"."company_name", "c"."siren", "c"."first_name",
  "c"."last_name", "c"."phone", "u"."email" from "client_profiles" as "c"
  inner join "users" as "u" on "u"."id" = "c"."user_id"
  where "c"."user_id" in (${Array.from({ length: count }, (_, i) => `$${i + 1}`).join(', ')})`;

const listDossiers: BaselineHandler = async (db, _seed, caller) => {
  const { userId, role } = requireCaller(caller);
  const text = role === 'admin' ? undefined : DOSSIER_PAGE[role];
  if (!text) throw new Error('baseline: the admin list is not a scenario');
  // The API plans this unit generically (modules/dossiers/service.ts); the baselines do only when
  // they prepare their statements too (BENCH_BASELINE_PREPARED=1, baseline/database.ts).
  const { rows, clients } = await scoped(db, { userId, role, genericPlans: true }, async (query) => {
    const found = await query<DossierRow>(text, [userId, 51]);
    const ids = [...new Set(found.map((row) => String(row.client_id)))];
    const profiles = ids.length ? await query<ClientRow>(CLIENTS_OF(ids.length), ids) : [];
    return { rows: found, clients: new Map(profiles.map((c) => [c.user_id, c])) };
  });
  return {
    nextCursor: null,
    items: rows.slice(0, 50).map((row) => {
      const client = clients.get(String(row.client_id));
      return {
        id: row.id,
        productCode: row.product_code,
        productName: row.product_name,
        track: row.track,
        status: row.status,
        progress: row.progress,
        estimatedAmountCents: row.estimated_amount_cents,
        estimateExplanation: row.estimate_explanation,
        noLongerEligible: row.no_longer_eligible,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        client: client
          ? {
              companyName: client.company_name,
              siren: client.siren,
              contactName: `${client.first_name} ${client.last_name}`,
              email: client.email,
              phone: client.phone,
            }
          : null,
      };
    }),
  };
};

export const scenarios: Scenario[] = [
  {
    name: 'GET /api/health',
    request: () => ({ method: 'GET', path: '/api/health' }),
    baseline: 'fastify-hello',
  },
  {
    name: 'client: GET /api/dossiers',
    request: (seed) => ({ method: 'GET', path: '/api/dossiers', headers: bearer(seed.client.token) }),
    baseline: listDossiers,
    fixedRate: 300,
  },
  {
    name: 'expert: GET /api/dossiers',
    request: (seed) => ({ method: 'GET', path: '/api/dossiers', headers: bearer(seed.expert.token) }),
    baseline: listDossiers,
    fixedRate: 300,
  },
  {
    name: 'POST /api/simulations/:id/evaluate',
    request: (seed) => ({
      method: 'POST',
      path: `/api/simulations/${seed.simulation.id}/evaluate`,
      headers: { 'x-simulation-token': seed.simulation.token },
    }),
    baseline: (db, seed) =>
      scoped(
        db,
        { userId: null, role: 'anonymous', settings: { simulation_token_hash: seed.simulation.tokenHash } },
        async (query) => {
          const [simulation] = await query<{ answers: Record<string, unknown> }>(
            'select * from "simulations" where "id" = $1 for update',
            [seed.simulation.id],
          );
          if (!simulation) throw new Error('baseline: simulation not visible');
          const questions = await query<Parameters<typeof toQuestion>[0]>(
            'select * from "questions" order by "sort_order"',
          );
          const products = await query<Parameters<typeof toProduct>[0]>(
            'select * from "products" order by "sort_order"',
          );
          const parameters = await query<Parameters<typeof toParameters>[0][number]>(
            'select * from "parameters" order by "sort_order"',
          );
          const periods = await query<Parameters<typeof toParameters>[1][number]>(
            'select * from "parameter_periods" order by "valid_from", "id"',
          );
          const catalogue = {
            questions: questions.map(toQuestion),
            products: products.map(toProduct),
            parameters: toParameters(parameters, periods),
          };
          const result = evaluate(
            catalogue,
            simulation.answers as Parameters<typeof evaluate>[1],
            parisDay(new Date()),
          );
          await query(
            `update "simulations" set "result" = $1, "engine_version" = $2, "catalogue" = $3,
               "evaluated_at" = $4, "updated_at" = $5 where "id" = $6`,
            [
              JSON.stringify(result),
              ENGINE_VERSION,
              JSON.stringify({
                products: catalogue.products.map(({ code, active }) => ({ code, active })),
                parameters: catalogue.parameters,
              }),
              new Date(),
              new Date(),
              seed.simulation.id,
            ],
          );
          return result;
        },
      ),
  },
  {
    name: 'GET /api/products',
    request: () => ({ method: 'GET', path: '/api/products' }),
    baseline: async (db) => {
      const rows = await scoped(db, { userId: null, role: 'anonymous' }, (query) =>
        query<Record<string, unknown>>('select * from "products" order by "sort_order"'),
      );
      return {
        products: rows.map((row) => ({
          code: row.code,
          name: row.name,
          category: row.category,
          description: row.description,
          active: row.active,
        })),
      };
    },
  },
  ...messagingScenarios,
];
