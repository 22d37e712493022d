// Signing in as a person, on the local stack with its identity provider: the
// authorization-code flow with PKCE through real HTTP, the token the console's script
// gets, admin routes that record the person's email as "who", the refusals API
// Gateway's JWT authorizer and the handlers give (401 for a bad token, 403 outside the
// organizers group, nothing stored), sign-out that revokes, and a `next` that cannot
// send anyone to another site.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSigningKey, signJwt } from '../../scripts/local/jwt.ts';
import { setLogSink } from '../../shared/log.ts';
import { CookieJar, signIn } from '../support/sign-in.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
const logLines: string[] = [];
let previousSink: ReturnType<typeof setLogSink>;

beforeAll(async () => {
  previousSink = setLogSink((line) => logLines.push(line), 'debug');
  stack = await startTestStack({ startAt: new Date('2026-07-15T07:00:00Z') });
});
afterAll(async () => {
  await stack.stop();
  setLogSink(previousSink, 'info');
});

const SADIA = 'sadia.organiser@wikimedia.pk.example';
const OUTSIDER = 'someone.else@example.org';

const withToken = (token: string, path: string, init: RequestInit & { json?: unknown } = {}) =>
  stack.api(path, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${token}` } });

const affiliate = (id: string) => ({
  id,
  name: `Sign-in test ${id}`,
  type: 'user_group',
  country: 'Pakistan',
  contactEmails: [`${id}@groups.example.org`],
  languages: ['en'],
  metaPage: `https://meta.wikimedia.org/wiki/Sign_in_${id}`,
  logoUrl: `https://upload.wikimedia.org/${id}.svg`,
  agreement: { start: '2026-01-01', end: '2026-12-31' },
});

