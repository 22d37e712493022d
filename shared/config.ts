// Configuration: read from the environment once, validated, failing fast at cold start.
// No other module reads process.env. STAGE must be set: `local` (the local stack and the
// tests set it) gives every setting a working default; anywhere else a missing setting
// or secret stops the function with the variable's name, never a public default. In AWS
// the CDK stack sets every variable (see infra/stateless-stack.ts and infra/stateless/).

export type Stage = 'local' | 'dev' | 'prod';

export interface Config {
  stage: Stage;
  region: string;
  /** Set only locally: the DynamoDB Local and aws-ses-v2-local endpoints. */
  dynamodbEndpoint?: string;
  sesEndpoint?: string;
  /** Report documents (PDF): the bucket, and locally the s3rver endpoint (path-style). */
  uploads: { bucket: string; endpoint?: string };
  /** Public base URL of the API, used in links inside emails. */
  publicBaseUrl: string;
  mail: {
    from: string;
    organizers: string;
    /** Where people write back: the Reply-To of every email, shown on pages and in sign-offs. */
    contact: string;
    wikimediaL: string;
    configurationSet?: string;
  };
  scheduler: {
    mode: 'local' | 'aws';
    group: string;
    roleArn: string;
    targetArn: string;
    deadLetterArn: string;
  };
  /** Names of the secrets; values come from shared/secrets.ts. */
  secrets: {
    cnicHmac: SecretSource;
    reportLink: SecretSource;
  };
  /** After a rotation, how long the previous key still verifies (days). */
  secretGraceDays: {
    cnicHmac: number;
    reportLink: number;
  };
  /** Local only: the bearer token that makes a request an admin request. */
  adminToken?: string;
  /**
   * Where people sign in (console-auth): the OAuth 2.0 server (Cognito's managed-login
   * domain in AWS, the local identity provider locally) and the app client. Only the
   * console-auth function has it in AWS; see signInSettings().
   */
  signIn?: SignInSettings;
  /** What an approved member is pointed to: the group's page, and its channels if set. */
  group: { pageUrl: string; channels?: string };
  /** Deadlines are calendar days in this zone. */
  timeZone: string;
  metaApiUrl: string;
  /**
   * Title of the meta-wiki page that lists affiliate reports (the Affiliates Data
   * Portal's Reports page; docs/reports.md says why). Emails, pages and verification all
   * use it; its address comes from metaPageUrl in shared/reports/meta-url.ts.
   */
  metaReportsPage: string;
  /** How long one meta-wiki API call may take before we give up and retry later. */
  metaTimeoutMs: number;
  /**
   * Talk-page notices (docs/lifecycle.md): which notices to the contacts are also posted
   * on the affiliate's meta Talk page ('all', or kinds; empty: none, the default), and
   * the bot password they are posted with ({"username": "Bot@app", "password": "..."}).
   */
  talkPage: { kinds: 'all' | string[]; botPassword: SecretSource };
  applicationRetentionDays: number;
  /** Abuse limits, counted in DynamoDB (shared/limits/); see docs/limits.md. */
  limits: Limits;
  /** Physical table names set by the CDK stack, keyed by environment variable (TABLE_*). */
  tableNames: Record<string, string>;
}

export interface Limits {
  /** Applications one client address (hashed source IP) may send per hour: an event behind one NAT. */
  applicationsPerClientPerHour: number;
  /** Confirmation emails to one mailbox (case, +tag and ignored dots folded) per hour. */
  confirmationsPerAddressPerHour: number;
  /** Confirmation emails to one recipient domain per hour. */
  confirmationsPerDomainPerHour: number;
  /** Confirmation emails in total per UTC day; reaching it raises an alarm. */
  confirmationsPerDay: number;
  /** Stored report submissions (each emails the contacts) per affiliate per UTC day. */
  reportsPerAffiliatePerDay: number;
}

export interface SignInSettings {
  /** Base URL of the authorization server: https://<prefix>.auth.<region>.amazoncognito.com */
  domain: string;
  /** The app client (a public client: authorization code with PKCE, no secret). */
  clientId: string;
}

