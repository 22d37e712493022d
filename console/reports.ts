// Reports of one affiliate: each report with its status and what meta-wiki showed (the
// rules it met or broke), check again, accept by hand or reject with a reason; the
// reinstatement checklist and reinstating; a new removal date with a reason.

import { affiliateHref } from './affiliates.ts';
import {
  type AffiliateDetail,
  type Checklist,
  confirmChecklistStep,
  getAffiliate,
  getChecklist,
  listReports,
  type Report,
  recheckReport,
  reinstateAffiliate,
  rejectReport,
  setRemovalDate,
  verifyReport,
} from './api.ts';
import {
  announce,
  errorBox,
  field,
  focusOutcome,
  formatDay,
  formatInstant,
  h,
  okBox,
  render,
  setTitle,
  words,
} from './dom.ts';
import { problem } from './problem.ts';

const CHECKS: [keyof Report['verification'], string][] = [
  ['linkedFromReportsPage', 'Linked from the Reports page'],
  ['linkedFromGroupPage', "Linked from the group's page"],
  ['subpageOfGroupPage', "A subpage of the group's page"],
  ['linksToGroupPage', "Links to the group's page"],
];

/** Run an action from a button; show its outcome in `box` and reload the screen on success. */
async function act(
  button: HTMLButtonElement,
  box: HTMLElement,
  run: () => Promise<string>,
  reload: (message: string) => Promise<void>,
): Promise<void> {
  button.disabled = true;
  try {
    const message = await run();
    await reload(message);
    focusOutcome();
    announce(message);
  } catch (error) {
    box.replaceChildren(errorBox(...problem(error)));
    button.disabled = false;
  }
}

function reasonForm(
  legend: string,
  label: string,
  submit: string,
  onReason: (reason: string, button: HTMLButtonElement, box: HTMLElement) => void,
  extra: HTMLElement[] = [],
): HTMLFormElement {
  const reason = h('textarea', { name: 'reason', required: true, maxlength: 500 });
  const box = h('div');
  const button = h('button', { type: 'submit', class: 'danger' }, submit);
  return h(
    'form',
    {
      // Our own check and message (announced), not the browser's bubble.
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (!reason.value.trim()) {
          box.replaceChildren(errorBox('Give the reason; the contacts read it.'));
          reason.focus();
          return;
        }
        onReason(reason.value, button, box);
      },
    },
    h(
      'fieldset',
      {},
      h('legend', {}, legend),
      box,
      ...extra,
      field(label, reason),
      h('div', { class: 'actions' }, button),
    ),
  );
}

function reportCard(a: AffiliateDetail, r: Report, reload: (m: string) => Promise<void>): HTMLElement {
  const box = h('div');
  const v = r.verification;
  const checked = CHECKS.filter(([key]) => v[key] !== undefined);
  const recheck: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: () =>
        act(
          recheck,
          box,
          async () => {
            const { report } = await recheckReport(a.id, r.reportId);
            return report.status === 'accepted'
              ? 'Checked again: verified on meta-wiki, and accepted.'
              : `Checked again: ${words(report.verification.state)}.`;
          },
          reload,
        ),
    },
    'Check meta-wiki again',
  );
  const accept: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      onclick: () =>
        act(
          accept,
          box,
          async () => {
            await verifyReport(a.id, r.reportId);
            return 'Accepted: marked verified by hand.';
          },
          reload,
        ),
    },
    'I checked meta-wiki: accept it',
  );
  return h(
    'article',
    { class: 'card', 'aria-labelledby': `r-${r.reportId}` },
    h('h3', { id: `r-${r.reportId}` }, h('a', { href: r.metaUrl }, r.metaTitle)),
    h(
      'dl',
      {},
      h('dt', {}, 'Status'),
      h('dd', {}, words(r.status)),
      h('dt', {}, 'Period'),
      h('dd', {}, `${formatDay(r.periodStart)} to ${formatDay(r.periodEnd)}`),
      h('dt', {}, 'Submitted'),
      h('dd', {}, `${formatInstant(r.submittedAt)} by ${r.submittedBy}`),
      h('dt', {}, 'Meta-wiki check'),
      h(
        'dd',
        {},
        `${words(v.state)} after ${v.attempts} attempt(s)${v.checkedAt ? `, last ${formatInstant(v.checkedAt)}` : ''}`,
      ),
      r.rejection
        ? [h('dt', {}, 'Rejected'), h('dd', {}, `by ${r.rejection.by}: “${r.rejection.reason}”`)]
        : null,
    ),
    checked.length
      ? h(
          'ul',
          { 'aria-label': 'Rules on meta-wiki' },
          ...checked.map(([key, label]) => h('li', {}, `${v[key] ? 'Met' : 'Not met'}: ${label}`)),
        )
      : null,
    v.missing?.length ? h('p', {}, `Missing on meta-wiki: ${v.missing.map(words).join(', ')}.`) : null,
    box,
    r.status === 'received'
      ? [
          h('div', { class: 'actions' }, recheck, accept),
          reasonForm(
            'Reject this report',
            'Reason (the contacts read it)',
            'Reject the report',
            (reason, button, b) =>
              act(
                button,
                b,
                async () => {
                  await rejectReport(a.id, r.reportId, reason);
                  return 'Rejected; the contacts have been told why.';
                },
                reload,
              ),
          ),
        ]
      : null,
    h(
      'details',
      {},
      h('summary', {}, 'History'),
      h(
        'ul',
        {},
        ...r.history.map((e) => h('li', {}, `${formatInstant(e.at)}: ${words(e.what)} (${e.who})`)),
      ),
    ),
  );
}

