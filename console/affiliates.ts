// Affiliates: the board of every affiliate, one affiliate with its cycle drawn as a row
// of stations and its events, registering or editing one only after reading the notices
// it would be sent, and pausing or resuming the automation with a reason.

import {
  type AffiliateDetail,
  type AffiliateInput,
  type AffiliateView,
  type CycleStep,
  getAffiliate,
  getAffiliatePreview,
  listAffiliates,
  type PlannedNotice,
  pauseAffiliate,
  previewAffiliate,
  type RegistrationPreview,
  resumeAffiliate,
  saveAffiliate,
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
  table,
  words,
} from './dom.ts';
import { problem } from './problem.ts';

export const affiliateHref = (id: string, rest = '') =>
  `/console/affiliates/${encodeURIComponent(id)}${rest}`;

const STEP_LABEL: Record<CycleStep['step'], string> = {
  agreement_start: 'Agreement starts',
  early_reminder: 'Early reminder',
  first_reminder: 'First reminder',
  second_reminder: 'Second reminder',
  due: 'Report due',
  expire: 'Expiry notice',
  final_reminder: 'Final reminder',
  remove: 'Removal to Formerly Active',
  escalation_1: 'First reminder after the due date',
  escalation_2: 'Second reminder after the due date',
  escalation_3: 'Third reminder: suspended, organizers take over',
};

const statusText = (a: AffiliateView) => `${words(a.status)}${a.paused ? ' (paused)' : ''}`;

export async function boardScreen(): Promise<void> {
  const { affiliates } = await listAffiliates();
  render(
    h(
      'div',
      { class: 'actions' },
      h('a', { class: 'button', href: '/console/affiliates/new' }, 'Register an affiliate'),
    ),
    affiliates.length
      ? table(
          'Every affiliate',
          ['Affiliate', 'Status', 'Report due', 'Next step', 'Owed notices', 'Bouncing addresses'],
          affiliates.map((a) => [
            h('a', { href: affiliateHref(a.id) }, a.name),
            statusText(a),
            formatDay(a.dueDate),
            a.nextDeadline ? `${words(a.nextDeadline.action)}, ${formatDay(a.nextDeadline.day)}` : '—',
            a.owedNotices.length ? a.owedNotices.map(words).join(', ') : '—',
            a.bouncing.length ? a.bouncing.join(', ') : '—',
          ]),
        )
      : h('p', {}, 'No affiliates yet.'),
  );
}

/** The period as a row of stations: done ones filled, the next one outlined thick, each also said in words. */
function cyclePicture(cycle: CycleStep[]): HTMLElement {
  return h(
    'ol',
    { class: 'cycle', 'aria-label': 'This agreement period' },
    ...cycle.map((c) =>
      h(
        'li',
        { class: c.next ? 'next' : c.done ? 'done' : 'planned', 'aria-current': c.next ? 'step' : undefined },
        h('strong', {}, STEP_LABEL[c.step]),
        h('span', { class: 'day' }, formatDay(c.day)),
        h('span', { class: 'state' }, c.next ? 'Next' : c.done ? 'Done' : 'Planned'),
      ),
    ),
  );
}

function reasonForm(
  a: AffiliateDetail,
  onDone: (affiliate: AffiliateView, message: string) => void,
): HTMLFormElement {
  const pausing = !a.paused;
  const reason = h('textarea', { name: 'reason', required: true, maxlength: 500 });
  const result = h('div');
  const button = h('button', { type: 'submit' }, pausing ? 'Pause the automation' : 'Resume the automation');
  return h(
    'form',
    {
      // Our own check and message (announced), not the browser's bubble.
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        if (!reason.value.trim()) {
          result.replaceChildren(errorBox('Give a reason; it goes on the timeline.'));
          reason.focus();
          return;
        }
        button.disabled = true;
        try {
          const { affiliate } = await (pausing ? pauseAffiliate : resumeAffiliate)(a.id, reason.value);
          onDone(affiliate, pausing ? 'Paused: no notice goes out until it is resumed.' : 'Resumed.');
        } catch (error) {
          result.replaceChildren(errorBox(...problem(error)));
          button.disabled = false;
        }
      },
    },
    h(
      'fieldset',
      {},
      h('legend', {}, pausing ? 'Pause' : 'Resume'),
      result,
      field(
        'Reason',
        reason,
        pausing
          ? 'While paused nothing is sent; what falls due meanwhile happens when it is resumed.'
          : 'Whatever fell due while paused happens now.',
      ),
      h('div', { class: 'actions' }, button),
    ),
  );
}

