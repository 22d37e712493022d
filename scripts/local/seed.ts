// Example data for a newcomer's first `npm start` on an empty database. Each feature
// that has example data adds it here; the returned lines are printed at start-up.

import { clock } from '../../shared/clock.ts';
import { config } from '../../shared/config.ts';
import { addDays, dayIn, formatDay, periodEnd } from '../../shared/dates.ts';
import { getAffiliate, upsertAffiliate } from '../../shared/lifecycle/service.ts';
import { readAffiliate } from '../../shared/lifecycle/store.ts';

export const EXAMPLE_AFFILIATE_ID = 'wikimedia-community-user-group-pakistan';

/**
 * Wikimedia Community User Group Pakistan, with an agreement that started two months
 * ago, so moving the clock forward a year shows every reminder and notice. Registered
 * only when absent: a restart never changes what is there.
 */
async function seedExampleAffiliate(): Promise<string> {
  if (!(await readAffiliate(EXAMPLE_AFFILIATE_ID))) {
    const start = addDays(dayIn(clock.now(), config().timeZone), -60);
    await upsertAffiliate(
      {
        id: EXAMPLE_AFFILIATE_ID,
        name: 'Wikimedia Community User Group Pakistan',
        type: 'user_group',
        country: 'Pakistan',
        contactEmails: ['contact@wikimedia.pk.example'],
        languages: ['en', 'ur'],
        metaPage: 'https://meta.wikimedia.org/wiki/Wikimedia_Community_User_Group_Pakistan',
        logoUrl: 'https://upload.wikimedia.org/wikipedia/commons/example-wmpk-logo.svg',
        agreement: { start, end: periodEnd(start, 12) },
      },
      'seed',
    );
  }
  const a = (await getAffiliate(EXAMPLE_AFFILIATE_ID))!;
  return `${a.name}: ${a.status}, agreement ${formatDay(a.agreement.start)} to ${formatDay(a.agreement.end)}, report due ${formatDay(a.dueDate)}${a.nextDeadline ? `, next: ${a.nextDeadline.action} on ${formatDay(a.nextDeadline.day)}` : ''} (GET /admin/affiliates/${EXAMPLE_AFFILIATE_ID})`;
}

export async function seedLocalData(): Promise<string[]> {
  return [await seedExampleAffiliate()];
}
