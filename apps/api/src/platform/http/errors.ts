import type { ErrorCode, FieldError } from '@ft/contracts';

/**
 * The one error type services throw. The error handler turns it into a problem+json body; the
 * message is shown to people, so it is a sentence in the UI language (French by default).
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    message: string,
    readonly details?: { errors?: FieldError[]; headers?: Record<string, string> },
  ) {
    super(message);
  }
}

export const notFound = (message = 'Ressource introuvable.') => new AppError('NOT_FOUND', 404, message);
export const forbidden = (
  message = "Vous n'avez pas accès à cette ressource.",
  code: ErrorCode = 'FORBIDDEN',
) => new AppError(code, 403, message);
export const unauthenticated = (message = 'Vous devez être connecté.') =>
  new AppError('UNAUTHENTICATED', 401, message);
export const conflict = (code: ErrorCode, message: string) => new AppError(code, 409, message);
export const validationFailed = (errors: FieldError[], message = 'Certaines valeurs sont invalides.') =>
  new AppError('VALIDATION_FAILED', 400, message, { errors });