describe('signing in through the local identity provider', () => {
  it('lands on `next` with a session cookie scoped to /console/auth, and gets a 15-minute ID token', async () => {
    const before = Date.now();
    const session = await signIn(stack.apiUrl, {
      email: SADIA,
      next: '/console/applications?status=submitted',
    });
    expect(session.landedAt).toBe('/console/applications?status=submitted');
    expect(session).toMatchObject({ email: SADIA, organizer: true });
    const expires = new Date(session.expiresAt).getTime();
    expect(expires - before).toBeGreaterThan(14 * 60_000);
    expect(expires - before).toBeLessThanOrEqual(15 * 60_000 + 2000);
    expect([...session.jar.cookies.keys()]).toEqual(['console_session']);
    expect(session.jar.cookies.get('console_session')!.path).toBe('/console/auth');
    // The token is the ID token: it names the person and the app client.
    const claims = JSON.parse(Buffer.from(session.token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({
      email: SADIA,
      token_use: 'id',
      aud: stack.idp.clientId,
      iss: stack.idp.issuer,
      'cognito:groups': ['organizers'],
    });
  });

  it('sets the cookies HttpOnly, the session one SameSite=Strict, and never caches the replies', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${stack.apiUrl}/console/sign-in`);
    expect(start.status).toBe(302);
    expect(start.headers.get('cache-control')).toBe('no-store');
    const [trip] = start.headers.getSetCookie();
    expect(trip).toMatch(
      /^console_sign_in=[\w-]+; Path=\/console\/auth\/callback; Max-Age=600; SameSite=Lax; HttpOnly$/,
    );
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.pathname).toBe('/_local/idp/oauth2/authorize');
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: stack.idp.clientId,
      redirect_uri: `${stack.apiUrl}/console/auth/callback`,
      code_challenge_method: 'S256',
      scope: 'openid email',
    });
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    const form = new URLSearchParams(authorize.searchParams);
    form.set('email', SADIA);
    form.set('organizer', 'yes');
    const back = await jar.fetch(`${authorize.origin}${authorize.pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const callback = await jar.fetch(back.headers.get('location')!);
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/console/');
    const set = callback.headers.getSetCookie();
    expect(set).toContainEqual(
      expect.stringMatching(/^console_sign_in=; Path=\/console\/auth\/callback; Max-Age=0/),
    );
    expect(set).toContainEqual(
      expect.stringMatching(
        /^console_session=[\w-]+; Path=\/console\/auth; Max-Age=43200; SameSite=Strict; HttpOnly$/,
      ),
    );
    // The code is good once: the same callback again is refused, and nothing is set.
    const replay = await fetch(back.headers.get('location')!, {
      redirect: 'manual',
      headers: { cookie: `console_sign_in=${trip!.split(';')[0]!.split('=')[1]}` },
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: { code: 'sign_in_expired' } });
  });

  it('refuses a callback without the sign-in cookie, or with another state (login CSRF)', async () => {
    const noCookie = await fetch(`${stack.apiUrl}/console/auth/callback?code=x&state=y`, {
      redirect: 'manual',
    });
    expect(noCookie.status).toBe(400);
    expect(noCookie.headers.getSetCookie()).toEqual([]);
    const jar = new CookieJar();
    await jar.fetch(`${stack.apiUrl}/console/sign-in`);
    const other = await jar.fetch(`${stack.apiUrl}/console/auth/callback?code=x&state=someone-elses-state`);
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: { code: 'sign_in_expired' } });
    // A browser gets a page, not JSON.
    const page = await jar.fetch(`${stack.apiUrl}/console/auth/callback?error=access_denied`, {
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('(access_denied)');
    // Text someone put in the address bar is not repeated on our page.
    const planted = await fetch(
      `${stack.apiUrl}/console/auth/callback?error=${encodeURIComponent('Call +92 300 0000000 to restore access')}`,
    );
    expect(planted.status).toBe(401);
    expect(JSON.stringify(await planted.json())).not.toContain('0000000');
  });

  it('a stolen code is useless without the PKCE verifier', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${stack.apiUrl}/console/sign-in`);
    const authorize = new URL(start.headers.get('location')!);
    const form = new URLSearchParams(authorize.searchParams);
    form.set('email', SADIA);
    const back = await fetch(`${authorize.origin}${authorize.pathname}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const code = new URL(back.headers.get('location')!).searchParams.get('code')!;
    const res = await fetch(`${stack.idp.issuer}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: stack.idp.clientId,
        code,
        redirect_uri: `${stack.apiUrl}/console/auth/callback`,
        code_verifier: 'a'.repeat(43),
      }).toString(),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant' });
  });
});

describe('acting as the signed-in organiser', () => {
  it("records the organiser's email as who on the timeline and on an application decision", async () => {
    const { token } = await signIn(stack.apiUrl, { email: SADIA });
    const created = await withToken(token, '/admin/affiliates', {
      json: affiliate('signin-a'),
      method: 'POST',
    });
    expect(created.status).toBe(201);
    const paused = await withToken(token, '/admin/affiliates/signin-a/pause', {
      method: 'POST',
      json: { reason: 'talking to the new board' },
    });
    expect(paused.status).toBe(200);
    const detail = (await (await withToken(token, '/admin/affiliates/signin-a')).json()) as {
      affiliate: { timeline: { what: string; who: string }[] };
    };
    const whos = new Set(detail.affiliate.timeline.filter((e) => e.who !== 'system').map((e) => e.who));
    expect(whos).toEqual(new Set([SADIA]));
    expect(detail.affiliate.timeline.map((e) => e.what)).toContain('Automation paused');

    const applicant = `applicant.${Date.now()}@example.org`;
    const submitted = await stack.api('/applications', {
      json: {
        kind: 'institution',
        name: 'Quetta Reading Room',
        email: applicant,
        registrationNumber: `QTA-${Date.now()}`,
        registrationAuthority: 'Balochistan Societies Registration',
        registeredIn: 'PK',
        contactName: 'Hina Baloch',
      },
    });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const [mail] = await stack.emailsTo(applicant);
    const link = /(http:\/\/\S+\/applications\/confirm\?token=[\w-]+)/.exec(mail!.body.text ?? '')![1]!;
    expect((await fetch(link)).status).toBe(200);
    const decided = await withToken(token, `/admin/applications/${id}/decision`, {
      method: 'POST',
      json: { decision: 'approve' },
    });
    expect(decided.status).toBe(200);
    expect(
      ((await decided.json()) as { application: { decision: { by: string } } }).application.decision.by,
    ).toBe(SADIA);
  });

  it('the admin token still works, acting as the named local organiser', async () => {
    const created = await stack.api('/admin/affiliates', { admin: true, json: affiliate('signin-b') });
    expect(created.status).toBe(201);
    const detail = (await (await stack.api('/admin/affiliates/signin-b', { admin: true })).json()) as {
      affiliate: { timeline: { who: string }[] };
    };
    expect(detail.affiliate.timeline.some((e) => e.who === stack.adminEmail)).toBe(true);
  });
});

describe('refusals', () => {
  it('someone outside organizers gets 403, stores nothing, and leaves one log line without their email', async () => {
    const outsider = await signIn(stack.apiUrl, { email: OUTSIDER, organizer: false });
    expect(outsider).toMatchObject({ email: OUTSIDER, organizer: false });
    logLines.length = 0;
    const refused = await withToken(outsider.token, '/admin/affiliates', {
      method: 'POST',
      json: affiliate('signin-outsider'),
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: { code: 'forbidden', message: expect.stringContaining('organizers') },
    });
    // Refused before the body is even read: a malformed body gets the same answer.
    const malformed = await withToken(outsider.token, '/admin/affiliates', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(malformed.status).toBe(403);
    expect((await withToken(outsider.token, '/admin/applications')).status).toBe(403);
    expect((await stack.api('/admin/affiliates/signin-outsider', { admin: true })).status).toBe(404);
    const refusals = logLines.filter((l) => l.includes('not in the organizers group'));
    expect(refusals).toHaveLength(3);
    const sub = stack.idp.subOf(OUTSIDER);
    for (const line of refusals) {
      expect(JSON.parse(line)).toMatchObject({ level: 'warn', sub });
    }
    expect(logLines.join('\n')).not.toContain(OUTSIDER);
  });

  it('an expired, forged, foreign or tampered token gets 401 from the authorizer, and the handler never runs', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = stack.idp.idClaims({ email: SADIA, organizer: true });
    const other = newSigningKey();
    const tampered = (() => {
      const [h, , s] = stack.idp.sign(claims).split('.');
      const payload = Buffer.from(JSON.stringify({ ...claims, email: 'someone@evil.example' })).toString(
        'base64url',
      );
      return `${h}.${payload}.${s}`;
    })();
    const cases: Record<string, string> = {
      expired: stack.idp.sign({ ...claims, iat: now - 3600, exp: now - 60 }),
      'signed by another key with our key id': signJwt(
        { kid: stack.idp.jwks()[0]!.kid, privateKey: other.privateKey },
        claims,
      ),
      'another issuer': stack.idp.sign({
        ...claims,
        iss: 'https://cognito-idp.eu-west-1.amazonaws.com/other',
      }),
      'another app client': stack.idp.sign({ ...claims, aud: 'someone-elses-client' }),
      'not yet valid': stack.idp.sign({ ...claims, nbf: now + 600 }),
      tampered,
      'not a JWT': 'hello',
    };
    for (const [name, token] of Object.entries(cases)) {
      const res = await withToken(token, '/admin/affiliates');
      expect(res.status, name).toBe(401);
      expect(await res.json(), name).toEqual({ message: 'Unauthorized' });
    }
    // API Gateway's own reply (the handlers answer { error: ... }): no function ran.
    const none = await stack.api('/admin/affiliates');
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ message: 'Unauthorized' });
  });

  it('an access token (no email to record) is refused by the handler', async () => {
    const claims = stack.idp.idClaims({ email: SADIA, organizer: true });
    const { aud: _aud, email: _email, ...rest } = claims;
    const access = stack.idp.sign({ ...rest, token_use: 'access', client_id: stack.idp.clientId });
    const res = await withToken(access, '/admin/affiliates');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('the token endpoint says signed_out without a session', async () => {
    const res = await fetch(`${stack.apiUrl}/console/auth/token`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'signed_out', message: 'Not signed in.' } });
  });
});

describe('signing out', () => {
  it('revokes the refresh token, clears the cookie and ends on the signed-out page', async () => {
    const session = await signIn(stack.apiUrl, { email: SADIA });
    const stolenCookie = session.jar.headerFor(`${stack.apiUrl}/console/auth/token`);
    const out = await session.jar.fetch(`${stack.apiUrl}/console/sign-out`, { method: 'POST' });
    expect(out.status).toBe(307);
    expect(out.headers.get('location')).toBe('/console/auth/sign-out');
    const revoked = await session.jar.fetch(`${stack.apiUrl}/console/auth/sign-out`, { method: 'POST' });
    expect(revoked.status).toBe(303);
    expect(session.jar.cookies.size).toBe(0);
    // Our own page first (a form's redirects must stay on this origin), which sends the
    // browser through the sign-in service's logout, which comes back to the plain page.
    expect(revoked.headers.get('location')).toBe('/console/auth/signed-out?ending=1');
    const ending = await fetch(`${stack.apiUrl}/console/auth/signed-out?ending=1`);
    const markup = await ending.text();
    const refresh = /<meta http-equiv="refresh" content="0;url=([^"]+)">/
      .exec(markup)?.[1]
      ?.replaceAll('&amp;', '&');
    const logout = new URL(refresh!);
    expect(logout.pathname).toBe('/_local/idp/logout');
    expect(Object.fromEntries(logout.searchParams)).toEqual({
      client_id: stack.idp.clientId,
      logout_uri: `${stack.apiUrl}/console/auth/signed-out`,
    });
    const toPage = await session.jar.fetch(logout.toString());
    expect(toPage.headers.get('location')).toBe(`${stack.apiUrl}/console/auth/signed-out`);
    const page = await fetch(toPage.headers.get('location')!);
    expect(page.status).toBe(200);
    const final = await page.text();
    expect(final).toContain('You have signed out');
    expect(final).not.toContain('http-equiv="refresh"');

    // The cookie a thief copied before sign-out no longer gets a token.
    const again = await fetch(`${stack.apiUrl}/console/auth/token`, {
      method: 'POST',
      headers: { cookie: stolenCookie },
    });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: { code: 'signed_out' } });
    expect(again.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^console_session=; .*Max-Age=0/),
    );
  });
});

describe('`next` after sign-in', () => {
  it.each([
    'https://evil.example/console/',
    '//evil.example/console/',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/console/../admin/affiliates',
    '/console/%2e%2e/admin',
    '/consolex',
    '/apply',
    '/console/\nSet-Cookie: x=1',
    'console/',
  ])('refuses %j with 400 and no redirect', async (next) => {
    const res = await fetch(`${stack.apiUrl}/console/sign-in?next=${encodeURIComponent(next)}`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.json()).toMatchObject({
      error: { code: 'invalid_request', fields: [{ field: 'next' }] },
    });
  });

  it('keeps a console path with its query', async () => {
    const session = await signIn(stack.apiUrl, {
      email: SADIA,
      next: '/console/affiliates/signin-a?tab=timeline',
    });
    expect(session.landedAt).toBe('/console/affiliates/signin-a?tab=timeline');
  });
});
