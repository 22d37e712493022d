// Helpers for the console tests: an application the applicant has sent and confirmed
// (through the public routes, as a person would), ready for an organizer to decide.

import { expect } from 'vitest';
import type { TestStack } from './stack.ts';

let counter = 0;

/** Apply as an individual and follow the emailed confirmation link; the application's id. */
export async function confirmedApplication(
  stack: TestStack,
  name: string,
): Promise<{ id: string; email: string }> {
  counter += 1;
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${counter}.${Date.now() % 100000}@example.org`;
  const digits = String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
  const res = await stack.api('/applications', {
    json: {
      kind: 'individual',
      name,
      email,
      dateOfBirth: '1994-03-21',
      citizenship: 'PK',
      cnic: `3${digits.slice(0, 4)}-${digits.slice(4, 11)}-${digits.slice(11)}`,
      city: 'Lahore',
      statement: 'I edit Urdu Wikipedia.',
    },
  });
  expect(res.status, await res.clone().text()).toBe(202);
  const { id } = (await res.json()) as { id: string };
  const mail = (await stack.emailsTo(email)).at(-1);
  const link = /(http:\/\/[^\s"<]+\/applications\/confirm\?token=[A-Za-z0-9_-]+)/.exec(
    mail?.body.text ?? '',
  )?.[1];
  expect(link, 'a confirmation link').toBeDefined();
  expect((await fetch(link!)).status).toBe(200);
  return { id, email };
}
