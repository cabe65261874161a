import { createHash, randomBytes } from 'node:crypto';

/** 256 bits of randomness, URL-safe: session cookies, bearer tokens, e-mail links. */
export const newOpaqueToken = () => randomBytes(32).toString('base64url');

/** Tokens are stored only as this hash, so a copy of the database grants no access. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
