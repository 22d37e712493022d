// Who may submit a report for an affiliate: the holder of its personal link (a Bearer
// token, or the token field of the form) for the period the link names, or an organizer.

import type { Agreement } from '../affiliates/model.ts';
import { parsePeriodKey } from '../affiliates/model.ts';
import type { Clock } from '../clock.ts';
import { HttpError } from '../errors.ts';
import { header } from '../http/respond.ts';
import type { HttpEvent } from '../http/types.ts';
import { verifyReportToken } from '../report-link.ts';

export type LinkCheck =
  | { ok: true; agreement: Agreement; period: string }
  | { ok: false; problem: 'expired' | 'invalid' };

export async function checkLink(
  token: string | undefined,
  affiliateId: string,
  clock: Clock,
): Promise<LinkCheck> {
  if (!token) return { ok: false, problem: 'invalid' };
  const verdict = await verifyReportToken(token, affiliateId, clock.now());
  if (!verdict.ok) return { ok: false, problem: verdict.problem === 'expired' ? 'expired' : 'invalid' };
  const agreement = parsePeriodKey(verdict.claims.period);
  if (!agreement) return { ok: false, problem: 'invalid' };
  return { ok: true, agreement, period: verdict.claims.period };
}

export function bearerToken(event: Pick<HttpEvent, 'headers'>): string | undefined {
  const auth = header(event, 'authorization') ?? '';
  return /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
}

export const linkRefused = (problem: 'expired' | 'invalid') =>
  problem === 'expired'
    ? new HttpError(401, 'link_expired', 'This report link has expired; ask the organizers for a new one.')
    : new HttpError(401, 'invalid_link', 'This report link is not valid.');
