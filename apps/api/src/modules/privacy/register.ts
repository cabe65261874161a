import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { RETENTION } from './retention';

/** One CSV line per record; formula-looking cells are defused for spreadsheet software (CSV injection). */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (value: unknown) => {
    let text =
      value === null || value === undefined
        ? ''
        : value instanceof Date
          ? value.toISOString()
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",;\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** The register of processing activities (RGPD art. 30), as the platform actually runs them. */
export const PROCESSING_REGISTER = [
  {
    activity: 'Comptes et authentification',
    purpose: 'Accès sécurisé à la plateforme (mot de passe, double authentification, sessions)',
    legalBasis: 'Exécution du contrat (art. 6.1.b)',
    dataSubjects: 'Clients, experts, administrateurs',
    data: 'E-mail, empreinte du mot de passe, secret TOTP, codes de secours (empreintes), sessions (IP, navigateur)',
    recipients: 'Équipe FinancialTracker',
    retention: `Sessions ${RETENTION.sessionsDays} j après leur fin ; tentatives de connexion ${RETENTION.loginAttemptsDays} j ; compte jusqu'à sa suppression + 30 j`,
  },
  {
    activity: 'Dossiers de récupération',
    purpose: 'Simulation, constitution et suivi des dossiers, audit et dépôt des réclamations',
    legalBasis: 'Exécution du contrat (art. 6.1.b)',
    dataSubjects: 'Clients (dirigeants, salariés cités dans les pièces), experts',
    data: 'Entreprise (raison sociale, SIREN), pièces (bulletins de paie, avis d’imposition, RIB), messages, rendez-vous',
    recipients: "L'expert assigné au dossier, les administrateurs",
    retention: `Pièces : ${Math.round(RETENTION.closedDossierDocumentsDays / 365)} ans après la clôture du dossier`,
  },
  {
    activity: 'Facturation',
    purpose: 'Émission et conservation des factures',
    legalBasis: 'Obligation légale (art. 6.1.c ; C. com. L123-22)',
    dataSubjects: 'Clients, experts',
    data: 'Raison sociale, SIREN, montants, dossier facturé',
    recipients: 'Administrateurs, administration fiscale sur demande',
    retention: '10 ans, détachées de la personne après suppression du compte',
  },
  {
    activity: "Journal d'audit et sécurité",
    purpose: 'Traçabilité des actions et détection des abus',
    legalBasis: 'Intérêt légitime (art. 6.1.f)',
    dataSubjects: 'Tous les utilisateurs',
    data: 'Action, auteur, IP, navigateur, date',
    recipients: 'Administrateurs',
    retention: `${RETENTION.auditEventsDays} jours`,
  },
  {
    activity: 'E-mails et notifications',
    purpose: 'Informer des étapes des dossiers et des messages',
    legalBasis: 'Exécution du contrat (art. 6.1.b)',
    dataSubjects: 'Tous les utilisateurs',
    data: 'E-mail, contenu des notifications',
    recipients: "Prestataire d'envoi d'e-mails (SMTP)",
    retention: `${RETENTION.outboxDays} jours`,
  },
] as const;

export function registerCsv(): string {
  const keys = [
    'activity',
    'purpose',
    'legalBasis',
    'dataSubjects',
    'data',
    'recipients',
    'retention',
  ] as const;
  return toCsv(
    [
      'Traitement',
      'Finalité',
      'Base légale',
      'Personnes concernées',
      'Données',
      'Destinataires',
      'Conservation',
    ],
    PROCESSING_REGISTER.map((entry) => keys.map((key) => entry[key])),
  );
}

/** The audit trail of a period as CSV (admin only: read in the admin's RLS scope by the caller). */
export async function auditCsv(db: Kysely<DB>, from: Date, to: Date): Promise<string> {
  const rows = await db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select([
      'a.id',
      'a.created_at',
      'a.actor_id',
      'u.email',
      'a.action',
      'a.entity_type',
      'a.entity_id',
      'a.ip',
      'a.user_agent',
      'a.details',
    ])
    .where('a.created_at', '>=', from)
    .where('a.created_at', '<', to)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .limit(100_000)
    .execute();
  return toCsv(
    [
      'id',
      'date',
      'actor_id',
      'actor_email',
      'action',
      'entity_type',
      'entity_id',
      'ip',
      'user_agent',
      'details',
    ],
    rows.map((r) => [
      r.id,
      r.created_at,
      r.actor_id,
      r.email,
      r.action,
      r.entity_type,
      r.entity_id,
      r.ip,
      r.user_agent,
      r.details,
    ]),
  );
}
