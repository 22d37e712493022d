// The DynamoDB document client, created once per container. Locally it points at
// DynamoDB Local; in Lambda it uses the function's role and region.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import { boundByDeadline } from './deadline.ts';
import { localCredentials } from './local.ts';

let client: DynamoDBDocumentClient | undefined;

export function dynamo(): DynamoDBDocumentClient {
  if (client) return client;
  const c = config();
  const raw = new DynamoDBClient({
    region: c.region,
    ...(c.dynamodbEndpoint ? { endpoint: c.dynamodbEndpoint, credentials: localCredentials } : {}),
    // Fail fast when the database is down: the caller answers 503 rather than hanging.
    maxAttempts: 3,
  });
  client = boundByDeadline(
    DynamoDBDocumentClient.from(raw, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
  );
  return client;
}

/** Drop the cached client (tests that restart DynamoDB Local on another port). */
export function resetDynamo(): void {
  client?.destroy();
  client = undefined;
}

/** Items as the document client returns them (attribute values already unmarshalled). */
type Items = NonNullable<QueryCommandOutput['Items']>;

/** Every item a query matches, following LastEvaluatedKey page by page. */
export async function queryAll(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Items> {
  const items: Items = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
