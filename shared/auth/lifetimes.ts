// How long sign-in lasts. The user pool's app client (infra/) and the local identity
// provider both read these, and the console-auth cookies expire with them.

/**
 * ID and access tokens. Short, because API Gateway checks a token's signature and expiry
 * but never asks Cognito whether it was revoked: after sign-out, or after someone is
 * taken out of the organizers group or disabled, a token already handed out keeps
 * working until it expires. The console asks for a fresh one when it needs to.
 */
export const ID_TOKEN_MINUTES = 15;

/** The refresh token, kept in an HttpOnly cookie: a working day, then sign in again. */
export const REFRESH_TOKEN_HOURS = 12;

/** Between leaving for the sign-in page and coming back: time to type a password and a code. */
export const SIGN_IN_MINUTES = 10;
