// DynamoDB Local holds our tables exactly as the shared definitions describe them,
// and the document client the handlers use reads back what it wrote.

import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '../../shared/aws/dynamodb.ts';
import { type TableKey, tableName, tables } from '../../shared/tables.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

describe('DynamoDB Local', () => {
  it('stores and returns an item, Urdu text included, through the document client', async () => {
    const item = {
      pk: 'APP#roundtrip',
      status: 'submitted',
      createdAt: '2026-11-25T00:00:00Z',
      name: 'عائشہ خان',
      n: 7,
    };
    await dynamo().send(new PutCommand({ TableName: tableName('applications'), Item: item }));
    const got = await dynamo().send(
      new GetCommand({ TableName: tableName('applications'), Key: { pk: 'APP#roundtrip' } }),
    );
    expect(got.Item).toEqual(item);
  });

  it.each(Object.keys(tables) as TableKey[])(
    'creates the %s table with the shared keys and indexes, TTL off on the movable clock',
    async (key) => {
      const def = tables[key];
      const { Table } = await dynamo().send(new DescribeTableCommand({ TableName: tableName(key) }));
      expect(Table?.KeySchema).toEqual([
        { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
        ...('sortKey' in def && def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' }] : []),
      ]);
      expect((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort()).toEqual(
        def.indexes.map((i) => i.name).sort(),
      );
      // DynamoDB Local would expire items on the real clock, not the stack's: off locally
      // (scripts/local/dynamodb.ts); the stateful stack's TTL is asserted in test/infra.
      const ttl = await dynamo().send(new DescribeTimeToLiveCommand({ TableName: tableName(key) }));
      expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
    },
  );
});
