// Report documents on the local stack with s3rver as S3: the presigned POST behind the
// personal link, the file posted straight to S3 as a browser would (multipart/form-data),
// the completion check, and the organizers' download link; a file that is not a PDF and
// one over 20 MB are refused and removed, and nothing is recorded for them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signReportToken } from '../../shared/report-link.ts';
import { MAX_UPLOAD_BYTES } from '../../shared/uploads/rules.ts';
import { createAffiliate, PERIOD } from '../support/reports.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let token: string;

beforeAll(async () => {
  stack = await startTestStack({ startAt: new Date('2026-06-01T00:00:00Z') });
  await createAffiliate(stack, 'docs');
  await createAffiliate(stack, 'other');
  token = await signReportToken({
    affiliateId: 'docs',
    period: PERIOD,
    expiresAt: new Date('2026-12-31T00:00:00Z'),
  });
});
afterAll(async () => {
  await stack?.stop();
});

/** A small but real PDF: header, one empty page, trailer. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

interface Presigned {
  url: string;
  fields: Record<string, string>;
  key: string;
  maxBytes: number;
}

const bearer = (t = token) => ({ authorization: `Bearer ${t}` });

async function presign(kind: string, id = 'docs'): Promise<Presigned> {
  const res = await stack.api(`/affiliates/${id}/uploads`, { json: { kind }, headers: bearer() });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { upload: Presigned }).upload;
}

/** What a browser sends: every field of the form in order, the file last. */
async function postToS3(form: Pick<Presigned, 'url' | 'fields'>, bytes: Buffer, name = 'statement.pdf') {
  const body = new FormData();
  for (const [k, v] of Object.entries(form.fields)) body.append(k, v);
  body.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
  return fetch(form.url, { method: 'POST', body, redirect: 'manual' });
}

const complete = (kind: string, t = token) =>
  stack.api(`/affiliates/docs/uploads/${kind}/complete`, { method: 'POST', headers: bearer(t) });

const listed = async () =>
  (
    (await (await stack.api('/admin/affiliates/docs/uploads', { admin: true })).json()) as {
      uploads: { document: string; size: number; period: string; downloadUrl: string }[];
    }
  ).uploads;

