// Membership applications end to end on the local stack: the form, every reply code of
// POST /applications, the confirmation link, organizer review and the emails in SES
// local; duplicates and races; and no personal data in any log line.

import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_EMAIL } from '../../scripts/local/stack.ts';
import { dynamo } from '../../shared/aws/dynamodb.ts';
import { reloadConfig } from '../../shared/config.ts';
import { setLogSink } from '../../shared/log.ts';
import { suppress } from '../../shared/mail/suppression.ts';
import { rotateKeyring } from '../../shared/secrets.ts';
import { tableName } from '../../shared/tables.ts';
import { type StoredEmail, startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
const logLines: string[] = [];
let previousSink: ReturnType<typeof setLogSink>;
/** Every value a log line must never contain. */
const secrets = new Set<string>();
function remember(value: unknown) {
  if (typeof value === 'string' && value.length >= 6) secrets.add(value);
}

beforeAll(async () => {
  previousSink = setLogSink((line) => logLines.push(line), 'debug');
  stack = await startTestStack({ startAt: new Date('2026-07-15T07:00:00Z') });
});
afterAll(async () => {
  await stack.stop();
  setLogSink(previousSink, 'info');
});

let counter = 0;
function randomCnic(): string {
  const digits = String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
  return `3${digits.slice(0, 4)}-${digits.slice(4, 11)}-${digits.slice(11)}`;
}
function individual(overrides: Record<string, unknown> = {}) {
  counter += 1;
  const body = {
    kind: 'individual',
    name: 'Ayesha Khan',
    email: `ayesha${counter}.${Math.random().toString(36).slice(2, 8)}@example.org`,
    dateOfBirth: '1994-03-21',
    citizenship: 'PK',
    cnic: randomCnic(),
    city: 'Lahore',
    ...overrides,
  };
  remember(body.email);
  // Only real CNICs: a deliberately broken one ('123', 'x') would match any timestamp.
  if (typeof body.cnic === 'string' && /^\d{5}-?\d{7}-?\d$/.test(body.cnic)) {
    secrets.add(body.cnic);
    secrets.add(body.cnic.replaceAll('-', ''));
  }
  remember(body.dateOfBirth);
  return body;
}
function institution(overrides: Record<string, unknown> = {}) {
  counter += 1;
  const body = {
    kind: 'institution',
    name: 'Karachi Community Library',
    email: `library${counter}.${Math.random().toString(36).slice(2, 8)}@example.org`,
    registrationNumber: `KHI-${counter}-${Math.floor(Math.random() * 1e6)}`,
    registrationAuthority: 'Sindh Societies Registration',
    registeredIn: 'PK',
    contactName: 'Bilal Ahmed',
    ...overrides,
  };
  remember(body.email);
  return body;
}

const submit = (body: unknown, headers: Record<string, string> = {}) =>
  stack.api('/applications', { json: body, headers });
const postForm = (fields: [string, string][], headers: Record<string, string> = {}) =>
  stack.api('/applications', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });

async function scanAll(): Promise<Record<string, unknown>[]> {
  const out = await dynamo().send(
    new ScanCommand({ TableName: tableName('applications'), ConsistentRead: true }),
  );
  return out.Items ?? [];
}
const applicationItems = async () => (await scanAll()).filter((i) => String(i.pk).startsWith('APP#'));

