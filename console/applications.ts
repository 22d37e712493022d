// Applications: the queue by status with counts, one application with everything the
// applicant sent (the CNIC only as its last four digits: the rest is never kept), the
// decision, and the members list with its CSV export.

import {
  type Application,
  type ApplicationStatus,
  allMembers,
  applicationCounts,
  decideApplication,
  getApplication,
  listApplications,
  type Member,
} from './api.ts';
import {
  announce,
  errorBox,
  field,
  focusOutcome,
  formatInstant,
  h,
  okBox,
  render,
  setTitle,
  table,
} from './dom.ts';
import { problem } from './problem.ts';

const STATUSES: { status: ApplicationStatus; label: string }[] = [
  { status: 'submitted', label: 'To decide' },
  { status: 'pending_confirmation', label: 'Waiting for the applicant to confirm' },
  { status: 'approved', label: 'Approved' },
  { status: 'rejected', label: 'Rejected' },
];

const href = (a: Pick<Application, 'id'>) => `/console/applications/${encodeURIComponent(a.id)}`;

export async function queueScreen(): Promise<void> {
  const asked = new URLSearchParams(location.search).get('status');
  const status = STATUSES.find((s) => s.status === asked)?.status ?? 'submitted';
  const [{ counts }, first] = await Promise.all([applicationCounts(), listApplications(status)]);
  const label = STATUSES.find((s) => s.status === status)!.label;
  const rows = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary' }, 'Show more');
  let cursor = first.nextCursor;
  const add = (items: Application[]) => {
    for (const a of items)
      rows.append(
        h(
          'tr',
          {},
          h('td', {}, h('a', { href: href(a) }, a.name)),
          h('td', {}, a.kind),
          h('td', {}, formatInstant(a.confirmedAt ?? a.createdAt)),
          h('td', {}, a.decision ? `${a.decision.decision} by ${a.decision.by}` : ''),
        ),
      );
  };
  add(first.items);
  more.hidden = !cursor;
  more.addEventListener('click', async () => {
    const page = await listApplications(status, cursor);
    add(page.items);
    cursor = page.nextCursor;
    more.hidden = !cursor;
    announce(`${page.items.length} more applications shown.`);
  });
  render(
    h(
      'nav',
      { 'aria-label': 'Applications by status' },
      h(
        'ul',
        { class: 'tabs' },
        ...STATUSES.map((s) =>
          h(
            'li',
            {},
            h(
              'a',
              {
                href: `/console/applications?status=${s.status}`,
                'aria-current': s.status === status ? 'page' : undefined,
              },
              `${s.label} (${counts[s.status]})`,
            ),
          ),
        ),
      ),
    ),
    h('h2', {}, `${label}: ${counts[status]}`),
    first.items.length
      ? h(
          'div',
          { class: 'scroll', role: 'region', 'aria-label': label, tabindex: 0 },
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...['Name', 'Kind', 'Confirmed (or received)', 'Decision'].map((x) =>
                  h('th', { scope: 'col' }, x),
                ),
              ),
            ),
            rows,
          ),
        )
      : h('p', {}, 'No applications here.'),
    more,
  );
}

function facts(a: Application): [string, string | Node][] {
  const common: [string, string | Node][] = [
    ['Status', a.status.replace(/_/g, ' ')],
    ['Kind', a.kind],
    ['Name', a.name],
    ['Email', a.email],
    ['Language of emails', a.language],
  ];
  const own: [string, string | Node][] =
    a.kind === 'individual'
      ? [
          ['Citizenship', a.citizenship],
          ['CNIC', `ends in ${a.cnicLast4} (the full number is not kept)`],
          ['Age', `checked ${formatInstant(a.ageVerifiedAt)} (the date of birth is not kept)`],
          ['Wikimedia username', a.wikimediaUsername ?? '—'],
          ['City', a.city ?? '—'],
        ]
      : [
          ['Registration number', a.registrationNumber],
          ['Registration authority', a.registrationAuthority],
          ['Registered in', a.registeredIn],
          ['Contact person', a.contactName],
        ];
  const more: [string, string | Node][] = [
    ['Statement', a.statement ?? '—'],
    ['Received', formatInstant(a.createdAt)],
    ['Confirmed', formatInstant(a.confirmedAt)],
  ];
  if (a.emailBouncing) more.push(['Email problem', `${a.emailBouncing.reason} (${a.emailBouncing.at})`]);
  if (a.claimConflict)
    more.push([
      'Held aside',
      h(
        'span',
        {},
        `Its ${a.claimConflict.field} is claimed by `,
        h('a', { href: href({ id: a.claimConflict.applicationId }) }, 'another application'),
        '.',
      ),
    ]);
  for (const d of a.disputedBy ?? [])
    more.push([
      'Disputed by',
      h('a', { href: href({ id: d.applicationId }) }, `an application claiming the same ${d.field}`),
    ]);
  if (a.decision)
    more.push([
      'Decision',
      `${a.decision.decision} by ${a.decision.by}, ${formatInstant(a.decision.at)}${a.decision.reason ? `: “${a.decision.reason}”` : ''}`,
    ]);
  return [...common, ...own, ...more];
}

