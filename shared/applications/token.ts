// Confirmation tokens: 32 random bytes in the link, only their SHA-256 in the table.
// Kept apart from submit.ts so that the confirm function does not bundle the secrets client.

import { createHash, randomBytes } from 'node:crypto';

export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** A token we could have issued: 32 random bytes in base64url. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
