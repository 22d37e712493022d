// The foundation's pure pieces: the movable clock, body reading, language choice,
// log redaction, configuration and the API Gateway event the local server builds.

import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { deployConfig } from '../../infra/config.ts';
import { toEvent } from '../../scripts/local/http-server.ts';
import { MovableClock } from '../../shared/clock.ts';
import { ConfigError, isTimeZone, loadConfig } from '../../shared/config.ts';
import { HttpError } from '../../shared/errors.ts';
import { readBody } from '../../shared/http/body.ts';
import { t } from '../../shared/i18n/common.ts';
import { negotiateLanguage } from '../../shared/i18n/index.ts';
import { MAX_LOGGED_STRING, redact } from '../../shared/log.ts';
import { openApiDocument } from '../../shared/openapi.ts';
import { health } from '../../shared/routes/replies.ts';
import { atExpression } from '../../shared/scheduler/port.ts';
import { nextOccurrence } from '../../shared/scheduler/recurring.ts';
import { awsEnvironment } from '../support/aws-env.ts';

describe('MovableClock', () => {
  it('runs on at real speed from where it was set, and refuses to go back', () => {
    let real = 1_000;
    const clock = new MovableClock(new Date('2026-07-15T00:00:00Z'), () => real);
    real += 5_000;
    expect(clock.now().toISOString()).toBe('2026-07-15T00:00:05.000Z');
    clock.set(new Date('2027-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(() => clock.set(new Date('2026-12-31T23:59:59Z'))).toThrow(RangeError);
  });
});

const event = (body: string | undefined, type?: string) => ({
  headers: type ? { 'Content-Type': type } : {},
  body,
  isBase64Encoded: false,
});
const statusOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as HttpError).statusCode;
  }
  return 0;
};