export async function applicationScreen(id: string): Promise<void> {
  const a = await getApplication(id);
  setTitle(`Application: ${a.name}`);
  const result = h('div', { id: 'result' });
  const decided = (outcome: { application: Application; emailed: boolean }) => {
    const what = outcome.application.status === 'approved' ? 'Approved' : 'Rejected';
    const message = `${what}. ${outcome.emailed ? 'The applicant has been emailed.' : 'The email to the applicant could not be sent yet; try the decision again later to resend it.'}`;
    draw(outcome.application, okBox(message));
    focusOutcome();
    announce(message);
  };
  const act = async (button: HTMLButtonElement, run: () => Promise<void>) => {
    button.disabled = true;
    try {
      await run();
    } catch (error) {
      result.replaceChildren(errorBox(...problem(error)));
      button.disabled = false;
    }
  };
  const draw = (app: Application, message?: Node) => {
    const reason = h('textarea', { name: 'reason', required: true, maxlength: 2000 });
    const approve: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        onclick: () => act(approve, async () => decided(await decideApplication(app.id, 'approve'))),
      },
      'Approve',
    );
    const reject: HTMLButtonElement = h('button', { type: 'submit', class: 'danger' }, 'Reject');
    const rejectForm = h(
      'form',
      {
        // Our own check and message (announced), not the browser's bubble.
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          if (!reason.value.trim()) {
            result.replaceChildren(errorBox('Write the reason the applicant will read.'));
            reason.focus();
            return;
          }
          act(reject, async () => decided(await decideApplication(app.id, 'reject', reason.value)));
        },
      },
      h(
        'fieldset',
        {},
        h('legend', {}, 'Reject'),
        field('Reason (the applicant reads it in the email)', reason),
        h('div', { class: 'actions' }, reject),
      ),
    );
    render(
      message ?? null,
      h('dl', {}, ...facts(app).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      app.status === 'submitted'
        ? h(
            'section',
            { 'aria-labelledby': 'decide' },
            h('h2', { id: 'decide' }, 'Decide'),
            result,
            h('div', { class: 'actions' }, approve),
            rejectForm,
          )
        : h('p', {}, h('a', { href: '/console/applications' }, 'Back to the queue')),
    );
  };
  draw(a);
}

/** A CSV cell: quoted, and a leading =, +, - or @ defused so a spreadsheet never runs it. */
function cell(value: string | undefined): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function membersCsv(members: Member[]): string {
  const columns: (keyof Member)[] = [
    'name',
    'email',
    'kind',
    'wikimediaUsername',
    'city',
    'contactName',
    'registeredIn',
    'memberSince',
  ];
  const lines = [columns.join(','), ...members.map((m) => columns.map((c) => cell(m[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export async function membersScreen(): Promise<void> {
  const members = await allMembers();
  const download = h(
    'a',
    {
      class: 'button',
      download: 'members.csv',
      href: URL.createObjectURL(new Blob([membersCsv(members)], { type: 'text/csv;charset=utf-8' })),
    },
    `Download the ${members.length} members as CSV`,
  );
  render(
    h('p', {}, `${members.length} members.`),
    h('div', { class: 'actions' }, download),
    members.length
      ? table(
          'Members',
          ['Name', 'Email', 'Kind', 'Username or contact', 'City or registered in', 'Member since'],
          members.map((m) => [
            h('a', { href: href(m) }, m.name),
            m.email,
            m.kind,
            m.wikimediaUsername ?? m.contactName ?? '—',
            m.city ?? m.registeredIn ?? '—',
            formatInstant(m.memberSince),
          ]),
        )
      : null,
  );
}
