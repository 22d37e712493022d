// The scheduler this process uses, chosen by configuration.

import { config } from '../config.ts';
import { AwsScheduler } from './aws.ts';
import { LocalScheduler } from './local.ts';
import type { Scheduler } from './port.ts';

let instance: Scheduler | undefined;

export function scheduler(): Scheduler {
  instance ??= config().scheduler.mode === 'aws' ? new AwsScheduler() : new LocalScheduler();
  return instance;
}

export function resetScheduler(): void {
  instance = undefined;
}
