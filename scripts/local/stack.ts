// The whole system on one machine: DynamoDB Local, aws-ses-v2-local, the scheduler
// stand-in on a movable clock, and the HTTP front for the handlers. `npm start` and the
// tests both start it through here, so what the tests exercise is what people run.
// The API port opens last, once every table exists and the seed is written: a request
// that gets through is a request the stack is ready for.

import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetDynamo } from '../../shared/aws/dynamodb.ts';
import { resetS3 } from '../../shared/aws/s3.ts';
import { resetSes } from '../../shared/aws/ses.ts';
import { MovableClock, useClock } from '../../shared/clock.ts';
import { isTimeZone, reloadConfig, tableEnvVar } from '../../shared/config.ts';
import type { HttpResult } from '../../shared/http/types.ts';
import { routes } from '../../shared/routes/index.ts';
import { resetScheduler } from '../../shared/scheduler/index.ts';
import { recurringSchedules } from '../../shared/scheduler/recurring.ts';
import { type TableKey, tables } from '../../shared/tables.ts';
import { buildConsole } from '../build-console.ts';
import { ensureTables, type RunningDynamo, startDynamo } from './dynamodb.ts';
import { createLocalServer } from './http-server.ts';
import { LocalIdp } from './idp.ts';
import { invoke, overrideTimeouts } from './invoke.ts';
import { authorize } from './jwt-authorizer.ts';
import { assertPortFree, freePort } from './ports.ts';
import { type RunningS3, startS3 } from './s3.ts';
import { SchedulerRunner } from './scheduler-runner.ts';
import { type RunningSes, startSes } from './ses.ts';

/** Who the admin token is, unless LOCAL_ADMIN_EMAIL (npm start) or the options say otherwise. */
export const DEFAULT_ADMIN_EMAIL = 'local-admin@wikimedia.pk.example';

export interface StackOptions {
  /** Use an already running DynamoDB Local / SES local (tests share one per run). */
  dynamodbEndpoint?: string;
  sesEndpoint?: string;
  /** An already running S3 emulator (the test stack starts one per file). */
  s3Endpoint?: string;
  dynamodbPort?: number;
  sesPort?: number;
  /** s3rver's port (npm start: S3_PORT, default 4569); absent: a free port. */
  s3Port?: number;
  /** Where s3rver keeps the documents (npm start: .local/s3); absent: a temporary directory, removed at stop. */
  s3Dir?: string;
  /** Where DynamoDB Local keeps its files; in memory when absent. */
  dbPath?: string;
  apiPort: number;
  adminToken: string;
  /** The organiser the admin token stands for (their email is the "who" of what it does). */
  adminEmail?: string;
  /** Prefix for physical table names, so parallel test files do not share data. */
  tablePrefix: string;
  /** Start the clock here instead of at the real time. */
  startAt?: Date;
  /** Fire schedules as real time passes (npm start); tests move the clock by hand. */
  tick?: boolean;
  /** Write the example data (scripts/local/seed.ts) before the port opens. */
  seed?: boolean;
  /** Function timeouts in ms other than the route table's (tests of deadlines). */
  timeoutsMs?: Record<string, number>;
  env?: Record<string, string>;
}

export interface LocalStack {
  apiUrl: string;
  sesUrl: string;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  /** The report documents bucket (created at start). */
  uploadsBucket: string;
  clock: MovableClock;
  runner: SchedulerRunner;
  server: Server;
  /** The local identity provider (issuer, client id, and its key for tests' own tokens). */
  idp: LocalIdp;
  /** The organiser the admin token stands for. */
  adminEmail: string;
  ses?: RunningSes;
  dynamodb?: RunningDynamo;
  s3?: RunningS3;
  /** What the seed wrote, one line each (empty without `seed`). */
  seeded: string[];
  stop(): Promise<void>;
}

