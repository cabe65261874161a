import type { Evaluation, LegacyEvaluation, Simulation } from '@ft/contracts';
import {
  type Answers,
  type Catalogue,
  ENGINE_VERSION,
  evaluate,
  missingAnswers,
  parisDay,
  validateAnswers,
} from '@ft/domain';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { hashToken, newOpaqueToken } from '../../platform/auth/tokens';
import { type DbScope, withScope } from '../../platform/db/scoped';
import { AppError, notFound, validationFailed } from '../../platform/http/errors';
import type { CatalogueService } from '../catalogue/service';
import type { DossiersService, SyncOutcome } from '../dossiers/service';
import type { SimulationsTable } from './tables';

export const SIMULATION_TTL_MS = 7 * 24 * 3600 * 1000;

/** Who asks: a signed-in user, and/or the bearer of a simulation's token. */
export type SimulationAccess = { actor: Actor | null; token: string | undefined };

function scopeOf(access: SimulationAccess): DbScope {
  const settings = access.token ? { simulation_token_hash: hashToken(access.token) } : undefined;
  return access.actor
    ? { userId: access.actor.userId, role: access.actor.role, ...(settings ? { settings } : {}) }
    : { userId: null, role: 'anonymous', ...(settings ? { settings } : {}) };
}

const notFoundSimulation = () => notFound('Simulation introuvable ou expirée.');

function toView(row: Selectable<SimulationsTable>, missing: string[]): Simulation {
  return {
    id: row.id,
    answers: row.answers,
    missing,
    result: (row.result as Evaluation | LegacyEvaluation | null) ?? null,
    engineVersion: row.engine_version,
    evaluatedAt: row.evaluated_at?.toISOString() ?? null,
    attached: row.client_id !== null,
  };
}

function answerErrors(patch: Record<string, unknown>, current: Answers, catalogue: Catalogue, day: string) {
  const outcome = validateAnswers(catalogue.questions, current, patch, {
    parameters: catalogue.parameters,
    day,
  });
  if (!outcome.ok) {
    const first = outcome.errors[0];
    throw validationFailed(
      outcome.errors.map((error) => ({ field: `answers.${error.question}`, message: error.message })),
      first ? `Question ${first.question} : ${first.message}` : undefined,
    );
  }
  return outcome.answers;
}

