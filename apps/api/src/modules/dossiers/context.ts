import type { DossierClient, SimulationAnswer } from '@ft/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { prepared } from '../../platform/db/prepared';

/**
 * Who a dossier is for, so an expert or an admin can act without opening another screen: the
 * company, its SIREN and the person to contact. Row-level security decides what the caller may
 * read (an expert sees the clients of the dossiers assigned to it); a client hidden from the
 * caller is simply absent from the map.
 */
/** The clients' rows, compiled once per number of distinct clients (a list page has 1 to 51). */
const clientRows = prepared((db: Kysely<DB>, _count: string, ids: Record<string, string>) =>
  db
    .selectFrom('client_profiles as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.user_id', 'c.company_name', 'c.siren', 'c.first_name', 'c.last_name', 'c.phone', 'u.email'])
    .where('c.user_id', 'in', Object.values(ids)),
);

export async function clientsOf(trx: Kysely<DB>, clientIds: string[]): Promise<Map<string, DossierClient>> {
  if (clientIds.length === 0) return new Map();
  const distinct = [...new Set(clientIds)];
  const rows = await clientRows(
    trx,
    String(distinct.length),
    Object.fromEntries(distinct.map((id, i) => [`c${i}`, id])),
  );
  return new Map(
    rows.map((row) => [
      row.user_id,
      {
        companyName: row.company_name,
        siren: row.siren,
        contactName: `${row.first_name} ${row.last_name}`,
        email: row.email,
        phone: row.phone,
      },
    ]),
  );
}

/**
 * The answers of the simulation a dossier came from, in questionnaire order, each with its
 * question's label and choices resolved to their labels: what the expert checks first.
 */
export async function simulationAnswersOf(
  trx: Kysely<DB>,
  simulationId: string | null,
): Promise<SimulationAnswer[]> {
  if (!simulationId) return [];
  const simulation = await trx
    .selectFrom('simulations')
    .select('answers')
    .where('id', '=', simulationId)
    .executeTakeFirst();
  if (!simulation) return [];
  const answers = simulation.answers;
  const questions = await trx
    .selectFrom('questions')
    .select(['code', 'label', 'type', 'unit', 'options'])
    .where('code', 'in', Object.keys(answers).length > 0 ? Object.keys(answers) : [''])
    .orderBy('sort_order')
    .execute();
  return questions.flatMap((question) => {
    const value = answers[question.code];
    if (value === undefined) return [];
    const labelOf = (code: string) => question.options?.find((option) => option.code === code)?.label ?? code;
    return [
      {
        code: question.code,
        label: question.label,
        type: question.type,
        unit: question.unit,
        value: Array.isArray(value)
          ? value.map(labelOf)
          : typeof value === 'string' && question.options
            ? labelOf(value)
            : value,
        // The choices' codes too, so a client can name them in its own language.
        ...(question.options && (Array.isArray(value) || typeof value === 'string')
          ? { optionCodes: Array.isArray(value) ? value : [value] }
          : {}),
      },
    ];
  });
}