function checklistSection(
  a: AffiliateDetail,
  c: Checklist,
  reload: (m: string) => Promise<void>,
): HTMLElement {
  const box = h('div');
  const reinstate: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      disabled: !c.complete,
      onclick: () =>
        act(
          reinstate,
          box,
          async () => {
            await reinstateAffiliate(a.id);
            return 'Reinstated; Wikimedia-l is told.';
          },
          reload,
        ),
    },
    'Reinstate',
  );
  return h(
    'section',
    { 'aria-labelledby': 'checklist' },
    h('h2', { id: 'checklist' }, 'Reinstatement checklist'),
    box,
    h(
      'ol',
      {},
      ...c.steps.map((s) => {
        const confirm: HTMLButtonElement = h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () =>
              act(
                confirm,
                box,
                async () => {
                  await confirmChecklistStep(a.id, s.step);
                  return `Confirmed: ${words(s.step)}.`;
                },
                reload,
              ),
          },
          'Confirm by hand',
        );
        return h(
          'li',
          {},
          h('strong', {}, s.done ? 'Done: ' : 'To do: '),
          s.description,
          s.done && s.how ? h('span', { class: 'hint' }, ` (${words(s.how)})`) : null,
          s.done ? null : h('div', { class: 'actions' }, confirm),
        );
      }),
    ),
    // Reinstating is for a group whose late report was accepted (reinstatement review).
    a.status !== 'reinstatement_review'
      ? h('p', {}, 'Reinstating becomes possible once a report for this period is accepted.')
      : [
          c.complete ? null : h('p', {}, 'Reinstating needs every step done.'),
          h('div', { class: 'actions' }, reinstate),
        ],
  );
}

function removalSection(a: AffiliateDetail, reload: (m: string) => Promise<void>): HTMLElement {
  const day = h('input', { type: 'date', name: 'day', required: true });
  return h(
    'section',
    { 'aria-labelledby': 'removal' },
    h('h2', { id: 'removal' }, 'Removal date'),
    h('p', {}, `The name and logo leave the affiliates page on ${formatDay(a.removalDate)}.`),
    reasonForm(
      'A later removal date',
      'Reason (the contacts read it)',
      'Set the removal date',
      (reason, button, box) =>
        act(
          button,
          box,
          async () => {
            await setRemovalDate(a.id, day.value, reason);
            return `The removal date is now ${formatDay(day.value)}.`;
          },
          reload,
        ),
      [field('New removal date', day, 'A day after today.')],
    ),
  );
}

export async function reportsScreen(id: string, message?: string): Promise<void> {
  const [{ affiliate: a }, { reports }] = await Promise.all([getAffiliate(id), listReports(id)]);
  setTitle(`Reports: ${a.name}`);
  const reload = (m: string) => reportsScreen(id, m);
  const needsChecklist = ['expired', 'removal_held', 'formerly_active', 'reinstatement_review'].includes(
    a.status,
  );
  const checklist = needsChecklist ? (await getChecklist(id)).checklist : undefined;
  render(
    message ? okBox(message) : null,
    h(
      'p',
      {},
      `Status: ${words(a.status)}. Report due ${formatDay(a.dueDate)}. `,
      h('a', { href: affiliateHref(a.id) }, `Back to ${a.name}`),
    ),
    h('h2', {}, `Reports (${reports.length})`),
    reports.length
      ? reports.map((r) => reportCard(a, r, reload))
      : h('p', {}, 'No report yet for this affiliate.'),
    checklist ? checklistSection(a, checklist, reload) : null,
    a.status === 'expired' || a.status === 'removal_held' ? removalSection(a, reload) : null,
  );
}
