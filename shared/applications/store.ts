// Applications in DynamoDB (table `applications`, one partition key `pk`):
//   APP#<id>         the application (status, createdAt feed the byStatus index)
//   EMAIL#<hmac>     uniqueness claims: one live application per email address,
//   CNIC#<hmac>      per CNIC and per registration number. Written in the same
//   REG#<hmac>       transaction as the application, each with attribute_not_exists,
//                    so a duplicate, even a simultaneous one, cannot be stored.
//   TOKEN#<sha256>   the confirmation token's hash: single use, with its expiry.
// An application whose CNIC another live application already claims is held without
// that claim (heldClaims) and marked with the conflict; once its applicant confirms, the
// holder is marked too (disputedBy). Approving it takes the claim, which works only
// once an organizer has rejected the holder.
// A claim is live while its application is: an unconfirmed application and its claims
// share one expiry (expiresAt, also the TTL attribute), and a claim whose expiry has
// passed may be taken over before TTL gets round to deleting it. Confirming removes the
// expiry; rejecting deletes the claims in the decision's transaction (the application
// itself then expires after the retention period).

import { randomUUID } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionInProgressException,
} from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/dynamodb.ts';
import { isAbort, pastDeadline } from '../deadline.ts';
import { log } from '../log.ts';
import { tableName } from '../tables.ts';
import type { Application, ApplicationStatus, ClaimConflict, ClaimField, Decision } from './model.ts';

export interface Claim {
  pk: string;
  field: ClaimField;
  /** The same claim hashed with the previous key (during a rotation's grace): checked, not written. */
  previousPk?: string;
}

export type CreateOutcome = { ok: true } | { ok: false; conflicts: ClaimField[] };
export type ConfirmOutcome =
  | { ok: true; application: Application }
  | { ok: false; problem: 'unknown' | 'used' | 'expired' };
export type DecideOutcome =
  | { ok: true; application: Application }
  | {
      ok: false;
      problem: 'not_found' | 'not_submitted' | 'already_decided' | 'claim_held';
      application?: Application;
    };

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as ?cursor= for the next page. Absent on the last page. */
  nextCursor?: string;
}

export interface ApplicationStore {
  create(
    application: Application,
    claims: Claim[],
    token: { hash: string; expiresAt: Date },
    now: Date,
    /** Claims this application is held without (a conflict organizers resolve). */
    held?: Claim[],
  ): Promise<CreateOutcome>;
  /** The live application holding a claim, if any. */
  holderOf(claim: Claim, now: Date): Promise<string | undefined>;
  /** Undo a create whose confirmation email could not be sent. */
  discard(application: Application, claims: Claim[], tokenHash: string): Promise<void>;
  get(id: string, now: Date): Promise<Application | undefined>;
  /** Another confirmation link for a waiting application (the earlier one keeps working). */
  addToken(applicationId: string, token: { hash: string; expiresAt: Date }): Promise<void>;
  confirm(tokenHash: string, now: Date): Promise<ConfirmOutcome>;
  decide(id: string, decision: Decision, retainUntil: Date | undefined, now: Date): Promise<DecideOutcome>;
  list(
    status: ApplicationStatus,
    limit: number,
    cursor: string | undefined,
    now: Date,
  ): Promise<Page<Application>>;
  /** How many live applications have this status (the console's queue counts). */
  count(status: ApplicationStatus, now: Date): Promise<number>;
}

/** The cursor did not come from us (or from another status's list). */
export class BadCursorError extends Error {
  override name = 'BadCursorError';
}

const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
const appKey = (id: string) => `APP#${id}`;
const PRIVATE = ['pk', 'claims', 'heldClaims', 'tokenHash', 'expiresAt'] as const;
/** Enough to resolve a dispute; more confirmed disputes of one claim add nothing. */
const MAX_DISPUTES = 20;

interface StoredApplication extends Record<string, unknown> {
  pk: string;
  claims: Claim[];
  heldClaims?: Claim[];
  tokenHash: string;
  expiresAt?: number;
  claimConflict?: ClaimConflict;
  disputedBy?: ClaimConflict[];
}

function toApplication(item: Record<string, unknown>): Application {
  const out: Record<string, unknown> = { ...item };
  for (const key of PRIVATE) delete out[key];
  if (typeof item.expiresAt === 'number') out.deleteAfter = new Date(item.expiresAt * 1000).toISOString();
  return out as unknown as Application;
}

/** A live item: no expiry, or an expiry still ahead (TTL deletes lazily, up to days late). */
const live = (item: Record<string, unknown> | undefined, now: Date) =>
  !!item && (typeof item.expiresAt !== 'number' || item.expiresAt > epoch(now));

