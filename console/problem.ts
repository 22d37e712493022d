// What to tell an organizer when a call fails: the API's own message, each field's
// problem, and what to do about a refusal that is not about the input.

import { ApiError } from './api.ts';

export function problem(error: unknown): [string, string[]] {
  if (error instanceof ApiError) {
    if (error.status === 403)
      return ['Your account may not do this: only members of the organizers group can use the console.', []];
    return [error.message, error.fields.map((f) => `${f.field}: ${f.message}`)];
  }
  if (error instanceof TypeError)
    return ['The server could not be reached. Check the connection and try again.', []];
  return ['Something went wrong in the console.', [String(error)]];
}
