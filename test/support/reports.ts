// Helpers for report tests: register an affiliate through the organizer API, build a
// valid report, and find the personal link in an email.

import { expect } from 'vitest';
import { ENGLISH_REPORT } from '../fixtures/language-samples.ts';
import type { StoredEmail, TestStack } from './stack.ts';

export const AGREEMENT = { start: '2025-07-01', end: '2026-06-30' };
export const PERIOD = `${AGREEMENT.start}_${AGREEMENT.end}`;
/** The Reports page the stack is configured with (the default), as the verifier reads it. */
export const REPORTS_PAGE = 'Wikimedia Affiliates Data Portal/Reports';

export async function createAffiliate(stack: TestStack, id: string, agreement = AGREEMENT) {
  const res = await stack.api('/admin/affiliates', {
    admin: true,
    json: {
      id,
      name: `Wikimedia ${id} User Group`,
      type: 'user_group',
      country: 'PK',
      contactEmails: [`${id}@groups.example.org`],
      languages: ['en'],
      metaPage: `https://meta.wikimedia.org/wiki/Wikimedia_${id}`,
      logoUrl: `https://upload.wikimedia.org/${id}.svg`,
      agreement,
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

export const goodReport = (metaTitle: string) => ({
  periodStart: AGREEMENT.start,
  periodEnd: AGREEMENT.end,
  metaUrl: `https://meta.wikimedia.org/wiki/${metaTitle.replace(/ /g, '_')}`,
  text: ENGLISH_REPORT,
});

export function reportLinkIn(email: StoredEmail): string {
  const link = /https?:\/\/[^\s"<>]+\/report\?token=[A-Za-z0-9_.-]+/.exec(email.body.text ?? '')?.[0];
  if (!link) throw new Error(`no report link in "${email.subject}"`);
  return link;
}

export const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

export async function affiliateStatus(stack: TestStack, id: string): Promise<Record<string, unknown>> {
  const res = await stack.api(`/admin/affiliates/${id}`, { admin: true });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { affiliate?: Record<string, unknown> } & Record<string, unknown>;
  return body.affiliate ?? body;
}