export type SecretSource = { value: string } | { arn: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env): Config {
  if (!env.STAGE)
    throw new ConfigError(
      'STAGE is not set: the CDK stack sets dev or prod; the local stack and the tests set local',
    );
  const stage = env.STAGE as Stage;
  if (!['local', 'dev', 'prod'].includes(stage)) throw new ConfigError(`STAGE must be local, dev or prod`);
  const local = stage === 'local';
  const need = (name: string, localDefault: string): string => {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (local) return localDefault;
    throw new ConfigError(`missing environment variable ${name}`);
  };
  const secret = (name: string, localDefault: string): SecretSource => {
    const arn = env[`${name}_ARN`];
    if (arn) return { arn };
    const value = env[name];
    if (value) return { value };
    if (local) return { value: localDefault };
    throw new ConfigError(`missing secret: set ${name}_ARN (or ${name}); STAGE=${stage} has no default`);
  };
  const int = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer`);
    return n;
  };
  const positive = (name: string, fallback: number): number => {
    const n = int(name, fallback);
    if (n < 1) throw new ConfigError(`${name} must be at least 1`);
    return n;
  };
  const mode = need('SCHEDULER_MODE', 'local');
  if (mode !== 'local' && mode !== 'aws') throw new ConfigError('SCHEDULER_MODE must be local or aws');
  const timeZone = env.AFFILIATE_TIME_ZONE || 'Asia/Karachi';
  // The shape only: `cdk synth` asks ICU whether the zone exists (infra/config.ts), so a
  // cold start does not pay ICU's zone list (3 ms) for a value checked at deploy time.
  if (!TIME_ZONE_NAME.test(timeZone))
    throw new ConfigError(`AFFILIATE_TIME_ZONE ${timeZone} is not a time zone name`);
  const publicBaseUrl = need('PUBLIC_BASE_URL', `http://127.0.0.1:${env.PORT || '3000'}`).replace(/\/+$/, '');
  const signInDomain = (env.AUTH_DOMAIN || (local ? `${publicBaseUrl}/_local/idp` : '')).replace(/\/+$/, '');
  const signInClient = env.AUTH_CLIENT_ID || (local ? 'local-console' : '');
  if (signInDomain && !/^https?:\/\//.test(signInDomain)) throw new ConfigError('AUTH_DOMAIN must be a URL');
  if (!local && signInDomain.startsWith('http:')) throw new ConfigError('AUTH_DOMAIN must be https');
  return {
    stage,
    region: env.AWS_REGION || (local ? 'local' : 'eu-west-1'),
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    sesEndpoint: env.SES_ENDPOINT || undefined,
    publicBaseUrl,
    uploads: {
      bucket: need('UPLOADS_BUCKET', 'affiliate-compliance-local-uploads'),
      endpoint: env.S3_ENDPOINT || undefined,
    },
    mail: {
      from: need('MAIL_FROM', 'noreply@wikimedia.pk.example'),
      organizers: need('ORGANIZERS_EMAIL', 'organizers@wikimedia.pk.example'),
      contact: env.CONTACT_EMAIL || need('ORGANIZERS_EMAIL', 'organizers@wikimedia.pk.example'),
      wikimediaL: need('WIKIMEDIA_L_EMAIL', 'wikimedia-l@lists.wikimedia.example'),
      configurationSet: env.SES_CONFIGURATION_SET || undefined,
    },
    scheduler: {
      mode,
      group: need('SCHEDULE_GROUP', 'affiliate-compliance-local'),
      roleArn: need('SCHEDULER_ROLE_ARN', 'arn:aws:iam::000000000000:role/local-scheduler'),
      targetArn: need('LIFECYCLE_FUNCTION_ARN', 'arn:aws:lambda:local:000000000000:function:lifecycle'),
      deadLetterArn: need('SCHEDULER_DLQ_ARN', 'arn:aws:sqs:local:000000000000:scheduler-dlq'),
    },
    secrets: {
      cnicHmac: secret('CNIC_HMAC_SECRET', 'local-cnic-secret-not-for-production'),
      reportLink: secret('REPORT_LINK_SECRET', 'local-report-link-secret-not-for-production'),
    },
    // Report links: past the last reminder round before a rotation. CNIC hashes: claims
    // hashed with the previous key are still found as duplicates for this long.
    secretGraceDays: {
      cnicHmac: int('CNIC_HMAC_GRACE_DAYS', 400),
      reportLink: int('REPORT_LINK_GRACE_DAYS', 60),
    },
    adminToken: local ? env.ADMIN_TOKEN || 'local-admin-token' : undefined,
    signIn: signInDomain && signInClient ? { domain: signInDomain, clientId: signInClient } : undefined,
    group: {
      pageUrl:
        env.GROUP_PAGE_URL || 'https://meta.wikimedia.org/wiki/Wikimedia_Community_User_Group_Pakistan',
      channels: env.GROUP_CHANNELS || undefined,
    },
    timeZone,
    metaApiUrl: env.META_API_URL || 'https://meta.wikimedia.org/w/api.php',
    metaReportsPage: env.META_REPORTS_PAGE || 'Wikimedia Affiliates Data Portal/Reports',
    metaTimeoutMs: int('META_API_TIMEOUT_MS', 5000),
    talkPage: talkPageConfig(env, local),
    applicationRetentionDays: int('APPLICATION_RETENTION_DAYS', 90),
    limits: {
      applicationsPerClientPerHour: positive('LIMIT_APPLICATIONS_PER_CLIENT_HOUR', 200),
      confirmationsPerAddressPerHour: positive('LIMIT_CONFIRMATIONS_PER_ADDRESS_HOUR', 3),
      confirmationsPerDomainPerHour: positive('LIMIT_CONFIRMATIONS_PER_DOMAIN_HOUR', 150),
      confirmationsPerDay: positive('LIMIT_CONFIRMATIONS_PER_DAY', 2000),
      reportsPerAffiliatePerDay: positive('LIMIT_REPORTS_PER_AFFILIATE_DAY', 5),
    },
    tableNames: Object.fromEntries(
      Object.entries(env).filter((e): e is [string, string] => e[0].startsWith('TABLE_') && !!e[1]),
    ),
  };
}

/** The sign-in settings, or a ConfigError naming the variables (console-auth needs them). */
export function signInSettings(): SignInSettings {
  const settings = config().signIn;
  if (!settings) throw new ConfigError('missing environment variables AUTH_DOMAIN and AUTH_CLIENT_ID');
  return settings;
}

/** TALK_PAGE_NOTICES: off (default), all, or notice kinds separated by commas. */
function talkPageConfig(env: Env, local: boolean): Config['talkPage'] {
  const raw = (env.TALK_PAGE_NOTICES ?? '').trim();
  const kinds: Config['talkPage']['kinds'] =
    raw === '' || raw === 'off' ? [] : raw === 'all' ? 'all' : raw.split(',').map((k) => k.trim());
  if (Array.isArray(kinds) && kinds.some((k) => !/^[a-z0-9_]+$/.test(k)))
    throw new ConfigError('TALK_PAGE_NOTICES must be off, all, or notice kinds separated by commas');
  const on = kinds === 'all' || kinds.length > 0;
  const arn = env.META_BOT_PASSWORD_ARN;
  const value = env.META_BOT_PASSWORD;
  if (on && !arn && !value && !local)
    throw new ConfigError('TALK_PAGE_NOTICES is on but META_BOT_PASSWORD_ARN is not set');
  const botPassword: SecretSource = arn
    ? { arn }
    : { value: value || '{"username":"Local notices@local","password":"local-bot-password"}' };
  return { kinds, botPassword };
}

let cached: Config | undefined;

/** The configuration of this process, read on first use and then kept. */
export function config(): Config {
  cached ??= loadConfig(process.env);
  return cached;
}

/** For the local stack and tests, which set the environment after modules load. */
export function reloadConfig(): Config {
  cached = undefined;
  return config();
}

/**
 * The X-Ray trace header of the current invocation. Lambda changes it with every
 * invocation, so unlike the rest of the configuration it is read each time.
 */
export const xrayTraceHeader = (): string | undefined => process.env._X_AMZN_TRACE_ID || undefined;

/** Environment variable names; the CDK stack and the local stack both use these. */
export const tableEnvVar = (key: string) => `TABLE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/** What an IANA time zone name looks like: Asia/Karachi, America/Argentina/Salta, UTC, Etc/GMT+5. */
const TIME_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/**
 * Whether ICU knows `name` as a time zone: for deploy-time checks. The list of canonical
 * zones costs about 3 ms; making a DateTimeFormat (the other way to ask) loads ICU's
 * formatting data, 15-25 ms. Aliases (UTC, Asia/Calcutta...) are not in the list, so
 * they alone take the slow way.
 */
export function isTimeZone(name: string): boolean {
  if (!TIME_ZONE_NAME.test(name)) return false;
  if (Intl.supportedValuesOf('timeZone').includes(name)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
