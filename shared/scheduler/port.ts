// What the domain needs from a scheduler: "call function F with payload P at instant T",
// and "forget that". Implemented by EventBridge Scheduler in AWS (aws.ts) and by a
// DynamoDB-backed stand-in locally (local.ts).

export interface OneTimeSchedule {
  /** Deterministic, so creating the same schedule twice is harmless. [0-9a-zA-Z-_.], ≤ 64. */
  name: string;
  at: Date;
  /** A function name from the route table, e.g. "lifecycle". */
  target: string;
  payload: Record<string, unknown>;
}

export interface Scheduler {
  /** Create the schedule, or move it if one with this name exists. */
  upsert(schedule: OneTimeSchedule): Promise<void>;
  /** Delete it; deleting a schedule that is not there is not an error. */
  remove(name: string): Promise<void>;
}

const NAME = /^[0-9a-zA-Z\-_.]{1,64}$/;

export function assertScheduleName(name: string): void {
  if (!NAME.test(name)) throw new RangeError(`invalid schedule name: ${name}`);
}

/** EventBridge wants at(yyyy-mm-ddThh:mm:ss), no zone, interpreted in the schedule's zone (we use UTC). */
export function atExpression(at: Date): string {
  return `at(${at.toISOString().slice(0, 19)})`;
}
