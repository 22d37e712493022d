// DynamoDB table definitions: the one source of truth for names, keys, indexes and TTL.
// The CDK stateful stack and the local stack (scripts/local/dynamodb.ts) both build
// tables from this list, so they cannot drift.

import { config, tableEnvVar } from './config.ts';

export type AttributeType = 'S' | 'N';
export interface KeyDef {
  name: string;
  type: AttributeType;
}
export interface IndexDef {
  name: string;
  partitionKey: KeyDef;
  sortKey?: KeyDef;
}
export interface TableDef {
  /** Base name; the deployed name gets the stage in front (see tableName). */
  name: string;
  partitionKey: KeyDef;
  sortKey?: KeyDef;
  indexes: IndexDef[];
  /** Attribute holding an epoch-seconds expiry that DynamoDB TTL deletes after. */
  ttlAttribute?: string;
  /** Tables that exist only in the local stack (stand-ins for AWS services). */
  localOnly?: boolean;
  purpose: string;
}

const S = (name: string): KeyDef => ({ name, type: 'S' });

export const tables = {
  applications: {
    name: 'applications',
    purpose:
      'Membership applications (APP#id) and the uniqueness claims that stop duplicates (EMAIL#, CNIC#, REG#, TOKEN#).',
    partitionKey: S('pk'),
    indexes: [{ name: 'byStatus', partitionKey: S('status'), sortKey: S('createdAt') }],
    ttlAttribute: 'expiresAt',
  },
  affiliates: {
    name: 'affiliates',
    purpose: 'Affiliates (sk META), their timelines (TL#), reports (REPORT#) and periods.',
    partitionKey: S('pk'),
    sortKey: S('sk'),
    indexes: [
      { name: 'byStatus', partitionKey: S('status'), sortKey: S('name') },
      // Sparse: only affiliates with a pending lifecycle action carry nextActionAt, so
      // reconciliation reads the work that is due, never the whole table.
      { name: 'byNextAction', partitionKey: S('nextActionShard'), sortKey: S('nextActionAt') },
    ],
  },
  outbox: {
    name: 'outbox',
    purpose:
      'Ledger of every email by idempotency key: claimed, sent or failed; makes each notice exactly-once.',
    partitionKey: S('pk'),
    indexes: [{ name: 'byState', partitionKey: S('state'), sortKey: S('dueAt') }],
    ttlAttribute: 'expiresAt',
  },
  suppressions: {
    name: 'suppressions',
    purpose:
      'Addresses SES reported as hard-bouncing or complaining (pk: the lowercased address); the mailer does not send to them.',
    partitionKey: S('pk'),
    indexes: [],
  },
  limits: {
    name: 'limits',
    purpose:
      'Abuse-limit counters, one item per limit, subject and window (pk: limit#subject#windowStart); TTL removes each after its window.',
    partitionKey: S('pk'),
    indexes: [],
    ttlAttribute: 'expiresAt',
  },
  schedules: {
    name: 'schedules',
    purpose: 'Local stand-in for EventBridge Scheduler: one-time schedules waiting to fire.',
    partitionKey: S('name'),
    indexes: [{ name: 'byTime', partitionKey: S('pending'), sortKey: S('at') }],
    localOnly: true,
  },
} as const satisfies Record<string, TableDef>;

export type TableKey = keyof typeof tables;

/** The physical table name: from TABLE_<KEY> when set (CDK sets it), else stage-name. */
export function tableName(key: TableKey): string {
  const c = config();
  return c.tableNames[tableEnvVar(key)] ?? `${c.stage}-${tables[key].name}`;
}