export async function affiliateScreen(id: string, message?: string): Promise<void> {
  const { affiliate: a } = await getAffiliate(id);
  setTitle(a.name);
  const facts: [string, string | Node][] = [
    ['Status', statusText(a)],
    ['Type', words(a.type)],
    ['Country', a.country],
    ['Agreement', `${formatDay(a.agreement.start)} to ${formatDay(a.agreement.end)}`],
    ['Report due', formatDay(a.dueDate)],
    ['Next step', a.nextDeadline ? `${words(a.nextDeadline.action)}, ${formatDay(a.nextDeadline.day)}` : '—'],
    ['Removal date', formatDay(a.removalDate)],
    ['Owed notices', a.owedNotices.length ? a.owedNotices.map(words).join(', ') : '—'],
    ['Contacts', a.contactEmails.join(', ')],
    ['Languages', a.languages.join(', ') || '—'],
    ['Meta-wiki page', h('a', { href: a.metaPage }, a.metaPage)],
  ];
  if (a.paused) facts.push(['Paused because', a.pauseReason ?? '—']);
  if (a.holdReason) facts.push(['Held because', a.holdReason]);
  render(
    message ? okBox(message) : null,
    h('dl', {}, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    h(
      'div',
      { class: 'actions' },
      h('a', { class: 'button secondary', href: affiliateHref(a.id, '/edit') }, 'Edit'),
      h(
        'a',
        { class: 'button secondary', href: affiliateHref(a.id, '/reports') },
        'Reports and reinstatement',
      ),
    ),
    h('h2', {}, 'Cycle'),
    cyclePicture(a.cycle),
    reasonForm(a, (_affiliate, done) => {
      void affiliateScreen(id, done).then(() => {
        focusOutcome();
        announce(done);
      });
    }),
    plannedNotices(a.id),
    h('h2', {}, 'Events'),
    a.timeline.length
      ? h(
          'ol',
          { reversed: true },
          ...[...a.timeline]
            .reverse()
            .map((e) =>
              h(
                'li',
                {},
                h('strong', {}, e.what),
                ` — ${formatInstant(e.at)}, by ${e.who}`,
                e.why ? h('p', { class: 'hint' }, e.why) : null,
              ),
            ),
        )
      : h('p', {}, 'Nothing yet.'),
  );
}

const TYPES: [AffiliateView['type'], string][] = [
  ['user_group', 'User group'],
  ['chapter', 'Chapter'],
  ['thematic_organization', 'Thematic organization'],
];

/** Register (no id) or edit: the preview of planned notices comes first, then Save. */
export async function affiliateFormScreen(id: string): Promise<void> {
  const existing = id ? (await getAffiliate(id)).affiliate : undefined;
  if (existing) setTitle(`Edit ${existing.name}`);
  const input = (name: string, value = '', attrs: Record<string, string | boolean> = {}) =>
    h('input', { name, value, ...attrs });
  const controls = {
    id: input('id', existing?.id, {
      required: true,
      pattern: '[a-z0-9][a-z0-9\\-]*',
      readonly: !!existing,
      autocomplete: 'off',
    }),
    name: input('name', existing?.name, { required: true }),
    type: h(
      'select',
      { name: 'type' },
      ...TYPES.map(([v, label]) => h('option', { value: v, selected: existing?.type === v }, label)),
    ),
    country: input('country', existing?.country ?? 'Pakistan', { required: true }),
    contactEmails: h(
      'textarea',
      { name: 'contactEmails', required: true },
      existing?.contactEmails.join('\n') ?? '',
    ),
    languages: input('languages', existing?.languages.join(', ') ?? 'ur'),
    metaPage: input('metaPage', existing?.metaPage, { type: 'url', required: true }),
    logoUrl: input('logoUrl', existing?.logoUrl, { type: 'url', required: true }),
    start: input('start', existing?.agreement.start, { type: 'date', required: true }),
    end: input('end', existing?.agreement.end, { type: 'date', required: true }),
  };
  const values = (): AffiliateInput => ({
    id: controls.id.value.trim(),
    name: controls.name.value,
    type: controls.type.value as AffiliateView['type'],
    country: controls.country.value,
    contactEmails: controls.contactEmails.value.split(/[\s,;]+/).filter(Boolean),
    languages: controls.languages.value.split(/[\s,;]+/).filter(Boolean),
    metaPage: controls.metaPage.value.trim(),
    logoUrl: controls.logoUrl.value.trim(),
    agreement: { start: controls.start.value, end: controls.end.value },
  });

  const result = h('div');
  const previewArea = h('section', { 'aria-labelledby': 'preview-heading', hidden: true });
  const previewButton = h('button', { type: 'submit' }, 'Preview the notices');
  const save = h('button', { type: 'button', disabled: true }, existing ? 'Save the changes' : 'Register');
  let previewed: string | undefined;

  const showProblem = (error: unknown) => {
    const [message, details] = problem(error);
    result.replaceChildren(errorBox(message, details));
    for (const [name, control] of Object.entries(controls)) {
      const wrong = details.some(
        (d) => d.startsWith(`${name}:`) || d.startsWith(`agreement.${name}:`) || d.startsWith(`${name}.`),
      );
      if (wrong) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  };

  const form = h(
    'form',
    {
      novalidate: true,
      oninput: () => {
        // Any change makes the preview out of date: read it again before saving.
        if (previewed !== undefined && JSON.stringify(values()) !== previewed) {
          save.disabled = true;
          previewed = undefined;
          announce('The form changed: preview the notices again before saving.');
        }
      },
      onsubmit: async (event: Event) => {
        event.preventDefault();
        previewButton.disabled = true;
        try {
          const asked = values();
          const preview = await previewAffiliate(asked);
          previewed = JSON.stringify(asked);
          result.replaceChildren();
          drawPreview(previewArea, preview);
          save.disabled = false;
          document.getElementById('preview-heading')!.focus();
          announce(`${preview.preview.notices.length} planned notices shown. Read them, then save.`);
        } catch (error) {
          showProblem(error);
        } finally {
          previewButton.disabled = false;
        }
      },
    },
    h(
      'fieldset',
      {},
      h('legend', {}, 'The affiliate'),
      field('Id', controls.id, 'Lowercase letters, digits and hyphens; it cannot change later.'),
      field('Name', controls.name),
      field('Type', controls.type),
      field('Country', controls.country),
      field('Contact emails', controls.contactEmails, 'One address per line.'),
      field('Languages of the notices', controls.languages, 'Language codes besides English, like ur.'),
      field('Meta-wiki page', controls.metaPage, 'https://meta.wikimedia.org/wiki/…'),
      field('Logo', controls.logoUrl, 'An https:// address of the logo image.'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Agreement'),
      field('Starts', controls.start),
      field('Ends', controls.end),
    ),
    result,
    h('div', { class: 'actions' }, previewButton),
  );

  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      const { affiliate } = await saveAffiliate(values());
      location.assign(affiliateHref(affiliate.id));
    } catch (error) {
      showProblem(error);
      save.disabled = false;
    }
  });
  render(form, previewArea, h('div', { class: 'actions' }, save));
}

