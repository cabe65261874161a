/**
 * Checklist item codes of company documents (Kbis, RIB, statuts): uploaded once, they can be
 * attached to the client's other dossiers without a new upload. No zod here: the SPA imports it.
 */
export const companyDocumentCodes = ['KBIS', 'RIB', 'STATUTS'] as const;
export const isCompanyDocumentCode = (code: string) =>
  (companyDocumentCodes as readonly string[]).includes(code);

export const documentItemStatuses = ['requested', 'uploaded', 'approved', 'rejected'] as const;
