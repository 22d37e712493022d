// The deployment configuration: one typed object per stage, read from CDK context
// (cdk.json holds the defaults, `-c stage=prod` picks the stage, `-c key=value` or a
// `cdk.context.json` overrides single values). Validated here so a bad address or a
// missing alarm email fails `cdk synth`, not a deploy.

import { isTimeZone } from '../shared/config.ts';

export type DeployStage = 'dev' | 'prod';

export interface DeployConfig {
  stage: DeployStage;
  /** Prefix of every physical name: affiliate-compliance-dev-... */
  prefix: string;
  mail: {
    /** The SES identity mail is sent from: an address, or an address at a verified domain. */
    from: string;
    /** The SES identity to create and verify: a domain (example.org) or the from address. */
    identity: string;
    organizers: string;
    wikimediaL: string;
  };
  /** Public base URL used in links inside emails; absent: the API's own URL. */
  publicBaseUrl?: string;
  /**
   * IAM role or user ARNs of the operators: they may invite organisers to the user pool
   * (`npm run admin -- invite`). Calling /admin/* takes a person's sign-in, not IAM.
   */
  adminPrincipals: string[];
  /** Organisers' sign-in (infra/stateless/sign-in.ts). */
  signIn: {
    /** Cognito managed-login domain: https://<prefix>.auth.<region>.amazoncognito.com (unique per region). */
    domainPrefix: string;
    /** TOTP MFA: required in prod (not configurable), optional or required in dev. */
    mfa: 'required' | 'optional';
  };
  /** Who receives alarm notifications. */
  alarmEmail: string;
  /** API Gateway stage throttling. */
  throttle: { rateLimit: number; burstLimit: number };
  logRetentionDays: number;
  /** prod: RETAIN + deletion protection on tables and secrets. */
  retainData: boolean;
  timeZone: string;
  /**
   * Which notices to the contacts are also posted on the affiliate's meta Talk page:
   * 'all', a list of notice kinds, or none (the default). When any, the stateful stack
   * holds the bot password secret (set its value before turning this on).
   */
  talkPageNotices: 'all' | string[];
}

export class DeployConfigError extends Error {
  override name = 'DeployConfigError';
}

type Context = (key: string) => unknown;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PRINCIPAL = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;

/** Read and validate the configuration of the stage named by the `stage` context key. */
export function deployConfig(context: Context): DeployConfig {
  const stage = String(context('stage') ?? 'dev');
  if (stage !== 'dev' && stage !== 'prod')
    throw new DeployConfigError('stage must be dev or prod (-c stage=...)');
  const stages = (context('stages') ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const raw = { ...(stages[stage] ?? {}) };
  // Single values on the command line win: -c alarmEmail=ops@example.org
  for (const key of [
    'mailFrom',
    'mailIdentity',
    'organizersEmail',
    'wikimediaLEmail',
    'publicBaseUrl',
    'alarmEmail',
    'signInDomainPrefix',
  ]) {
    const value = context(key);
    if (typeof value === 'string' && value !== '') raw[key] = value;
  }
  const text = (key: string): string => {
    const value = raw[key];
    if (typeof value !== 'string' || value === '')
      throw new DeployConfigError(`stages.${stage}.${key} is missing`);
    return value;
  };
  const email = (key: string): string => {
    const value = text(key);
    if (!EMAIL.test(value)) throw new DeployConfigError(`stages.${stage}.${key} is not an email address`);
    return value;
  };
  const principals = raw.adminPrincipals ?? [];
  if (!Array.isArray(principals) || principals.some((p) => typeof p !== 'string' || !PRINCIPAL.test(p)))
    throw new DeployConfigError(`stages.${stage}.adminPrincipals must be IAM role or user ARNs`);
  const from = email('mailFrom');
  const identity = typeof raw.mailIdentity === 'string' && raw.mailIdentity ? raw.mailIdentity : from;
  if (!from.endsWith(`@${identity}`) && from !== identity)
    throw new DeployConfigError(`stages.${stage}.mailFrom must be the identity or an address at it`);
  const publicBaseUrl =
    typeof raw.publicBaseUrl === 'string' && raw.publicBaseUrl ? raw.publicBaseUrl : undefined;
  if (publicBaseUrl && !/^https:\/\//.test(publicBaseUrl))
    throw new DeployConfigError(`stages.${stage}.publicBaseUrl must be https`);
  const domainPrefix =
    typeof raw.signInDomainPrefix === 'string' && raw.signInDomainPrefix
      ? raw.signInDomainPrefix
      : `affiliate-compliance-${stage}`;
  // Cognito's rule for managed-login prefixes: lowercase letters, digits and hyphens, and
  // none of its reserved words.
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(domainPrefix) || /aws|amazon|cognito/.test(domainPrefix))
    throw new DeployConfigError(
      `stages.${stage}.signInDomainPrefix must be lowercase letters, digits and hyphens, without aws, amazon or cognito`,
    );
  if (raw.mfa !== undefined && raw.mfa !== 'required' && raw.mfa !== 'optional')
    throw new DeployConfigError(`stages.${stage}.mfa must be required or optional`);
  const mfa =
    stage === 'prod' ? 'required' : ((raw.mfa as 'required' | 'optional' | undefined) ?? 'optional');
  const talk = raw.talkPageNotices ?? [];
  if (
    talk !== 'all' &&
    !(Array.isArray(talk) && talk.every((k) => typeof k === 'string' && /^[a-z0-9_]+$/.test(k)))
  )
    throw new DeployConfigError(`stages.${stage}.talkPageNotices must be "all" or a list of notice kinds`);
  const timeZone = typeof raw.timeZone === 'string' ? raw.timeZone : 'Asia/Karachi';
  // Checked here, against ICU, rather than at every cold start (shared/config.ts checks
  // only the shape of the name).
  if (!isTimeZone(timeZone))
    throw new DeployConfigError(`stages.${stage}.timeZone ${timeZone} is not a time zone ICU knows`);
  const throttle = (raw.throttle ?? { rateLimit: 50, burstLimit: 100 }) as DeployConfig['throttle'];
  return {
    stage,
    prefix: `affiliate-compliance-${stage}`,
    mail: {
      from,
      identity,
      organizers: email('organizersEmail'),
      wikimediaL: email('wikimediaLEmail'),
    },
    publicBaseUrl: publicBaseUrl?.replace(/\/+$/, ''),
    adminPrincipals: principals as string[],
    signIn: { domainPrefix, mfa },
    alarmEmail: email('alarmEmail'),
    throttle,
    logRetentionDays: Number(raw.logRetentionDays ?? (stage === 'prod' ? 365 : 30)),
    retainData: stage === 'prod',
    timeZone,
    talkPageNotices: talk as DeployConfig['talkPageNotices'],
  };
}
