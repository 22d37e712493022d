// Consumed capacity of whatever runs through our shared DynamoDB client: every call is
// made with ReturnConsumedCapacity=TOTAL and the units it reports are summed, split into
// reads and writes.

import { dynamo } from '../shared/aws/dynamodb.ts';

const READS = new Set(['GetCommand', 'QueryCommand', 'ScanCommand', 'BatchGetCommand', 'TransactGetCommand']);

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

export interface CapacityMeter {
  read: number;
  write: number;
  calls: number;
  stop(): void;
}

export function meterCapacity(): CapacityMeter {
  const client = dynamo() as unknown as { send: (...args: unknown[]) => Promise<unknown> };
  const original = client.send;
  const meter: CapacityMeter = {
    read: 0,
    write: 0,
    calls: 0,
    stop: () => {
      client.send = original;
    },
  };
  client.send = async (...args: unknown[]) => {
    const command = args[0] as { input: Record<string, unknown>; constructor: { name: string } };
    command.input.ReturnConsumedCapacity ??= 'TOTAL';
    const result = (await original.apply(client, args)) as { ConsumedCapacity?: Capacity | Capacity[] };
    meter.calls++;
    const list = Array.isArray(result?.ConsumedCapacity)
      ? result.ConsumedCapacity
      : result?.ConsumedCapacity
        ? [result.ConsumedCapacity]
        : [];
    const units = list.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
    if (READS.has(command.constructor.name)) meter.read += units;
    else meter.write += units;
    return result;
  };
  return meter;
}
