// Building the page without a framework: elements made with h(), text always set as
// text (never as HTML), so nothing an applicant or a group wrote can become markup.

type Child = Node | string | number | false | null | undefined | Child[];
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace what #app shows, and tell assistive technology the page is ready. */
export function render(...children: Child[]): void {
  const app = document.getElementById('app')!;
  app.replaceChildren();
  append(app, children);
  app.removeAttribute('aria-busy');
}

/** A polite announcement in the page's live region (results of actions). */
export function announce(message: string): void {
  const status = document.getElementById('status')!;
  status.textContent = '';
  // A new text node after a tick, so the same message twice is still read out.
  setTimeout(() => {
    status.textContent = message;
  }, 50);
}

/** The page's heading, and the document title that starts with it. */
export function setTitle(title: string): void {
  document.getElementById('title')!.textContent = title;
  document.title = `${title} · ${document.title.split(' · ').slice(1).join(' · ')}`;
}

let uid = 0;
export const nextId = (prefix: string) => `${prefix}-${++uid}`;

/** A labelled field: label, optional hint, the control, and a slot for its error. */
export function field(
  label: string,
  control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
  hint?: string,
): HTMLDivElement {
  control.id ||= nextId('f');
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    control,
  );
}

/** A message box that is itself a live region (role=alert for errors). */
export const errorBox = (message: string, details: string[] = []) =>
  h(
    'div',
    { class: 'error', role: 'alert' },
    h('p', {}, message),
    details.length ? h('ul', {}, ...details.map((d) => h('li', {}, d))) : null,
  );

/**
 * The outcome of an action, shown where the action was. Not a live region itself: the
 * page's #status announces it once (announce), and the focus moves here (focusOutcome)
 * because the button that was pressed has been redrawn.
 */
export const okBox = (message: string) => h('div', { class: 'ok', tabindex: -1 }, h('p', {}, message));

export function focusOutcome(): void {
  document.querySelector<HTMLElement>('#app .ok')?.focus();
}

/** A data table inside a focusable, labelled region that scrolls on a narrow screen. */
export function table(caption: string, headers: string[], rows: Child[][]): HTMLElement {
  return h(
    'div',
    { class: 'scroll', role: 'region', 'aria-label': caption, tabindex: 0 },
    h(
      'table',
      {},
      h('caption', { class: 'sr-only' }, caption),
      h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((c) => h('td', {}, c))))),
    ),
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2026-07-15 -> 15 Jul 2026 (a calendar day; no time zone arithmetic). */
export function formatDay(day: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day ?? '');
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : '—';
}

/** An instant, in the organizer's own time zone, to the minute. */
export function formatInstant(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** snake_case codes as words: report_due -> report due. */
export const words = (code: string) => code.replace(/_/g, ' ');