describe('readBody', () => {
  it('reads JSON objects and HTML forms, keeping a field sent twice as an array', () => {
    expect(readBody(event('{"a":1}', 'application/json; charset=utf-8')).data).toEqual({ a: 1 });
    const form = readBody(event('name=%D8%B9%D8%A7&x=1&x=2', 'application/x-www-form-urlencoded'), {
      accept: ['json', 'form'],
    });
    expect(form.format).toBe('form');
    expect({ ...form.data }).toEqual({ name: 'عا', x: ['1', '2'] });
  });

  it('answers 400 for broken JSON and non-objects, 413 over the limit, 415 for other types', () => {
    expect(statusOf(() => readBody(event('{"a":', 'application/json')))).toBe(400);
    expect(statusOf(() => readBody(event('[1,2]', 'application/json')))).toBe(400);
    expect(statusOf(() => readBody(event('null', 'application/json')))).toBe(400);
    expect(statusOf(() => readBody(event('x'.repeat(65 * 1024), 'application/json')))).toBe(413);
    expect(statusOf(() => readBody(event('a=1', 'text/plain')))).toBe(415);
    expect(statusOf(() => readBody(event('a=1')))).toBe(415);
    expect(statusOf(() => readBody(event('a=1', 'application/x-www-form-urlencoded')))).toBe(415);
    expect(statusOf(() => readBody(event('{}', 'application/json; charset=latin1')))).toBe(415);
  });

  it('keeps a __proto__ key as data rather than changing any prototype', () => {
    const { data } = readBody(event('{"__proto__":{"polluted":true}}', 'application/json'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(data)).toEqual(['__proto__']);
  });

  it('refuses bytes that are not UTF-8', () => {
    const e = {
      headers: { 'content-type': 'application/json' },
      body: Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'),
      isBase64Encoded: true,
    };
    expect(statusOf(() => readBody(e))).toBe(400);
  });
});

describe('language choice', () => {
  it('takes ?lang= first, then Accept-Language by quality, then English', () => {
    expect(negotiateLanguage('ur', 'en')).toBe('ur');
    expect(negotiateLanguage('xx', 'fr;q=0.9, ur-PK;q=0.8, en;q=0.1')).toBe('ur');
    expect(negotiateLanguage(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(negotiateLanguage(undefined, 'de, fr')).toBe('en');
    expect(negotiateLanguage(undefined, 'ur;q=0')).toBe('en');
    expect(negotiateLanguage(undefined, undefined)).toBe('en');
  });

  it('fills placeholders and falls back to English for a missing message', () => {
    expect(t('ur', 'common.siteName')).not.toBe(t('en', 'common.siteName'));
    expect(t('xx', 'common.siteName')).toBe(t('en', 'common.siteName'));
  });
});

describe('log redaction', () => {
  it('removes personal fields and masks emails and CNICs anywhere in a value', () => {
    const out = JSON.stringify(
      redact({
        email: 'ali@example.org',
        dateOfBirth: '2000-01-01',
        cnic: '12345-1234567-1',
        note: 'from ali@example.org with 3520212345671',
        nested: [{ contactEmails: ['a@b.org'] }],
        status: 'submitted',
      }),
    );
    expect(out).not.toMatch(/ali@example\.org|a@b\.org|2000-01-01|1234567|3520212345671/);
    expect(out).toContain('submitted');
  });

  it('leaves package paths in stack traces readable', () => {
    const line = 'at send (/app/node_modules/@smithy/core/dist-es/index.js:10:5)';
    expect(redact(line)).toBe(line);
  });

  it('masks addresses next to each other and keeps what is not one', () => {
    expect(redact('a@b.org,c@d.org x@y z@.org user@host.')).toBe('[email],[email] x@y z@.org user@host.');
  });

  it('cuts a very long string instead of logging all of it', () => {
    const out = redact(`${'a'.repeat(100_000)}@example.org`) as string;
    expect(out.length).toBeLessThan(MAX_LOGGED_STRING + 20);
    expect(out.endsWith('…[cut]')).toBe(true);
  });
});

describe('configuration', () => {
  it('works with defaults locally and fails fast on a missing setting in AWS', () => {
    const local = { STAGE: 'local' };
    expect(loadConfig(local).stage).toBe('local');
    expect(() => loadConfig({ STAGE: 'prod' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...local, AFFILIATE_TIME_ZONE: 'Asia Karachi' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...local, APPLICATION_RETENTION_DAYS: '-3' })).toThrow(ConfigError);
    expect(
      loadConfig({ ...local, CNIC_HMAC_SECRET_ARN: 'arn:aws:secretsmanager:x' }).secrets.cnicHmac,
    ).toEqual({
      arn: 'arn:aws:secretsmanager:x',
    });
  });

  it('knows time zones by their canonical names and their aliases', () => {
    for (const zone of ['Asia/Karachi', 'Europe/London', 'UTC', 'Etc/UTC', 'Asia/Calcutta', 'Asia/Kolkata'])
      expect(isTimeZone(zone), zone).toBe(true);
    for (const zone of ['Mars/Olympus', 'Asia/Lahore', '', 'asia karachi'])
      expect(isTimeZone(zone), zone).toBe(false);
    expect(loadConfig({ STAGE: 'local', AFFILIATE_TIME_ZONE: 'UTC' }).timeZone).toBe('UTC');
  });

  it("checks only the time zone's name at a cold start (cdk synth asks ICU), so ICU's data costs no cold start", () => {
    const format = vi.spyOn(Intl, 'DateTimeFormat');
    const zones = vi.spyOn(Intl, 'supportedValuesOf');
    try {
      expect(loadConfig({ STAGE: 'local', AFFILIATE_TIME_ZONE: 'Asia/Karachi' }).timeZone).toBe(
        'Asia/Karachi',
      );
      expect(format).not.toHaveBeenCalled();
      expect(zones).not.toHaveBeenCalled();
    } finally {
      format.mockRestore();
      zones.mockRestore();
    }
  });

  it('refuses at cdk synth a time zone ICU does not know', () => {
    // The dev stage as cdk.json holds it, with another time zone.
    const cdk = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;
    const context = (zone: string) => (key: string) => {
      if (key === 'stage') return 'dev';
      if (key === 'stages') return { ...cdk.stages, dev: { ...cdk.stages.dev, timeZone: zone } };
      return cdk[key];
    };
    expect(deployConfig(context('Asia/Karachi')).timeZone).toBe('Asia/Karachi');
    expect(() => deployConfig(context('Mars/Olympus'))).toThrow(/Mars\/Olympus is not a time zone/);
  });

  it('fails closed when STAGE is not set, rather than using the public local secrets', () => {
    expect(() => loadConfig({})).toThrow(/STAGE is not set/);
    expect(() => loadConfig({ REPORT_LINK_SECRET: 'x' })).toThrow(ConfigError);
  });

  it('stops on a missing secret outside the local stage, naming it', () => {
    const deployed = awsEnvironment();
    expect(loadConfig(deployed).secrets.reportLink).toEqual({ arn: deployed.REPORT_LINK_SECRET_ARN });
    const { CNIC_HMAC_SECRET_ARN: _gone, ...withoutCnic } = deployed;
    expect(() => loadConfig(withoutCnic)).toThrow(/CNIC_HMAC_SECRET_ARN/);
    const { REPORT_LINK_SECRET_ARN: _also, ...withoutLink } = deployed;
    expect(() => loadConfig(withoutLink)).toThrow(/REPORT_LINK_SECRET_ARN/);
  });
});

describe('schedule expressions', () => {
  it('writes at() in UTC without a zone suffix, and finds the next daily occurrence', () => {
    expect(atExpression(new Date('2026-07-15T04:00:00.000Z'))).toBe('at(2026-07-15T04:00:00)');
    const daily = {
      name: 'd',
      target: 'x',
      payload: {},
      description: '',
      dailyAtUtc: { hour: 1, minute: 30 },
    };
    expect(nextOccurrence(daily, new Date('2026-12-31T01:30:00Z')).toISOString()).toBe(
      '2027-01-01T01:30:00.000Z',
    );
    expect(nextOccurrence(daily, new Date('2026-12-31T01:29:00Z')).toISOString()).toBe(
      '2026-12-31T01:30:00.000Z',
    );
  });
});

describe('local API Gateway events', () => {
  it("builds a payload 2.0 event with path parameters, joined query values and the JWT authorizer's claims for admins", () => {
    const req = {
      method: 'POST',
      url: '/admin/applications/abc?x=1&x=2',
      headers: { 'content-type': 'application/json', host: '127.0.0.1:3000' },
      httpVersion: '1.1',
      socket: { remoteAddress: '127.0.0.1' },
    } as never;
    const route = {
      method: 'POST',
      path: '/admin/applications/{id}',
      function: 'f',
      access: 'admin',
      tag: 'review',
      summary: '',
      responses: {},
    } as const;
    const e = toEvent(req, Buffer.from('{"a":1}'), route, { id: 'abc' }, new Date('2026-01-01T00:00:00Z'), {
      principalId: '',
      integrationLatency: 0,
      jwt: { claims: { email: 'sadia@example.org' }, scopes: null },
    });
    expect(e.version).toBe('2.0');
    expect(e.routeKey).toBe('POST /admin/applications/{id}');
    expect(e.pathParameters).toEqual({ id: 'abc' });
    expect(e.queryStringParameters).toEqual({ x: '1,2' });
    expect(e.body).toBe('{"a":1}');
    expect(e.isBase64Encoded).toBe(false);
    expect(e.requestContext.authorizer?.jwt.claims.email).toBe('sadia@example.org');
    const anon = toEvent(req, Buffer.alloc(0), route, {}, new Date());
    expect(anon.requestContext.authorizer).toBeUndefined();
  });
});

describe('OpenAPI', () => {
  it('marks admin routes as needing the organizer token and adds the replies every admin route can give', () => {
    const doc = openApiDocument([
      {
        method: 'GET',
        path: '/admin/x/{id}',
        function: 'f',
        access: 'admin',
        tag: 'review',
        summary: 's',
        responses: {
          200: { description: 'ok', json: health },
          404: { description: 'missing', errors: ['not_found'] },
        },
      },
    ]) as {
      paths: Record<
        string,
        Record<
          string,
          { security?: unknown; parameters: { name: string }[]; responses: Record<string, unknown> }
        >
      >;
    };
    const op = doc.paths['/admin/x/{id}']?.get;
    expect(op?.security).toEqual([{ organizer: [] }]);
    expect(op?.parameters.map((p) => p.name)).toEqual(['id']);
    expect(Object.keys(op?.responses ?? {})).toEqual(['200', '401', '403', '404', '503']);
  });
});

describe('errors', () => {
  it('keep status, code and details for the reply', () => {
    const e = new HttpError(422, 'not_eligible', 'Too young.', { reasons: ['under_18'] });
    expect([e.statusCode, e.code, e.details]).toEqual([422, 'not_eligible', { reasons: ['under_18'] }]);
  });
});