export function createSimulationsService(deps: {
  db: Kysely<DB>;
  catalogue: CatalogueService;
  dossiers: DossiersService;
  /** The evaluation date comes from here (tests fix it); parameters are read on its Paris day. */
  clock?: () => Date;
}) {
  const { db, catalogue, dossiers } = deps;
  const clock = deps.clock ?? (() => new Date());
  const today = () => parisDay(clock());

  async function findVisible(trx: Kysely<DB>, id: string) {
    const row = await trx
      .selectFrom('simulations')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row || (row.client_id === null && row.expires_at !== null && row.expires_at < new Date()))
      throw notFoundSimulation();
    return row;
  }

  return {
    /** A signed-in client's simulation is theirs from the start; a visitor's lives 7 days under its token. */
    async create(access: SimulationAccess, answers: Record<string, unknown> | undefined) {
      const token = newOpaqueToken();
      const owner = access.actor?.role === 'client' ? access.actor.userId : null;
      const id = await withScope(db, { ...scopeOf({ ...access, token }) }, async (trx) => {
        const validated = answerErrors(answers ?? {}, {}, await catalogue.load(trx), today());
        const row = await trx
          .insertInto('simulations')
          .values({
            token_hash: hashToken(token),
            client_id: owner,
            answers: JSON.stringify(validated),
            result: JSON.stringify(null),
            catalogue: JSON.stringify(null),
            engine_version: null,
            evaluated_at: null,
            expires_at: owner ? null : new Date(Date.now() + SIMULATION_TTL_MS),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      });
      return { id, token };
    },

    async get(access: SimulationAccess, id: string): Promise<Simulation> {
      return withScope(db, scopeOf(access), async (trx) => {
        const row = await findVisible(trx, id);
        const { questions } = await catalogue.load(trx);
        return toView(row, missingAnswers(questions, row.answers));
      });
    },

    async latestOfClient(actor: Actor): Promise<{ simulation: Simulation | null }> {
      return withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        const row = await trx
          .selectFrom('simulations')
          .selectAll()
          .where('client_id', '=', actor.userId)
          .orderBy('created_at', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (!row) return { simulation: null };
        const { questions } = await catalogue.load(trx);
        return { simulation: toView(row, missingAnswers(questions, row.answers)) };
      });
    },

    /** Merges answers (a draft may be saved one answer at a time); a changed answer clears the result. */
    async saveAnswers(
      access: SimulationAccess,
      id: string,
      patch: Record<string, unknown>,
    ): Promise<Simulation> {
      return withScope(db, scopeOf(access), async (trx) => {
        const row = await findVisible(trx, id);
        const current = await catalogue.load(trx);
        const { questions } = current;
        const answers = answerErrors(patch, row.answers, current, today());
        const updated = await trx
          .updateTable('simulations')
          .set({ answers: JSON.stringify(answers), updated_at: new Date() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toView(updated, missingAnswers(questions, answers));
      });
    },

    /**
     * Evaluates against the current catalogue and keeps answers, result, engine version and the
     * catalogue used. For a client's own simulation the dossiers are brought in line at once.
     */
    async evaluate(
      access: SimulationAccess,
      id: string,
      meta: RequestMeta,
    ): Promise<Evaluation & { sync?: SyncOutcome }> {
      return withScope(db, scopeOf(access), async (trx) => {
        const row = await findVisible(trx, id);
        const current = await catalogue.load(trx);
        const missing = missingAnswers(current.questions, row.answers);
        if (missing.length > 0) {
          throw new AppError('ANSWERS_MISSING', 400, `Il manque des réponses : ${missing.join(', ')}.`, {
            errors: missing.map((code) => ({ field: `answers.${code}`, message: 'Réponse requise.' })),
          });
        }
        const result = evaluate(current, row.answers, today());
        await trx
          .updateTable('simulations')
          .set({
            result: JSON.stringify(result),
            engine_version: ENGINE_VERSION,
            // The parameters as they stood (every period, not only the ones used): with the answers
            // and the engine version, enough to recompute and check any figure later.
            catalogue: JSON.stringify({
              products: current.products.map(({ code, active }) => ({ code, active })),
              parameters: current.parameters,
            }),
            evaluated_at: clock(),
            updated_at: new Date(),
          })
          .where('id', '=', id)
          .execute();
        if (!row.client_id) return result;
        const sync = await dossiers.syncFromSimulation(trx, {
          clientId: row.client_id,
          simulationId: id,
          result,
          catalogue: current,
        });
        await recordAudit(trx, meta, {
          action: 'simulation.evaluated',
          entityType: 'simulation',
          entityId: id,
          details: { ...sync, annualEuros: result.annualEuros, oneOffEuros: result.oneOffEuros },
        });
        return { ...result, sync };
      });
    },

    /**
     * Identity bootstrap (sign-up or login with a token): the anonymous simulation becomes the
     * client's, and if it was evaluated its eligible products become dossiers. Runs in the caller's
     * owner transaction; an unknown or expired token is ignored, it must not block the login.
     */
    async attachToClient(trx: Kysely<DB>, clientId: string, token: string): Promise<SyncOutcome | null> {
      const row = await trx
        .updateTable('simulations')
        .set({ client_id: clientId, expires_at: null, updated_at: new Date() })
        .where('token_hash', '=', hashToken(token))
        .where('client_id', 'is', null)
        .where('expires_at', '>', new Date())
        .returningAll()
        .executeTakeFirst();
      if (!row?.result) return null;
      const current = await catalogue.load(trx);
      return dossiers.syncFromSimulation(trx, {
        clientId,
        simulationId: row.id,
        result: row.result as Evaluation | LegacyEvaluation,
        catalogue: current,
      });
    },

    /** Scheduled: visitors' simulations are kept 7 days, then deleted. */
    async purgeExpired(trx: Kysely<DB>): Promise<number> {
      const result = await trx
        .deleteFrom('simulations')
        .where('client_id', 'is', null)
        .where('expires_at', '<', new Date())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SimulationsService = ReturnType<typeof createSimulationsService>;