describe('uploading a financial statement', () => {
  it('goes straight to S3 under one key per affiliate, period and kind, and is recorded once after the check', async () => {
    const form = await presign('financial_statement');
    expect(form.key).toBe(`reports/docs/${PERIOD}/financial_statement.pdf`);
    expect(form.maxBytes).toBe(20 * 1024 * 1024);
    expect(form.url.startsWith(stack.s3Endpoint)).toBe(true);
    // The policy S3 enforces in AWS: this key, the size range, PDF, encryption.
    const policy = JSON.parse(Buffer.from(form.fields.Policy!, 'base64').toString('utf8')) as {
      conditions: unknown[];
    };
    expect(policy.conditions).toContainEqual(['content-length-range', 1, MAX_UPLOAD_BYTES]);
    expect(policy.conditions).toContainEqual({ key: form.key });
    expect(policy.conditions).toContainEqual({ 'Content-Type': 'application/pdf' });
    expect(policy.conditions).toContainEqual({ 'x-amz-server-side-encryption': 'AES256' });

    expect((await postToS3(form, PDF)).status).toBe(204);
    const first = await complete('financial_statement');
    expect(first.status, await first.clone().text()).toBe(201);
    const recorded = ((await first.json()) as { upload: { document: string; size: number; period: string } })
      .upload;
    expect(recorded).toMatchObject({ document: 'financial_statement', size: PDF.length, period: PERIOD });

    // The browser retried, or the user pressed back and forward: the same file, recorded once.
    const again = await complete('financial_statement');
    expect(again.status).toBe(200);
    const timeline = (
      (await (await stack.api('/admin/affiliates/docs', { admin: true })).json()) as {
        affiliate: { timeline: { what: string }[] };
      }
    ).affiliate.timeline.filter((e) => e.what.startsWith('Document uploaded'));
    expect(timeline).toHaveLength(1);
  });

  it('gives organizers a short-lived link that downloads exactly the file', async () => {
    const uploads = await listed();
    expect(uploads.map((u) => u.document)).toEqual(['financial_statement']);
    const url = new URL(uploads[0]!.downloadUrl);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="docs-${PERIOD}-financial-statement.pdf"`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    // The list and its links are for organizers only.
    expect((await stack.api('/admin/affiliates/docs/uploads')).status).toBe(401);
  });

  it('refuses a file that is not a PDF, removes it and records nothing', async () => {
    const form = await presign('activity_report');
    const word = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 1)]);
    expect((await postToS3(form, word, 'report.docx')).status).toBe(204);
    const res = await complete('activity_report');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('upload_not_pdf');
    // Gone from the bucket: completing again finds nothing.
    const after = await complete('activity_report');
    expect(after.status).toBe(404);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe('upload_missing');
    expect((await listed()).map((u) => u.document)).toEqual(['financial_statement']);
  });

  it('refuses a file over 20 MB even where the S3 emulator does not enforce the policy', async () => {
    // s3rver stores it (real S3 would refuse the POST with EntityTooLarge); the
    // completion step is the second line and removes it.
    const form = await presign('activity_report');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_UPLOAD_BYTES, 0x20)]);
    expect((await postToS3(form, big, 'huge.pdf')).status).toBe(204);
    const res = await complete('activity_report');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('upload_too_large');
    expect((await complete('activity_report')).status).toBe(404);
    expect((await listed()).map((u) => u.document)).toEqual(['financial_statement']);
  });

  it('needs the personal link of that affiliate, and a known kind of document', async () => {
    const noLink = await stack.api('/affiliates/docs/uploads', { json: { kind: 'financial_statement' } });
    expect(noLink.status).toBe(401);
    const otherGroup = await stack.api('/affiliates/other/uploads', {
      json: { kind: 'financial_statement' },
      headers: bearer(),
    });
    expect(otherGroup.status).toBe(401);
    const badKind = await stack.api('/affiliates/docs/uploads', {
      json: { kind: 'photos' },
      headers: bearer(),
    });
    expect(badKind.status).toBe(400);
    expect((await complete('photos')).status).toBe(404);
    expect((await complete('financial_statement', 'x.y.z')).status).toBe(401);
  });
});

describe('the report page without JavaScript', () => {
  it('carries a plain form per document that posts to S3, which sends the browser back to a result page', async () => {
    const page = await stack.api(`/affiliates/docs/report?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(`form-action 'self' ${stack.s3Endpoint}`);
    const body = await page.text();
    const form =
      /<form method="post" action="([^"]+)" enctype="multipart\/form-data" class="upload" data-kind="activity_report">([\s\S]*?)<\/form>/.exec(
        body,
      );
    expect(form, 'an upload form for the activity report').not.toBeNull();
    const fields = Object.fromEntries(
      [...form![2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
        m[1]!,
        m[2]!.replaceAll('&amp;', '&'),
      ]),
    );
    expect(form![2]).toMatch(/<label for="upload-activity_report">/);
    expect(form![2]).toContain('accept="application/pdf,.pdf"');
    const s3 = await postToS3({ url: form![1]!.replaceAll('&amp;', '&'), fields }, PDF, 'activity.pdf');
    expect(s3.status).toBe(303);
    const back = new URL(s3.headers.get('location')!);
    expect(back.pathname).toBe('/affiliates/docs/uploads/activity_report/complete');
    const result = await fetch(back);
    expect(result.status).toBe(200);
    expect(await result.text()).toContain('data-status="recorded"');
    expect((await listed()).map((u) => u.document).sort()).toEqual([
      'activity_report',
      'financial_statement',
    ]);
    // The report page now says what is on record.
    const reopened = await (await stack.api(`/affiliates/docs/report?token=${token}`)).text();
    expect(reopened.match(/data-uploaded="yes"/g)).toHaveLength(2);
  });
});
