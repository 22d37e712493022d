// The API ceiling: the DynamoDB and SES calls one request makes, recorded while the
// real handler serves it, then replayed directly with the SDK (no HTTP, no handler, no
// validation) with fresh keys each time. That is the same database and email work the
// request cannot avoid, so our throughput divided by the replay's is what our own code
// costs.

import * as rawDynamo from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import * as docDynamo from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/aws/dynamodb.ts';
import { localCredentials } from '../shared/aws/local.ts';
import { ses } from '../shared/aws/ses.ts';
import { type TableKey, tableName, tables } from '../shared/tables.ts';

export interface RecordedCall {
  service: 'dynamodb' | 'ses';
  command: string;
  input: unknown;
  /**
   * Calls of one group were in flight together (the handler awaited them with
   * Promise.all): the replay sends them together too, or the ceiling would wait on
   * round trips the request does not wait on, and flatter us at low concurrency.
   */
  group: number;
}

type Sender = { send: (command: never, ...rest: never[]) => Promise<unknown> };

/** Record every call made through our shared clients until the returned stop() is called. */
export function recordCalls(): { calls: RecordedCall[]; stop: () => void } {
  const calls: RecordedCall[] = [];
  let inFlight = 0;
  let group = -1;
  const patch = (client: Sender, service: RecordedCall['service']) => {
    const original = client.send;
    const send = async (command: { input: unknown; constructor: { name: string } }, ...rest: unknown[]) => {
      // A call that starts while another is still out joins that one's group.
      if (inFlight === 0) group++;
      inFlight++;
      calls.push({
        service,
        command: command.constructor.name,
        input: structuredClone(command.input),
        group,
      });
      try {
        return await (original as (...args: unknown[]) => Promise<unknown>).call(client, command, ...rest);
      } finally {
        inFlight--;
      }
    };
    client.send = send as never;
    return () => {
      client.send = original;
    };
  };
  const undo = [patch(dynamo() as unknown as Sender, 'dynamodb'), patch(ses() as unknown as Sender, 'ses')];
  return {
    calls,
    stop: () => {
      for (const u of undo) u();
    },
  };
}

/** Key attribute names by physical table name. */
function keyNames(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of Object.keys(tables) as TableKey[]) {
    const def = tables[key] as { partitionKey: { name: string }; sortKey?: { name: string } };
    out.set(tableName(key), [def.partitionKey.name, ...(def.sortKey ? [def.sortKey.name] : [])]);
  }
  return out;
}

/** A copy of a recorded input whose table keys all end in `suffix`, so nothing collides. */
export function withFreshKeys(input: unknown, suffix: string, keys = keyNames()): unknown {
  const copy = structuredClone(input);
  const fresh = (table: unknown, item: unknown) => {
    const names = keys.get(String(table));
    if (!names || !item || typeof item !== 'object') return;
    const record = item as Record<string, unknown>;
    // The partition key only: sort keys like META are fixed names, not identities.
    const pk = names[0]!;
    if (typeof record[pk] === 'string') record[pk] = `${record[pk]}~${suffix}`;
  };
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    const o = node as Record<string, unknown>;
    // A transaction's idempotency token names one set of items: a replay with other keys
    // under the same token is refused (IdempotentParameterMismatch).
    if (typeof o.ClientRequestToken === 'string')
      o.ClientRequestToken = `${o.ClientRequestToken}~${suffix}`.slice(-36);
    if (typeof o.TableName === 'string') {
      fresh(o.TableName, o.Item);
      fresh(o.TableName, o.Key);
    }
    if (o.RequestItems && typeof o.RequestItems === 'object') {
      for (const [table, requests] of Object.entries(o.RequestItems as Record<string, unknown[]>)) {
        for (const r of requests as Record<string, { Item?: unknown; Key?: unknown }>[]) {
          fresh(table, r.PutRequest?.Item);
          fresh(table, r.DeleteRequest?.Key);
        }
      }
    }
    for (const value of Object.values(o)) walk(value);
  };
  walk(copy);
  return copy;
}

/** Replays recorded calls against the same endpoints with its own SDK clients. */
export class Replayer {
  private readonly doc: docDynamo.DynamoDBDocumentClient;
  private readonly mail: SESv2Client;
  private readonly keys = keyNames();
  private n = 0;

  constructor(
    private readonly calls: RecordedCall[],
    endpoints: { dynamodb: string; ses: string },
  ) {
    this.doc = docDynamo.DynamoDBDocumentClient.from(
      new rawDynamo.DynamoDBClient({
        endpoint: endpoints.dynamodb,
        region: 'local',
        credentials: localCredentials,
      }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
    this.mail = new SESv2Client({ endpoint: endpoints.ses, region: 'local', credentials: localCredentials });
  }

  /** One request's worth of calls: the recorded groups in order, each group's calls together. */
  async once(): Promise<void> {
    const suffix = `r${process.pid}-${this.n++}`;
    for (const group of groupsOf(this.calls)) await Promise.all(group.map((call) => this.send(call, suffix)));
  }

  private async send(call: RecordedCall, suffix: string): Promise<unknown> {
    if (call.service === 'ses') return this.mail.send(new SendEmailCommand(call.input as never));
    const Command =
      (docDynamo as unknown as Record<string, new (input: unknown) => unknown>)[call.command] ??
      (rawDynamo as unknown as Record<string, new (input: unknown) => unknown>)[call.command];
    if (!Command) throw new Error(`cannot replay DynamoDB command ${call.command}`);
    return this.doc.send(new Command(withFreshKeys(call.input, suffix, this.keys)) as never);
  }

  destroy(): void {
    this.doc.destroy();
    this.mail.destroy();
  }
}

function groupsOf(calls: RecordedCall[]): RecordedCall[][] {
  const groups: RecordedCall[][] = [];
  for (const call of calls) {
    const last = groups.at(-1);
    if (last && last[0]!.group === call.group) last.push(call);
    else groups.push([call]);
  }
  return groups;
}

const describeCall = (c: RecordedCall) => {
  if (c.command === 'TransactWriteCommand') {
    const items = (c.input as { TransactItems?: unknown[] }).TransactItems?.length ?? 0;
    return `TransactWrite(${items})`;
  }
  return c.command.replace(/Command$/, '');
};

/** "Get ∥ Update, then TransactWrite(4), then ...": ∥ joins calls sent together. */
export const describeCalls = (calls: RecordedCall[]) =>
  groupsOf(calls)
    .map((g) => g.map(describeCall).join(' ∥ '))
    .join(', then ');
