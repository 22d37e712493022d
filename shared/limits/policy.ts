// Abuse limits as pure rules: what is counted, in which window, and under which key.
// Counters live in DynamoDB (./counters.ts); the use cases decide when to count. Fixed
// windows (an hour or a UTC day) keep each check to one conditional write, and tell a
// refused client exactly when to come back (Retry-After).

import type { Limits } from '../config.ts';

export type LimitName =
  | 'applications_per_client'
  | 'confirmations_per_address'
  | 'confirmations_per_domain'
  | 'confirmations_per_day'
  | 'reports_per_affiliate';

const HOUR = 3600;
const DAY = 86_400;

export interface Counter {
  limit: LimitName;
  /** What is counted: a hashed client, a normalised address, a domain, an affiliate id. */
  subject: string;
  max: number;
  windowSeconds: number;
}

/** The window `now` falls in, in epoch seconds: [start, end). */
export function windowOf(counter: Counter, now: Date): { start: number; end: number } {
  const seconds = Math.floor(now.getTime() / 1000);
  const start = seconds - (seconds % counter.windowSeconds);
  return { start, end: start + counter.windowSeconds };
}

/** The counter item's key: one item per limit, subject and window. */
export const counterKey = (counter: Counter, now: Date) =>
  `${counter.limit}#${counter.subject}#${windowOf(counter, now).start}`;

/** Seconds until the window that refused a request is over (at least 1). */
export const retryAfterSeconds = (counter: Counter, now: Date) =>
  Math.max(1, windowOf(counter, now).end - Math.floor(now.getTime() / 1000));

// Mail providers known to deliver a.b.c@ to abc@; for every domain a +tag reaches the
// same mailbox as far as limits are concerned (over-merging only makes a limit stricter).
const DOTS_IGNORED = new Set(['gmail.com', 'googlemail.com']);
const DOMAIN_ALIASES: Record<string, string> = { 'googlemail.com': 'gmail.com' };

/** The domain of an address, lower-cased, without a trailing dot, aliases folded. */
export function recipientDomain(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.+$/, '');
  return DOMAIN_ALIASES[domain] ?? domain;
}

/** The mailbox an address reaches: case, +tag and (where ignored) dots folded. */
export function normaliseAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = recipientDomain(address);
  let local = address.slice(0, at).trim().toLowerCase();
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (DOTS_IGNORED.has(domain)) local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}

/**
 * The part of a client address that identifies one client: an IPv4 address, or the /64
 * of an IPv6 address (one subscriber commonly holds a whole /64 and can rotate in it).
 */
export function clientNetwork(sourceIp: string): string {
  const ip = sourceIp.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, '') || '0')
    .join(':')}::/64`;
}

/** Counted before an application is stored. `client` is already hashed. */
export const applicationCounter = (limits: Limits, client: string): Counter => ({
  limit: 'applications_per_client',
  subject: client,
  max: limits.applicationsPerClientPerHour,
  windowSeconds: HOUR,
});

/** Counted for each confirmation email: its mailbox, its domain, and the day's total. */
export const confirmationCounters = (limits: Limits, address: string): Counter[] => [
  {
    limit: 'confirmations_per_address',
    subject: normaliseAddress(address),
    max: limits.confirmationsPerAddressPerHour,
    windowSeconds: HOUR,
  },
  {
    limit: 'confirmations_per_domain',
    subject: recipientDomain(address),
    max: limits.confirmationsPerDomainPerHour,
    windowSeconds: HOUR,
  },
  { limit: 'confirmations_per_day', subject: 'all', max: limits.confirmationsPerDay, windowSeconds: DAY },
];

/** Counted for each stored report submission (the ones that email the contacts). */
export const reportCounter = (limits: Limits, affiliateId: string): Counter => ({
  limit: 'reports_per_affiliate',
  subject: affiliateId,
  max: limits.reportsPerAffiliatePerDay,
  windowSeconds: DAY,
});
