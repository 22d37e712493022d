// The DynamoDB document client, created once per container. Locally it points at
// DynamoDB Local; in Lambda it uses the function's role and region.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
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
  client = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return client;
}

/** Drop the cached client (tests that restart DynamoDB Local on another port). */
export function resetDynamo(): void {
  client?.destroy();
  client = undefined;
}