function drawPreview(area: HTMLElement, p: RegistrationPreview): void {
  area.hidden = false;
  area.replaceChildren(
    h('h2', { id: 'preview-heading', tabindex: -1 }, 'What will happen'),
    h(
      'div',
      {},
      h(
        'p',
        {},
        `${p.exists ? 'This changes an affiliate already registered.' : 'A new affiliate.'} Today it will stand as: ${words(p.affiliate.status)}; its report is due ${formatDay(p.affiliate.dueDate)}.`,
      ),
      p.timeline.length
        ? h('ul', {}, ...p.timeline.map((e) => h('li', {}, e.what, e.why ? ` (${e.why})` : '')))
        : null,
      h('h3', {}, `Planned notices: ${p.preview.notices.length}`),
      noticeList(p.preview.notices),
    ),
  );
}

/** Every planned email: when, to whom, whether public, its subject and its text. */
function noticeList(notices: PlannedNotice[]): HTMLElement {
  if (!notices.length) return h('p', {}, 'No notices are planned.');
  return h(
    'ol',
    {},
    ...notices.map((n) =>
      h(
        'li',
        { class: 'notice-preview' },
        h('strong', {}, n.subject),
        h(
          'p',
          {},
          `${n.step === 'owed' ? 'Now' : formatInstant(n.at)} to ${n.recipients.join(', ')}${n.public ? ' (public: Wikimedia-l)' : ''}`,
        ),
        h('details', {}, h('summary', {}, 'The text'), h('pre', {}, n.text)),
      ),
    ),
  );
}

/** The planned notices of a stored affiliate, fetched when asked for (a button, not on load). */
function plannedNotices(id: string): HTMLElement {
  const area = h('div');
  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: async () => {
        button.disabled = true;
        try {
          const { preview } = await getAffiliatePreview(id);
          area.replaceChildren(noticeList(preview.notices));
          button.hidden = true;
          announce(`${preview.notices.length} planned notices shown.`);
        } catch (error) {
          area.replaceChildren(errorBox(...problem(error)));
          button.disabled = false;
        }
      },
    },
    'Show every email it will be sent',
  );
  return h(
    'section',
    { 'aria-labelledby': 'planned' },
    h('h2', { id: 'planned' }, 'Planned notices'),
    button,
    area,
  );
}
