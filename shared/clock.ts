// Time as a dependency. Domain code never calls Date.now(): it asks a Clock, so the
// local stack can move time forward and tests can pin it.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that runs at real speed from wherever it was last set. Used by the local
 * stack (POST /_local/clock) and by tests; `set` refuses to go backwards so that a
 * schedule can never fire twice because time was rewound.
 */
export class MovableClock implements Clock {
  private offsetMs: number;
  constructor(
    start?: Date,
    private readonly real: () => number = Date.now,
  ) {
    this.offsetMs = start ? start.getTime() - this.real() : 0;
  }
  now(): Date {
    return new Date(this.real() + this.offsetMs);
  }
  set(to: Date): void {
    if (to.getTime() < this.now().getTime()) throw new RangeError('the clock cannot move backwards');
    this.offsetMs = to.getTime() - this.real();
  }
}

// The process-wide clock that handlers read. In Lambda it stays the system clock; the
// local stack swaps in a MovableClock before any handler runs.
let current: Clock = systemClock;

export const clock: Clock = { now: () => current.now() };

export function useClock(next: Clock): void {
  current = next;
}
