// The constant lists the SPA needs at run time, written without zod (like product-codes and
// dossier-statuses): importing a value from the package's root pulls every schema and zod itself
// into the SPA's first load. The schemas that validate these values are built from them.

export const expertApprovalStatuses = ['pending', 'approved', 'rejected', 'suspended'] as const;
export type ExpertApprovalStatus = (typeof expertApprovalStatuses)[number];

/**
 * The legal texts in force, by version (their date). Consent records the version accepted; when a
 * version changes, every user is asked again at the next visit.
 */
export const LEGAL_VERSIONS = { terms: '2026-12-01', privacy: '2026-12-01' } as const;
export const LEGAL_DOCUMENTS = ['terms', 'privacy'] as const;
export type LegalDocument = (typeof LEGAL_DOCUMENTS)[number];

/** `all` is the inbox (everything not archived); `unread` narrows it; `archived` is the rest. */
export const NOTIFICATION_FILTERS = ['all', 'unread', 'archived'] as const;
export type NotificationFilter = (typeof NOTIFICATION_FILTERS)[number];