async function emailTo(address: string): Promise<StoredEmail[]> {
  return stack.emailsTo(address);
}
function confirmLink(email: StoredEmail): string {
  const match = /(http:\/\/[^\s"<]+\/applications\/confirm\?token=[A-Za-z0-9_-]+)/.exec(
    email.body.text ?? '',
  );
  expect(match, 'the email contains the confirmation link').not.toBeNull();
  const link = match![1]!;
  secrets.add(new URL(link).searchParams.get('token')!);
  return link;
}
/** Submit and confirm an application; returns its id and confirmation link. */
async function submitted(body: Record<string, unknown>) {
  const res = await submit(body);
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  const [mail] = await emailTo(body.email as string);
  const link = confirmLink(mail!);
  const confirmed = await fetch(link);
  expect(confirmed.status).toBe(200);
  return { id, link };
}

describe('the form page', () => {
  it('redirects / to /apply and serves the form in English by default', async () => {
    const root = await stack.api('/', { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/apply');
    const page = await stack.api('/apply');
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('<html lang="en" dir="ltr">');
    expect(text).toContain('action="/applications"');
    expect(text).toContain('href="/apply?lang=ur&amp;kind=individual"');
  });

  it('chooses Urdu from ?lang= or Accept-Language, right to left', async () => {
    const byQuery = await (await stack.api('/apply?lang=ur')).text();
    expect(byQuery).toContain('<html lang="ur" dir="rtl">');
    expect(byQuery).toContain('رکنیت کے لیے درخواست');
    const byHeader = await (
      await stack.api('/apply', { headers: { 'accept-language': 'ur-PK,en;q=0.5' } })
    ).text();
    expect(byHeader).toContain('<html lang="ur" dir="rtl">');
    const fallback = await (
      await stack.api('/apply?lang=xx', { headers: { 'accept-language': 'ja' } })
    ).text();
    expect(fallback).toContain('<html lang="en" dir="ltr">');
  });

  it('shows the institution form on request', async () => {
    const text = await (await stack.api('/apply?kind=institution')).text();
    expect(text).toContain('name="registrationNumber"');
    expect(text).not.toContain('name="cnic"');
  });
});

describe('POST /applications', () => {
  it('202: stores a pending application and emails the confirmation link in English', async () => {
    const body = individual();
    const res = await submit(body);
    expect(res.status).toBe(202);
    const reply = (await res.json()) as { id: string; status: string };
    expect(reply).toEqual({ id: expect.any(String), status: 'pending_confirmation' });
    const mails = await emailTo(body.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Please confirm your membership application');
    expect(mails[0]!.body.text).toContain('22 July 2026');
    expect(mails[0]!.body.html).toContain('/applications/confirm?token=');
    const link = confirmLink(mails[0]!);
    expect(link.startsWith(`${stack.apiUrl}/applications/confirm?token=`)).toBe(true);

    const admin = await stack.api(`/admin/applications/${reply.id}`, { admin: true });
    expect(admin.status).toBe(200);
    const stored = (await admin.json()) as Record<string, unknown>;
    expect(stored).toMatchObject({
      status: 'pending_confirmation',
      cnicLast4: body.cnic.replaceAll('-', '').slice(-4),
      ageVerified: true,
      ageVerifiedAt: expect.any(String),
    });
    expect(stored).not.toHaveProperty('dateOfBirth');
    expect(stored).not.toHaveProperty('cnic');
    // Nothing in the table holds the CNIC, the date of birth or the token in clear.
    const everything = JSON.stringify(await scanAll());
    expect(everything).not.toContain(body.cnic.replaceAll('-', ''));
    expect(everything).not.toContain(body.dateOfBirth);
    expect(everything).not.toContain(new URL(link).searchParams.get('token'));
  });

  it('202: keeps Urdu and Sindhi names exactly (NFC) and writes the email in Urdu', async () => {
    const name = 'سسئي ڄام \u0627\u0653';
    const body = individual({ name, language: 'ur' });
    const res = await submit(body);
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const stored = (await (await stack.api(`/admin/applications/${id}`, { admin: true })).json()) as {
      name: string;
    };
    expect(stored.name).toBe(name.normalize('NFC'));
    const [mail] = await emailTo(body.email);
    expect(mail!.subject).toBe('براہ کرم اپنی رکنیت کی درخواست کی تصدیق کریں');
    expect(mail!.body.html).toContain('dir="rtl"');
    expect(mail!.body.text).toContain(name.normalize('NFC'));
  });

  it('400: lists each invalid field, and stores nothing', async () => {
    const before = (await scanAll()).length;
    const res = await submit(individual({ email: 'nope', cnic: '123', dateOfBirth: '2001-02-29', name: '' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; fields: { field: string; message: string }[] };
    };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.fields.map((f) => f.field).sort()).toEqual(['cnic', 'dateOfBirth', 'email', 'name']);
    expect((await scanAll()).length).toBe(before);
  });

  it('400 for junk of every kind, never a 5xx, and nothing stored', async () => {
    const before = (await scanAll()).length;
    const junk: unknown[] = [
      {},
      { kind: 'individual' },
      { kind: ['individual'] },
      individual({ name: 42 }),
      individual({ email: ['a@example.org', 'b@example.org'] }),
      individual({ cnic: 3520212345679 }),
      individual({ name: 'x'.repeat(60_000) }),
      individual({ name: 'bad \u0000 byte' }),
      individual({ statement: 'y'.repeat(2001) }),
      individual({ dateOfBirth: '2090-01-01' }),
      individual({ language: 'tlh' }),
      individual({ citizenship: 'ZZ' }),
      institution({ registeredIn: null }),
      JSON.parse(`{"__proto__": {"kind": "individual"}, "constructor": {"prototype": {}}}`),
    ];
    for (const body of junk) {
      const res = await submit(body);
      expect(res.status, JSON.stringify(body).slice(-120)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    const loneSurrogate = await stack.api('/applications', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(individual()).replace('"Ayesha Khan"', '"Ayesha \\ud800"'),
    });
    expect(loneSurrogate.status).toBe(400);
    for (const raw of ['[]', 'null', '"text"', '{"kind":', '']) {
      const res = await stack.api('/applications', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: raw,
      });
      expect(res.status, raw).toBe(400);
    }
    expect((await scanAll()).length).toBe(before);
  });

  it('400 when the hidden honeypot field is filled in', async () => {
    const before = (await scanAll()).length;
    const res = await submit(individual({ website: 'http://spam.example' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { fields: [{ field: 'website' }] } });
    expect((await scanAll()).length).toBe(before);
  });

  it('400 for an address on the suppression list, since the link could never arrive', async () => {
    const body = individual();
    await suppress(body.email, { reason: 'bounce', detail: 'Permanent/General', at: stack.clock.now() });
    const res = await submit(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { fields: [{ field: 'email' }] } });
    expect((await applicationItems()).filter((i) => i.email === body.email)).toHaveLength(0);
  });

  it('413 over 64 KB and 415 for other content types', async () => {
    const big = await submit(individual({ statement: 'z'.repeat(70 * 1024) }));
    expect(big.status).toBe(413);
    const text = await stack.api('/applications', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'kind=individual',
    });
    expect(text.status).toBe(415);
    const none = await stack.api('/applications', { method: 'POST', body: 'x' });
    expect(none.status).toBe(415);
  });

  it('422: under 18 on the submission day, not a citizen, institution abroad', async () => {
    // The clock is at 15 July 2026 (Karachi) or later: born 16 July 2008 is 17.
    const young = await submit(individual({ dateOfBirth: '2008-12-31' }));
    expect(young.status).toBe(422);
    const body = (await young.json()) as { error: { code: string; message: string; reasons: string[] } };
    expect(body.error.code).toBe('not_eligible');
    expect(body.error.reasons).toEqual(['under_age']);
    expect(body.error.message).toContain('18 or older');

    const foreign = await submit(individual({ citizenship: 'IN' }));
    expect(foreign.status).toBe(422);
    expect(await foreign.json()).toMatchObject({ error: { reasons: ['not_citizen'] } });

    const abroad = await submit(institution({ registeredIn: 'AE' }));
    expect(abroad.status).toBe(422);
    expect(await abroad.json()).toMatchObject({ error: { reasons: ['not_registered_in_pakistan'] } });
  });

  it('409: a live application with the same email, CNIC or registration number', async () => {
    const first = individual();
    expect((await submit(first)).status).toBe(202);
    const sameEmail = await submit(individual({ email: first.email.toUpperCase() }));
    expect(sameEmail.status).toBe(409);
    expect(await sameEmail.json()).toMatchObject({ error: { code: 'conflict', conflicts: ['email'] } });
    const sameCnic = await submit(individual({ cnic: first.cnic.replaceAll('-', '') }));
    expect(sameCnic.status).toBe(409);
    expect(await sameCnic.json()).toMatchObject({ error: { conflicts: ['cnic'] } });

    const org = institution({ registrationNumber: 'RP/123-45' });
    expect((await submit(org)).status).toBe(202);
    const sameReg = await submit(institution({ registrationNumber: 'rp 12345' }));
    expect(sameReg.status).toBe(409);
    expect(await sameReg.json()).toMatchObject({ error: { conflicts: ['registrationNumber'] } });
  });

  it('409 across a rotation of the CNIC key: earlier claims are found under the previous key', async () => {
    const first = individual();
    expect((await submit(first)).status).toBe(202);
    try {
      // The rotation procedure (npm run rotate-secret), applied to the local secret.
      process.env.CNIC_HMAC_SECRET = rotateKeyring('local-cnic-secret-not-for-production', stack.clock.now());
      reloadConfig();
      const sameCnic = await submit(individual({ cnic: first.cnic }));
      expect(sameCnic.status).toBe(409);
      expect(await sameCnic.json()).toMatchObject({ error: { conflicts: ['cnic'] } });
      const sameEmail = await submit(individual({ email: first.email }));
      expect(sameEmail.status).toBe(409);

      const next = individual();
      expect((await submit(next)).status).toBe(202);
      const keyId = JSON.parse(process.env.CNIC_HMAC_SECRET).current.id as string;
      const stored = (await applicationItems()).find((i) => i.email === next.email);
      const claims = stored?.claims as { pk: string }[];
      expect(claims.map((c) => c.pk.split('#')[1]!.split('.')[0])).toEqual([keyId, keyId]);
    } finally {
      delete process.env.CNIC_HMAC_SECRET;
      reloadConfig();
    }
  });

  it('stores exactly one of 50 identical concurrent submissions', async () => {
    const body = individual();
    const replies = await Promise.all(Array.from({ length: 50 }, () => submit(body)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const mine = (await applicationItems()).filter((i) => i.email === body.email);
    expect(mine).toHaveLength(1);
    expect(await emailTo(body.email)).toHaveLength(1);
  });

  it('503 and nothing stored when the confirmation email cannot be sent; a retry works', async () => {
    const body = individual();
    await stack.stopSes();
    try {
      const res = await submit(body);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBeTruthy();
    } finally {
      await stack.startSes();
    }
    expect((await applicationItems()).filter((i) => i.email === body.email)).toHaveLength(0);
    expect((await submit(body)).status).toBe(202);
  });
});

describe('the HTML form posts', () => {
  it('202 shows the "check your email" page', async () => {
    const body = individual();
    const res = await postForm([
      ...Object.entries(body).map(([k, v]) => [k, String(v)] as [string, string]),
      ['website', ''],
    ]);
    expect(res.status).toBe(202);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('Check your email');
  });

  it('400 re-shows the form with the error beside the field and the values kept', async () => {
    const body = individual({ cnic: '12-34' });
    const res = await postForm(Object.entries(body).map(([k, v]) => [k, String(v)]));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toMatch(/id="f-cnic-error">Enter the 13 digits of the CNIC/);
    expect(page).toMatch(
      /id="f-cnic" name="cnic" aria-describedby="f-cnic-hint f-cnic-error" aria-invalid="true"/,
    );
    expect(page).toContain(`value="${body.email}"`);
  });

  it('escapes what was typed when it shows the form again', async () => {
    const body = individual({ name: '"><script>alert(1)</script>', cnic: 'x' });
    const res = await postForm(Object.entries(body).map(([k, v]) => [k, String(v)]));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('400 for a field sent twice; 422 in Urdu with the reason beside the date of birth', async () => {
    const body = individual();
    const twice = await postForm([
      ...Object.entries(body).map(([k, v]) => [k, String(v)] as [string, string]),
      ['email', 'x@example.org'],
    ]);
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('Send this field only once.');

    const young = individual({ dateOfBirth: '2015-01-01', language: 'ur' });
    const res = await postForm(Object.entries(young).map(([k, v]) => [k, String(v)]));
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('dir="rtl"');
    // The number keeps its own direction inside the Urdu sentence.
    expect(page).toMatch(
      /id="f-dateOfBirth-error">درخواست کے دن رکن کی عمر کم از کم <bdi dir="ltr">18<\/bdi> سال/,
    );
  });
});

describe('confirmation and review', () => {
  it('confirms once, tells the organizers, and refuses the link a second time', async () => {
    const body = individual();
    const { id, link } = await submitted(body);
    const organizers = (await emailTo('organizers@wikimedia.pk.example')).filter((m) =>
      m.body.text?.includes(id),
    );
    expect(organizers).toHaveLength(1);
    expect(organizers[0]!.subject).toContain('Ayesha Khan');
    expect(organizers[0]!.body.text).not.toContain(body.cnic);

    const again = await fetch(link);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'token_used' } });
    const page = await fetch(link, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('already been used');

    const got = (await (await stack.api(`/admin/applications/${id}`, { admin: true })).json()) as Record<
      string,
      unknown
    >;
    expect(got).toMatchObject({ status: 'submitted', confirmedAt: expect.any(String) });
    expect(got).not.toHaveProperty('deleteAfter');
  });

  it('refuses unknown and malformed tokens', async () => {
    expect((await stack.api('/applications/confirm')).status).toBe(400);
    expect((await stack.api(`/applications/confirm?token=${'A'.repeat(43)}`)).status).toBe(404);
    expect((await stack.api('/applications/confirm?token=%00%ff')).status).toBe(404);
  });

  it('lists submitted applications a page at a time with a cursor', async () => {
    await submitted(individual());
    await submitted(individual());
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await stack.api(
        `/admin/applications?status=submitted&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { admin: true },
      );
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { id: string; status: string }[]; nextCursor?: string };
      expect(page.items.length).toBeLessThanOrEqual(1);
      for (const item of page.items) {
        expect(item.status).toBe('submitted');
        seen.add(item.id);
      }
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    expect(seen.size).toBeGreaterThanOrEqual(2);
    expect(pages).toBeGreaterThanOrEqual(2);

    expect((await stack.api('/admin/applications?status=zombie', { admin: true })).status).toBe(400);
    expect((await stack.api('/admin/applications?limit=0', { admin: true })).status).toBe(400);
    expect((await stack.api('/admin/applications?cursor=bm9wZQ', { admin: true })).status).toBe(400);
    expect((await stack.api('/admin/applications')).status).toBe(401);
  });

  it('approves once, records who and when, emails the applicant and lists the member', async () => {
    const body = individual({ language: 'ur', wikimediaUsername: 'AyeshaK' });
    const { id } = await submitted(body);
    const decide = (json: unknown) => stack.api(`/admin/applications/${id}/decision`, { json, admin: true });
    const res = await decide({ decision: 'approve' });
    expect(res.status).toBe(200);
    const reply = (await res.json()) as {
      application: { status: string; decision: Record<string, string> };
      emailed: boolean;
    };
    expect(reply.emailed).toBe(true);
    expect(reply.application.status).toBe('approved');
    expect(reply.application.decision).toMatchObject({
      decision: 'approve',
      by: DEFAULT_ADMIN_EMAIL,
      at: expect.any(String),
    });
    const twice = await decide({ decision: 'reject', reason: 'changed my mind' });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({
      error: { code: 'conflict', decision: { decision: 'approve' } },
    });

    const outcome = (await emailTo(body.email)).find((m) => m.subject.startsWith('خوش آمدید'));
    expect(outcome?.body.text).toContain('منظور');
    // What happens next: the group's page, from configuration.
    expect(outcome?.body.text).toContain(
      'https://meta.wikimedia.org/wiki/Wikimedia_Community_User_Group_Pakistan',
    );

    const members = (await (await stack.api('/admin/members?limit=100', { admin: true })).json()) as {
      items: { id: string; wikimediaUsername?: string }[];
    };
    expect(members.items.find((m) => m.id === id)).toMatchObject({ wikimediaUsername: 'AyeshaK' });
    // An approved member still blocks a second application.
    expect((await submit(individual({ cnic: body.cnic }))).status).toBe(409);
  });

  it('an institution’s email greets its contact person and shows the link as a button', async () => {
    const body = institution({ email: 'office@greeting-institution.example.org' });
    expect((await submit(body)).status).toBe(202);
    const [mail] = await emailTo(body.email);
    expect(mail?.body.text?.startsWith('Hello Bilal Ahmed,')).toBe(true);
    expect(mail?.body.html).toMatch(/<a href="http[^"]+" style="[^"]+">Confirm my application<\/a>/);
    expect(mail?.body.text).toContain('The organizers, Wikimedia Community User Group Pakistan');
  });

  it('rejects with a reason, keeps the record for the retention period, and frees the claims', async () => {
    const body = individual();
    const { id } = await submitted(body);
    const decide = (json: unknown) => stack.api(`/admin/applications/${id}/decision`, { json, admin: true });
    expect((await decide({ decision: 'reject' })).status).toBe(400);
    expect((await decide({ decision: 'maybe', reason: 'x' })).status).toBe(400);
    const res = await decide({ decision: 'reject', reason: 'Please apply with your own CNIC.' });
    expect(res.status).toBe(200);
    const { application } = (await res.json()) as {
      application: { decision: { at: string }; deleteAfter: string };
    };
    const days = (Date.parse(application.deleteAfter) - Date.parse(application.decision.at)) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    const mail = (await emailTo(body.email)).find((m) => m.subject === 'Your membership application');
    expect(mail?.body.text).toContain('Please apply with your own CNIC.');
    // How to put it right: the form again, and replies reach the organizers.
    expect(mail?.body.text).toContain(`${stack.apiUrl}/apply?lang=en`);
    expect((mail as { replyTo?: string[] }).replyTo).toEqual(['organizers@wikimedia.pk.example']);

    const rejected = (await (
      await stack.api('/admin/applications?status=rejected&limit=100', { admin: true })
    ).json()) as {
      items: { id: string }[];
    };
    expect(rejected.items.map((i) => i.id)).toContain(id);
    // A rejected application does not block a new one.
    expect((await submit({ ...body })).status).toBe(202);
  });

  it('CNIC squatting: the real owner gets a helpful 409, organizers are told, see the conflict on both and resolve it', async () => {
    // A squatter applies first with someone else's CNIC and is approved.
    const squatter = individual();
    const { id: squatterId } = await submitted(squatter);
    const approve = (id: string) =>
      stack.api(`/admin/applications/${id}/decision`, { json: { decision: 'approve' }, admin: true });
    expect((await approve(squatterId)).status).toBe(200);

    // The CNIC's owner applies: 409 that says what happens next, and nothing about the other applicant.
    const owner = individual({ cnic: squatter.cnic });
    const res = await submit(owner);
    expect(res.status).toBe(409);
    const reply = (await res.json()) as { error: Record<string, unknown> };
    expect(reply.error).toMatchObject({
      code: 'cnic_claimed',
      conflicts: ['cnic'],
      status: 'pending_confirmation',
    });
    expect(reply.error.message).toMatch(/organizers see both applications, contact you/);
    const replyText = JSON.stringify(reply);
    for (const secret of [squatter.email, squatter.name, squatterId, squatter.cnic.slice(-4)])
      expect(replyText).not.toContain(secret);
    const ownerId = reply.error.id as string;

    // The owner's application is kept aside; it reaches the organizers once its email is confirmed.
    const organizerMails = async () =>
      (await emailTo('organizers@')).filter((m) => m.subject.includes('disputed CNIC'));
    expect(await organizerMails()).toHaveLength(0);
    const [mail] = await emailTo(owner.email);
    expect((await fetch(confirmLink(mail!))).status).toBe(200);
    const [told] = await organizerMails();
    expect(told?.subject).toContain(owner.name);
    expect(told?.body.text).toContain(`/console/applications/${squatterId}`);
    expect(told?.body.text).toContain(`/console/applications/${ownerId}`);

    // Organizers see the conflict on both applications.
    const get = async (id: string) =>
      (await (await stack.api(`/admin/applications/${id}`, { admin: true })).json()) as Record<
        string,
        unknown
      >;
    expect(await get(ownerId)).toMatchObject({
      status: 'submitted',
      claimConflict: { applicationId: squatterId, field: 'cnic' },
    });
    expect(await get(squatterId)).toMatchObject({
      status: 'approved',
      disputedBy: [{ applicationId: ownerId, field: 'cnic' }],
    });
    expect(JSON.stringify(await get(ownerId))).not.toContain('heldClaims');

    // The owner cannot be approved while the squatter holds the CNIC...
    const early = await approve(ownerId);
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { code: 'claim_held' } });
    // ...so the organizers reject the squatter (approved, but disputed), then approve the owner.
    const reject = await stack.api(`/admin/applications/${squatterId}/decision`, {
      json: { decision: 'reject', reason: 'The CNIC belongs to someone else.' },
      admin: true,
    });
    expect(reject.status).toBe(200);
    expect((await approve(ownerId)).status).toBe(200);
    // The owner now holds the CNIC: a third application with it is held in turn.
    const third = await submit(individual({ cnic: squatter.cnic }));
    expect(third.status).toBe(409);
    expect(await third.json()).toMatchObject({ error: { code: 'cnic_claimed' } });
    expect((await get(ownerId)).status).toBe('approved');
  });

  it('an approved application without a dispute cannot be rejected afterwards', async () => {
    const body = individual();
    const { id } = await submitted(body);
    const decide = (json: unknown) => stack.api(`/admin/applications/${id}/decision`, { json, admin: true });
    expect((await decide({ decision: 'approve' })).status).toBe(200);
    expect((await decide({ decision: 'reject', reason: 'no' })).status).toBe(409);
  });

  it('a decision stands when its email fails, and sending it again retries the email once', async () => {
    const body = individual();
    const { id } = await submitted(body);
    const approve = () =>
      stack.api(`/admin/applications/${id}/decision`, { json: { decision: 'approve' }, admin: true });
    await stack.stopSes();
    let first: Response;
    try {
      first = await approve();
    } finally {
      await stack.startSes();
    }
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ application: { status: 'approved' }, emailed: false });
    const retry = await approve();
    expect(retry.status).toBe(409);
    expect(await retry.json()).toMatchObject({ error: { code: 'conflict', emailed: true } });
    expect((await approve()).status).toBe(409);
    const welcome = (await emailTo(body.email)).filter((m) => m.subject.startsWith('Welcome'));
    expect(welcome).toHaveLength(1);
  });

  it('refuses decisions on unconfirmed or unknown applications', async () => {
    const res = await submit(individual());
    const { id } = (await res.json()) as { id: string };
    const early = await stack.api(`/admin/applications/${id}/decision`, {
      json: { decision: 'approve' },
      admin: true,
    });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { code: 'not_submitted' } });
    const unknown = await stack.api('/admin/applications/00000000-0000-4000-8000-000000000000/decision', {
      json: { decision: 'approve' },
      admin: true,
    });
    expect(unknown.status).toBe(404);
    expect((await stack.api('/admin/applications/not-an-id', { admin: true })).status).toBe(404);
  });

  // Moves the clock 8 days on, so it runs last.
  it('410 for a link older than 7 days; the expired application no longer blocks', async () => {
    const body = individual();
    const res = await submit(body);
    const { id } = (await res.json()) as { id: string };
    const link = confirmLink((await emailTo(body.email))[0]!);
    await stack.advanceTo(new Date(stack.clock.now().getTime() + 8 * 86_400_000));
    const late = await fetch(link);
    expect(late.status).toBe(410);
    expect(await late.json()).toMatchObject({ error: { code: 'token_expired' } });
    expect((await stack.api(`/admin/applications/${id}`, { admin: true })).status).toBe(404);
    const pending = (await (
      await stack.api('/admin/applications?status=pending_confirmation&limit=100', { admin: true })
    ).json()) as {
      items: { id: string }[];
    };
    expect(pending.items.map((i) => i.id)).not.toContain(id);
    expect((await submit(body)).status).toBe(202);
  });
});

describe('personal data in logs', () => {
  it('no log line contains an email address, CNIC, date of birth or token', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.some((l) => l.includes('application received'))).toBe(true);
    for (const line of logLines) {
      for (const secret of secrets) expect(line, 'a log line leaks personal data').not.toContain(secret);
    }
  });
});

describe('POST /applications/resend', () => {
  const resend = (email: string) => stack.api('/applications/resend', { json: { email } });

  it('sends a waiting application a new link, answers an unknown address the same, and confirms with the new link', async () => {
    const body = individual();
    expect((await submit(body)).status).toBe(202);
    const first = confirmLink((await emailTo(body.email))[0]!);

    const known = await resend(body.email.toUpperCase());
    const unknown = await resend('nobody.applied@example.org');
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
    expect(await emailTo('nobody.applied@example.org')).toEqual([]);

    const mails = await emailTo(body.email);
    expect(mails).toHaveLength(2);
    const second = confirmLink(mails[1]!);
    expect(second).not.toBe(first);
    expect((await fetch(second)).status).toBe(200);
    const { items } = (await (
      await stack.api('/admin/applications?status=submitted&limit=100', { admin: true })
    ).json()) as {
      items: { email?: string }[];
    };
    expect(items.length).toBeGreaterThan(0);
    // Confirmed: nothing waits any more, so nothing more is sent.
    expect((await resend(body.email)).status).toBe(202);
    expect(await emailTo(body.email)).toHaveLength(2);
  });

  it('refuses what is not an address (400), and past the address limit answers 429 whether or not anyone applied', async () => {
    expect((await resend('not an address')).status).toBe(400);
    const address = 'limit.probe@example.org';
    const replies: number[] = [];
    for (let i = 0; i < 4; i++) replies.push((await resend(address)).status);
    // Three confirmation emails per mailbox per hour (the default): the fourth is refused.
    expect(replies).toEqual([202, 202, 202, 429]);
    expect(await emailTo(address)).toEqual([]);
  });
});