export async function startLocalStack(options: StackOptions): Promise<LocalStack> {
  const started: { stop(): Promise<void> }[] = [];
  try {
    if (!options.dynamodbEndpoint)
      await assertPortFree(options.dynamodbPort ?? 8000, 'DYNAMODB_PORT', 'DynamoDB Local');
    if (!options.sesEndpoint) await assertPortFree(options.sesPort ?? 8005, 'SES_PORT', 'SES local');
    if (!options.s3Endpoint && options.s3Port)
      await assertPortFree(options.s3Port, 'S3_PORT', 'S3 local (s3rver)');
    if (options.apiPort !== 0) await assertPortFree(options.apiPort, 'PORT', 'the API');

    const dynamodb = options.dynamodbEndpoint
      ? undefined
      : await startDynamo({ port: options.dynamodbPort ?? 8000, dbPath: options.dbPath });
    if (dynamodb) started.push(dynamodb);
    const ses = options.sesEndpoint ? undefined : await startSes({ port: options.sesPort ?? 8005 });
    if (ses) started.push(ses);
    const uploadsBucket = `${options.tablePrefix}uploads`;
    const s3Dir = options.s3Dir ?? (await mkdtemp(join(tmpdir(), 's3-local-')));
    if (!options.s3Dir) started.push({ stop: () => rm(s3Dir, { recursive: true, force: true }) });
    const s3 = options.s3Endpoint
      ? undefined
      : await startS3({
          port: options.s3Port ?? (await freePort()),
          directory: s3Dir,
          bucket: uploadsBucket,
        });
    if (s3) started.push(s3);
    const s3Endpoint = options.s3Endpoint ?? s3!.endpoint;
    const dynamodbEndpoint = options.dynamodbEndpoint ?? dynamodb!.endpoint;
    const sesUrl = options.sesEndpoint ?? ses!.endpoint;

    overrideTimeouts(options.timeoutsMs ?? {});
    const clock = new MovableClock(options.startAt);
    useClock(clock);
    const runner = new SchedulerRunner(
      clock,
      (target, payload) => invoke(target, payload),
      recurringSchedules,
    );
    // The URL goes into the handlers' configuration before the port opens.
    const apiPort = options.apiPort || (await freePort());
    const apiUrl = `http://127.0.0.1:${apiPort}`;

    // Configuration for the handlers in this process, exactly as CDK would set it in AWS.
    const names = Object.fromEntries(
      (Object.keys(tables) as TableKey[]).map((key) => [
        tableEnvVar(key),
        `${options.tablePrefix}${tables[key].name}`,
      ]),
    );
    Object.assign(process.env, {
      STAGE: 'local',
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      SES_ENDPOINT: sesUrl,
      S3_ENDPOINT: s3Endpoint,
      UPLOADS_BUCKET: uploadsBucket,
      PUBLIC_BASE_URL: apiUrl,
      ADMIN_TOKEN: options.adminToken,
      SCHEDULER_MODE: 'local',
      ...names,
      ...options.env,
    });
    // What cdk synth checks in AWS (infra/config.ts): a cold start checks only the name.
    const { timeZone } = reloadConfig();
    if (!isTimeZone(timeZone))
      throw new Error(`AFFILIATE_TIME_ZONE ${timeZone} is not a time zone ICU knows`);
    resetDynamo();
    resetSes();
    resetS3();
    resetScheduler();
    await ensureTables(
      dynamodbEndpoint,
      (Object.keys(tables) as TableKey[]).map((key) => ({
        def: tables[key],
        name: names[tableEnvVar(key)]!,
      })),
    );

    // The console's script, from its TypeScript source, before anyone can ask for it.
    await buildConsole();
    await runner.restoreClock();
    const seeded = options.seed ? await (await import('./seed.ts')).seedLocalData() : [];

    // Sign-in without AWS: the identity provider console-auth is pointed at (AUTH_DOMAIN
    // defaults to it), and API Gateway's JWT authorizer checking its tokens.
    const adminEmail = options.adminEmail ?? DEFAULT_ADMIN_EMAIL;
    const idp = new LocalIdp({ baseUrl: apiUrl, suggestedEmail: adminEmail });
    const authorizerOptions = {
      issuer: idp.issuer,
      audience: [idp.clientId],
      jwks: () => idp.jwks(),
      adminToken: options.adminToken,
      adminClaims: () => idp.idClaims({ email: adminEmail, organizer: true }),
    };
    const server = createLocalServer({
      routes,
      authorize: (header) => authorize(header, authorizerOptions),
      now: () => clock.now(),
      localRoutes: { ...clockRoutes(clock, runner), ...idp.routes() },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(apiPort, '127.0.0.1', resolve);
    });
    started.push({ stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    if (options.tick) runner.start();

    return {
      apiUrl,
      sesUrl,
      dynamodbEndpoint,
      s3Endpoint,
      uploadsBucket,
      clock,
      runner,
      server,
      idp,
      adminEmail,
      ses,
      dynamodb,
      s3,
      seeded,
      async stop() {
        await runner.stop();
        server.closeAllConnections();
        for (const s of started.reverse()) await s.stop();
      },
    };
  } catch (error) {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    throw error;
  }
}

const reply = (statusCode: number, body: unknown): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

function clockRoutes(clock: MovableClock, runner: SchedulerRunner) {
  return {
    'GET /_local/clock': async () =>
      reply(200, { now: clock.now().toISOString(), pending: await runner.pending() }),
    'POST /_local/clock': async (_req: IncomingMessage, body: Buffer) => {
      let to: Date;
      try {
        const parsed = JSON.parse(body.toString('utf8')) as { to?: unknown };
        if (typeof parsed?.to !== 'string') throw new Error();
        to = new Date(parsed.to);
        if (Number.isNaN(to.getTime()) || !/^\d{4}-\d\d-\d\dT/.test(parsed.to)) throw new Error();
      } catch {
        return reply(400, {
          error: {
            code: 'invalid_request',
            message: 'Send {"to": "<ISO-8601 instant>"}.',
            fields: [{ field: 'to', message: 'an ISO-8601 instant' }],
          },
        });
      }
      if (to < clock.now()) {
        return reply(409, {
          error: {
            code: 'clock_backwards',
            message: `The clock is at ${clock.now().toISOString()} and cannot move backwards.`,
          },
        });
      }
      const fired = await runner.advanceTo(to);
      return reply(200, { now: clock.now().toISOString(), fired });
    },
  };
}
