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
