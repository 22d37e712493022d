// Valid request bodies for the bench and the load tests: each call gives a new
// applicant (own email and CNIC), so every submission is a fresh application.

/** A new eligible individual applicant; `run` keeps separate runs apart. */
export function applicationBody(run: string, n: number): Record<string, unknown> {
  const digits = String(n).padStart(7, '0').slice(-7);
  const runDigits = String(Number.parseInt(run.replace(/\D/g, '').slice(-5) || '0', 10) % 100000).padStart(
    5,
    '0',
  );
  return {
    kind: 'individual',
    name: `Load Tester ${run} ${n}`,
    email: `load.${run}.${n}@example.org`,
    dateOfBirth: '1990-04-15',
    citizenship: 'PK',
    cnic: `${runDigits}-${digits}-${n % 10}`,
    city: 'Lahore',
    language: 'en',
  };
}

/**
 * Abuse limits high enough to be out of the way: the bench and the load tests send
 * thousands of applications from one address to one domain, which the default limits
 * (shared/config.ts) rightly refuse.
 */
export const LIMITS_OUT_OF_THE_WAY: Record<string, string> = {
  LIMIT_APPLICATIONS_PER_CLIENT_HOUR: '1000000',
  LIMIT_CONFIRMATIONS_PER_ADDRESS_HOUR: '1000000',
  LIMIT_CONFIRMATIONS_PER_DOMAIN_HOUR: '1000000',
  LIMIT_CONFIRMATIONS_PER_DAY: '1000000',
  LIMIT_REPORTS_PER_AFFILIATE_DAY: '1000000',
};