function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Time allowed to settle and undo a write after the request's deadline has passed. */
const UNDO_BUDGET_MS = 1500;

export class DynamoApplicationStore implements ApplicationStore {
  private get table() {
    return tableName('applications');
  }

  async create(
    application: Application,
    claims: Claim[],
    token: { hash: string; expiresAt: Date },
    now: Date,
    heldAside: Claim[] = [],
  ): Promise<CreateOutcome> {
    const expiresAt = epoch(token.expiresAt);
    const held = claims.map(({ pk, field }) => ({ pk, field }));
    const earlier = claims.flatMap((claim, i) => (claim.previousPk ? [{ i, pk: claim.previousPk }] : []));
    const free = {
      // Free, or held by an application that expired unconfirmed.
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
      ExpressionAttributeValues: { ':now': epoch(now) },
    };
    const item: StoredApplication = {
      ...(application as unknown as Record<string, unknown>),
      pk: appKey(application.id),
      claims: held,
      ...(heldAside.length ? { heldClaims: heldAside.map(({ pk, field }) => ({ pk, field })) } : {}),
      tokenHash: token.hash,
      expiresAt,
    };
    delete item.deleteAfter;
    const transaction = (requestToken: string) =>
      new TransactWriteCommand({
        // DynamoDB applies a transaction once per token (for ten minutes), so the same
        // request sent again tells whether the first one was applied (see settle).
        ClientRequestToken: requestToken,
        TransactItems: [
          { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
          ...held.map((claim) => ({
            Put: {
              TableName: this.table,
              Item: { pk: claim.pk, field: claim.field, applicationId: application.id, expiresAt },
              ...free,
            },
          })),
          {
            Put: {
              TableName: this.table,
              Item: { pk: `TOKEN#${token.hash}`, applicationId: application.id, expiresAt },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...earlier.map(({ pk }) => ({ ConditionCheck: { TableName: this.table, Key: { pk }, ...free } })),
        ],
      });
    // Simultaneous identical submissions collide on the claim items; DynamoDB cancels
    // all but one with TransactionConflict. A short random pause and another try turns
    // each loser into a clean "already exists".
    for (let attempt = 1; ; attempt++) {
      const request = transaction(randomUUID());
      try {
        await dynamo().send(request);
        return { ok: true };
      } catch (error) {
        if (isAbort(error) && pastDeadline()) {
          await this.settle(request, () => this.discard(application, held, token.hash)).catch((undo) => {
            // DynamoDB too slow even for the undo: say so, by id, for an organizer to check.
            log.error('application may be stored although its request timed out', {
              applicationId: application.id,
              error: (undo as Error)?.name,
            });
          });
          throw error;
        }
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        const failed = (index: number) => codes[index] === 'ConditionalCheckFailed';
        const checksFrom = claims.length + 2;
        const conflicts = claims
          .filter((_, i) => failed(i + 1) || earlier.some((e, j) => e.i === i && failed(checksFrom + j)))
          .map((claim) => claim.field);
        if (conflicts.length) return { ok: false, conflicts };
        if (!codes.includes('TransactionConflict')) throw error;
        // Still colliding after several tries: another submission of the same claims
        // is in flight right now, which is itself a duplicate.
        if (attempt >= 6) return { ok: false, conflicts: claims.map((c) => c.field) };
        await pause(20 + Math.random() * 80 * attempt);
      }
    }
  }

  /**
   * The deadline cut a transaction short: it may have been applied, or may still be on
   * its way to DynamoDB. Sending it again with the same token settles it: success means
   * it is applied (before, or now), and from then on a late original with that token
   * changes nothing; a cancellation means it never will be. What got stored is then
   * removed, so a request answered 503 leaves nothing behind.
   */
  private async settle(request: TransactWriteCommand, undo: () => Promise<void>): Promise<void> {
    const abortSignal = AbortSignal.timeout(UNDO_BUDGET_MS);
    for (;;) {
      try {
        await dynamo().send(request, { abortSignal });
        break;
      } catch (error) {
        if (cancellationCodes(error)) return;
        if (!(error instanceof TransactionInProgressException)) throw error;
        await pause(50);
      }
    }
    await undo();
  }

  async holderOf(claim: Claim, now: Date): Promise<string | undefined> {
    for (const pk of [claim.pk, claim.previousPk]) {
      if (!pk) continue;
      const item = await this.raw(pk);
      if (live(item, now) && typeof item!.applicationId === 'string') return item!.applicationId;
    }
    return undefined;
  }

  async discard(application: Application, claims: Claim[], tokenHash: string): Promise<void> {
    const mine = {
      ConditionExpression: 'applicationId = :id',
      ExpressionAttributeValues: { ':id': application.id },
    };
    // Undoing runs after the request's deadline too: it brings its own time limit.
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.table, Key: { pk: appKey(application.id) } } },
          ...claims.map((c) => ({ Delete: { TableName: this.table, Key: { pk: c.pk }, ...mine } })),
          { Delete: { TableName: this.table, Key: { pk: `TOKEN#${tokenHash}` }, ...mine } },
        ],
      }),
      { abortSignal: AbortSignal.timeout(UNDO_BUDGET_MS) },
    );
  }

  async get(id: string, now: Date): Promise<Application | undefined> {
    const got = await dynamo().send(
      new GetCommand({ TableName: this.table, Key: { pk: appKey(id) }, ConsistentRead: true }),
    );
    return live(got.Item, now) ? toApplication(got.Item!) : undefined;
  }

  private async raw(pk: string) {
    const got = await dynamo().send(
      new GetCommand({ TableName: this.table, Key: { pk }, ConsistentRead: true }),
    );
    return got.Item;
  }

  async addToken(applicationId: string, token: { hash: string; expiresAt: Date }): Promise<void> {
    await dynamo().send(
      new PutCommand({
        TableName: this.table,
        Item: { pk: `TOKEN#${token.hash}`, applicationId, expiresAt: epoch(token.expiresAt) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async confirm(tokenHash: string, now: Date): Promise<ConfirmOutcome> {
    const tokenKey = `TOKEN#${tokenHash}`;
    const judge = (token: Record<string, unknown> | undefined): ConfirmOutcome | undefined => {
      if (!token) return { ok: false, problem: 'unknown' };
      if (token.usedAt) return { ok: false, problem: 'used' };
      if (!live(token, now)) return { ok: false, problem: 'expired' };
      return undefined;
    };
    const token = await this.raw(tokenKey);
    const early = judge(token);
    if (early) return early;
    const id = String(token!.applicationId);
    const stored = (await this.raw(appKey(id))) as StoredApplication | undefined;
    if (stored?.status !== 'pending_confirmation') return { ok: false, problem: 'used' };
    const confirmedAt = now.toISOString();
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: { pk: tokenKey },
                UpdateExpression: 'SET usedAt = :at',
                ConditionExpression: 'attribute_not_exists(usedAt) AND expiresAt > :now',
                ExpressionAttributeValues: { ':at': confirmedAt, ':now': epoch(now) },
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: { pk: appKey(id) },
                UpdateExpression: 'SET #status = :submitted, confirmedAt = :at REMOVE expiresAt',
                ConditionExpression: '#status = :pending',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':submitted': 'submitted',
                  ':pending': 'pending_confirmation',
                  ':at': confirmedAt,
                },
              },
            },
            ...stored.claims.map((claim) => ({
              Update: {
                TableName: this.table,
                Key: { pk: claim.pk },
                UpdateExpression: 'REMOVE expiresAt',
                ConditionExpression: 'applicationId = :id',
                ExpressionAttributeValues: { ':id': id },
              },
            })),
          ],
        }),
      );
    } catch (error) {
      if (!cancellationCodes(error)) throw error;
      // Lost a race with another click on the same link (or the expiry passed).
      return judge(await this.raw(tokenKey)) ?? { ok: false, problem: 'used' };
    }
    if (stored.claimConflict) await this.markDisputed(id, stored.claimConflict, confirmedAt);
    const { expiresAt: _gone, ...rest } = stored;
    return { ok: true, application: toApplication({ ...rest, status: 'submitted', confirmedAt }) };
  }

  /** Tell the claim's holder that a confirmed applicant disputes it (best effort, bounded). */
  private async markDisputed(disputer: string, conflict: ClaimConflict, at: string): Promise<void> {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: appKey(conflict.applicationId) },
          UpdateExpression: 'SET disputedBy = list_append(if_not_exists(disputedBy, :none), :one)',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(disputedBy) OR size(disputedBy) < :max)',
          ExpressionAttributeValues: {
            ':none': [],
            ':one': [{ applicationId: disputer, field: conflict.field, at }],
            ':max': MAX_DISPUTES,
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async decide(
    id: string,
    decision: Decision,
    retainUntil: Date | undefined,
    now: Date,
  ): Promise<DecideOutcome> {
    const stored = (await this.raw(appKey(id))) as StoredApplication | undefined;
    if (!live(stored, now)) return { ok: false, problem: 'not_found' };
    const refuse = (s: StoredApplication): DecideOutcome => ({
      ok: false,
      problem: s.status === 'pending_confirmation' ? 'not_submitted' : 'already_decided',
      application: toApplication(s),
    });
    // An approved application whose CNIC a confirmed applicant disputes can still be
    // rejected: that is how organizers remove a squatter who got through.
    const revoking =
      stored!.status === 'approved' && decision.decision === 'reject' && !!stored!.disputedBy?.length;
    if (stored!.status !== 'submitted' && !revoking) return refuse(stored!);
    const status: ApplicationStatus = decision.decision === 'approve' ? 'approved' : 'rejected';
    const names = { '#status': 'status', '#decision': 'decision' };
    const values: Record<string, unknown> = {
      ':status': status,
      ':from': stored!.status,
      ':decision': decision,
    };
    let update = 'SET #status = :status, #decision = :decision';
    if (retainUntil) {
      update += ', expiresAt = :expires';
      values[':expires'] = epoch(retainUntil);
    }
    // Approving a held application takes the claims it was held without; they must be
    // free by now (the holder rejected, or expired unconfirmed).
    const taking = status === 'approved' ? (stored!.heldClaims ?? []) : [];
    if (taking.length) {
      update += ', claims = :claims REMOVE heldClaims';
      values[':claims'] = [...stored!.claims, ...taking];
    }
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: { pk: appKey(id) },
                UpdateExpression: update,
                ConditionExpression: '#status = :from',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            // A rejected application no longer blocks a new one from the same person.
            ...(status === 'rejected'
              ? stored!.claims.map((claim) => ({
                  Delete: {
                    TableName: this.table,
                    Key: { pk: claim.pk },
                    ConditionExpression: 'attribute_not_exists(pk) OR applicationId = :id',
                    ExpressionAttributeValues: { ':id': id },
                  },
                }))
              : []),
            ...taking.map((claim) => ({
              Put: {
                TableName: this.table,
                Item: { pk: claim.pk, field: claim.field, applicationId: id },
                ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
                ExpressionAttributeValues: { ':now': epoch(now) },
              },
            })),
          ],
        }),
      );
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes && !(error instanceof ConditionalCheckFailedException)) throw error;
      if (taking.length && codes?.[0] === 'None' && codes.slice(1).includes('ConditionalCheckFailed'))
        return { ok: false, problem: 'claim_held', application: toApplication(stored!) };
      const again = (await this.raw(appKey(id))) as StoredApplication | undefined;
      return again ? refuse(again) : { ok: false, problem: 'not_found' };
    }
    return {
      ok: true,
      application: toApplication({
        ...stored!,
        ...(taking.length ? { heldClaims: undefined } : {}),
        status,
        decision,
        ...(retainUntil ? { expiresAt: epoch(retainUntil) } : {}),
      }),
    };
  }

  async list(
    status: ApplicationStatus,
    limit: number,
    cursor: string | undefined,
    now: Date,
  ): Promise<Page<Application>> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'byStatus',
        KeyConditionExpression: '#status = :status',
        FilterExpression: 'attribute_not_exists(expiresAt) OR expiresAt > :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status, ':now': epoch(now) },
        Limit: limit,
        ExclusiveStartKey: cursor ? decodeCursor(cursor, status) : undefined,
      }),
    );
    return {
      items: (out.Items ?? []).map(toApplication),
      ...(out.LastEvaluatedKey ? { nextCursor: encodeCursor(out.LastEvaluatedKey) } : {}),
    };
  }

  count(status: ApplicationStatus, now: Date): Promise<number> {
    return countWithStatus(this.table, status, now);
  }
}

// The count reads only keys of the status index (Select COUNT), a page of 1 MB at a time.
async function countWithStatus(table: string, status: ApplicationStatus, now: Date): Promise<number> {
  let total = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: table,
        IndexName: 'byStatus',
        KeyConditionExpression: '#status = :status',
        FilterExpression: 'attribute_not_exists(expiresAt) OR expiresAt > :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status, ':now': epoch(now) },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    total += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return total;
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify([key.pk, key.status, key.createdAt])).toString('base64url');
}

function decodeCursor(cursor: string, status: ApplicationStatus): Record<string, string> {
  let parsed: unknown;
  try {
    if (cursor.length > 400 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error();
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError('not a cursor');
  }
  const parts = Array.isArray(parsed) ? (parsed as unknown[]) : [];
  const [pk, listStatus, createdAt] = parts;
  if (
    parts.length !== 3 ||
    typeof pk !== 'string' ||
    typeof createdAt !== 'string' ||
    !/^APP#[\w-]{1,64}$/.test(pk) ||
    listStatus !== status
  ) {
    throw new BadCursorError('not a cursor for this list');
  }
  return { pk, status, createdAt };
}
