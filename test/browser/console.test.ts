// The organizers' console in headless Chromium on the local stack, signed in through the
// local identity provider as a named organizer: the link in an organizer email opens the
// application after sign-in; approve it and the applicant's email arrives; reject one
// with a reason; register an affiliate after reading its planned notices; pause it; the
// reports screen, a new removal date, the checklist and reinstating; the members CSV;
// signing out, and someone outside the organizers group. Keyboard-only passes decide an
// application and register and pause an affiliate, the focus visible at every stop. axe-core
// finds nothing on any screen, and nothing is wider than a 360 px phone. The CSP stays
// on: axe is evaluated through the DevTools protocol, not injected as a script.

// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText() is the text a person sees (layout, hidden parts left out), which these tests mean
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { confirmedApplication } from '../support/console.ts';
import { type FakeMediaWiki, startFakeMediaWiki } from '../support/fake-mediawiki.ts';
import { AGREEMENT, createAffiliate, goodReport, REPORTS_PAGE } from '../support/reports.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const ORGANIZER = 'amina.organizer@example.org';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let stack: TestStack;
let meta: FakeMediaWiki;
let chromium: TestBrowser;
let browser: BrowserContext;
let page: Page;
const cspViolations: string[] = [];

beforeAll(async () => {
  meta = await startFakeMediaWiki();
  stack = await startTestStack({
    startAt: new Date('2026-07-15T07:00:00Z'),
    env: { META_API_URL: meta.url, META_API_TIMEOUT_MS: '2000' },
  });
  chromium = await launchBrowser();
  browser = chromium.context;
  page = await browser.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
});
afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  await meta?.stop();
});

async function axeViolations(): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run: () => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Wait for the screen to be drawn (the script clears aria-busy once it has its data). */
async function ready(): Promise<void> {
  await page.locator('#app:not([aria-busy])').waitFor();
}

/** The local identity provider's sign-in page, as a person fills it in. */
async function signIn(email: string, organizer = true): Promise<void> {
  await page.getByLabel('Email').fill(email);
  if (!organizer) await page.getByLabel('Member of the organizers group').uncheck();
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Open a screen, signing in first when the browser has no session (a test run alone). */
async function open(path: string): Promise<void> {
  await page.goto(`${stack.apiUrl}${path}`);
  // Either the screen draws, or its script sends the browser to sign in.
  await page.locator('#app:not([aria-busy]), form[action$="/oauth2/authorize"]').first().waitFor();
  if (page.url().includes('/_local/idp/')) {
    await signIn(ORGANIZER);
    await page.waitForURL(`${stack.apiUrl}${path}`);
  }
  await ready();
}

const appText = () => page.locator('#app').innerText();

/**
 * Press Tab until the focus is on the control named `target` (its name attribute, or a
 * button's text), checking at every stop that the focus is visible; the names passed.
 */
async function tabTo(target: string): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return {
        name: el.getAttribute('name') ?? el.textContent?.trim() ?? '',
        outline: getComputedStyle(el).outlineStyle,
      };
    });
    expect(focused.outline, `focus visible on ${focused.name}`).not.toBe('none');
    passed.push(focused.name);
    if (focused.name === target) return passed;
  }
  throw new Error(`Tab never reached ${target}; passed ${passed.join(', ')}`);
}

/** Wait until the page's live region has said this (Playwright's own wait, up to 30 s). */
const said = (text: string) => page.locator('#status', { hasText: text }).waitFor();

describe('the console, signed in as a named organizer', () => {
  it('opens the link from the organizer email after sign-in, and approving emails the applicant', async () => {
    const { id, email } = await confirmedApplication(stack, 'Ayesha Console');
    const told = (await stack.emailsTo('organizers@')).find((m) => m.subject.includes('Ayesha Console'));
    const link = /http:\/\/\S+\/console\/applications\/[0-9a-f-]+/.exec(told?.body.text ?? '')?.[0];
    expect(link).toBe(`${stack.apiUrl}/console/applications/${id}`);

    // Not signed in: the page sends the browser to sign in, and back here after.
    await page.goto(link!);
    await signIn(ORGANIZER);
    await page.waitForURL(link!);
    await ready();
    expect(await page.locator('#signed-in').innerText()).toContain(ORGANIZER);
    expect(await page.locator('h1').innerText()).toBe('Application: Ayesha Console');
    const text = await appText();
    expect(text).toContain('I edit Urdu Wikipedia.');
    expect(text).toMatch(/CNIC\s+ends in \d{4} \(the full number is not kept\)/);
    expect(await axeViolations()).toEqual([]);

    await page.getByRole('button', { name: 'Approve' }).click();
    await expect
      .poll(() => page.locator('#status').innerText())
      .toContain('Approved. The applicant has been emailed.');
    expect(await appText()).toContain(`approve by ${ORGANIZER}`);
    const mails = await stack.emailsTo(email);
    expect(mails.some((m) => /approved/i.test(m.subject))).toBe(true);
  }, 90_000);

  it('rejects an application with a reason the applicant reads', async () => {
    const { id, email } = await confirmedApplication(stack, 'Bilal Console');
    await open(`/console/applications/${id}`);
    await page.getByRole('button', { name: 'Reject' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Write the reason the applicant will read.');
    await page
      .getByLabel('Reason (the applicant reads it in the email)')
      .fill('We could not find your Wikimedia account.');
    await page.getByRole('button', { name: 'Reject' }).click();
    await said('Rejected.');
    const mail = (await stack.emailsTo(email)).at(-1);
    expect(mail?.body.text).toContain('We could not find your Wikimedia account.');
  }, 90_000);

  it('shows the queue with counts, and the members with a CSV export', async () => {
    await open('/console/applications?status=approved');
    expect(await page.getByRole('link', { name: /^Approved \(\d+\)$/ }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(await appText()).toContain('Ayesha Console');
    expect(await axeViolations()).toEqual([]);

    await open('/console/members');
    expect(await appText()).toContain('Ayesha Console');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download the \d+ members as CSV/ }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'name,email,kind,wikimediaUsername,city,contactName,registeredIn,memberSince',
    );
    expect(csv).toContain('"Ayesha Console"');
    expect(await axeViolations()).toEqual([]);
  }, 90_000);

  it('registers an affiliate only after its planned notices are shown, then pauses it with a reason', async () => {
    await open('/console/affiliates/new');
    await page.getByLabel('Id').fill('lahore-readers');
    await page.getByLabel('Name', { exact: true }).fill('Lahore Readers User Group');
    await page.getByLabel('Contact emails').fill('lahore-readers@groups.example.org');
    await page.getByLabel('Meta-wiki page').fill('https://meta.wikimedia.org/wiki/Lahore_Readers');
    await page.getByLabel('Logo').fill('https://upload.wikimedia.org/lahore.svg');
    await page.getByLabel('Starts').fill('2025-08-01');
    await page.getByLabel('Ends').fill('2026-07-31');
    const register = page.getByRole('button', { name: 'Register' });
    expect(await register.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Preview the notices' }).click();
    await page.getByRole('heading', { name: 'What will happen' }).waitFor();
    const preview = await page.locator('section[aria-labelledby=preview-heading]').innerText();
    expect(preview).toMatch(/Planned notices: [1-9]/);
    expect(preview).toContain('lahore-readers@groups.example.org');
    expect(await register.isEnabled()).toBe(true);
    expect(await axeViolations()).toEqual([]);
    // A change after the preview asks for a new one before saving.
    await page.getByLabel('Country').fill('PK');
    expect(await register.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Preview the notices' }).click();
    await expect.poll(() => register.isEnabled(), { timeout: 10_000 }).toBe(true);
    await register.click();
    await page.waitForURL(`${stack.apiUrl}/console/affiliates/lahore-readers`);
    await ready();
    expect(await page.locator('h1').innerText()).toBe('Lahore Readers User Group');
    // The cycle: the next step is highlighted and said in words.
    const next = page.locator('.cycle li[aria-current=step]');
    expect(await next.innerText()).toContain('Next');
    await page.getByRole('button', { name: 'Show every email it will be sent' }).click();
    await said('planned notices shown');
    expect(await page.locator('section[aria-labelledby=planned]').innerText()).toContain(
      'lahore-readers@groups.example.org',
    );
    expect(await axeViolations()).toEqual([]);

    await page.getByLabel('Reason').fill('The group asked for time: new contacts coming.');
    await page.getByRole('button', { name: 'Pause the automation' }).click();
    await said('Paused');
    expect(await appText()).toContain('(paused)');
    const events = await page.locator('#app ol[reversed]').innerText();
    expect(events).toContain(`by ${ORGANIZER}`);
    expect(events).toContain('The group asked for time: new contacts coming.');
  }, 90_000);

  it('shows the board and the reports of an affiliate; checking again accepts a fixed report', async () => {
    await createAffiliate(stack, 'multan', AGREEMENT);
    const title = 'Wikimedia multan/Reports/2026';
    const sent = await stack.api('/admin/affiliates/multan/reports', {
      admin: true,
      json: goodReport(title),
    });
    expect(sent.status).toBe(201);

    await open('/console/affiliates');
    const board = await appText();
    expect(board).toContain('Lahore Readers User Group');
    expect(board).toContain('Wikimedia multan User Group');
    expect(await axeViolations()).toEqual([]);

    await open('/console/affiliates/multan/reports');
    expect(await appText()).toMatch(/Status\s+received/);
    expect(await axeViolations()).toEqual([]);
    meta.pages.set(title, { linkedFrom: [REPORTS_PAGE] });
    await page.getByRole('button', { name: 'Check meta-wiki again' }).click();
    await expect
      .poll(() => page.locator('#status').innerText())
      .toContain('verified on meta-wiki, and accepted');
    expect(await appText()).toMatch(/Status\s+accepted/);
  }, 90_000);

  it('gives a group past its removal date a new one; once its late report is accepted, confirms the checklist and reinstates it', async () => {
    await createAffiliate(stack, 'sialkot', { start: '2024-06-01', end: '2025-05-31' });
    await open('/console/affiliates/sialkot/reports');
    await page.getByLabel('New removal date').fill('2026-08-20');
    await page
      .getByLabel('Reason (the contacts read it)')
      .fill('The group is sending its report this month.');
    await page.getByRole('button', { name: 'Set the removal date' }).click();
    await said('The removal date is now 20 Aug 2026.');
    expect(await appText()).toMatch(/Status: expired/);
    expect(await page.getByRole('button', { name: 'Reinstate' }).count()).toBe(0);
    expect(await axeViolations()).toEqual([]);

    // The late report arrives; meta-wiki shows it only after the group fixes its page.
    const title = 'Wikimedia sialkot/Reports/2025';
    const late = { ...goodReport(title), periodStart: '2024-06-01', periodEnd: '2025-05-31' };
    expect((await stack.api('/admin/affiliates/sialkot/reports', { admin: true, json: late })).status).toBe(
      201,
    );
    meta.pages.set(title, { linkedFrom: [REPORTS_PAGE] });
    await open('/console/affiliates/sialkot/reports');
    await page.getByRole('button', { name: 'Check meta-wiki again' }).click();
    await said('verified on meta-wiki, and accepted');
    expect(await appText()).toMatch(/Status: reinstatement review/);

    const confirm = page.getByRole('button', { name: 'Confirm by hand' });
    for (let open = await confirm.count(); open > 0; open = await confirm.count()) {
      await confirm.first().click();
      await expect.poll(() => confirm.count(), { timeout: 10_000 }).toBeLessThan(open);
    }
    await page.getByRole('button', { name: 'Reinstate' }).click();
    await said('Reinstated; Wikimedia-l is told.');
    expect(await appText()).toMatch(/Status: active/);
  }, 90_000);

  it('decides an application with the keyboard alone, the focus always visible', async () => {
    const { id } = await confirmedApplication(stack, 'Keyboard Person');
    await open(`/console/applications/${id}`);
    await page.locator('body').focus();
    const passed = await tabTo('reason');
    expect(passed).toContain('Approve');
    await page.keyboard.type('Not a resident of Pakistan.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await said('Rejected.');
    // The result is where the focus went.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Rejected.');
  }, 90_000);

  it('registers an affiliate after its preview and pauses it with the keyboard alone', async () => {
    await open('/console/affiliates/new');
    await page.locator('body').focus();
    const fill = async (name: string, text: string) => {
      await tabTo(name);
      await page.keyboard.type(text);
    };
    await fill('id', 'keyboard-group');
    await fill('name', 'Keyboard User Group');
    await fill('contactEmails', 'keyboard@groups.example.org');
    await fill('metaPage', 'https://meta.wikimedia.org/wiki/Keyboard_User_Group');
    await fill('logoUrl', 'https://upload.wikimedia.org/keyboard.svg');
    await fill('start', '08012025');
    await fill('end', '07312026');
    await page.keyboard.press('Enter');
    // The preview takes the focus; the next stop after it is the button that registers.
    await page.getByRole('heading', { name: 'What will happen' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('preview-heading');
    await tabTo('Register');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${stack.apiUrl}/console/affiliates/keyboard-group`);
    await ready();

    await page.locator('body').focus();
    await tabTo('reason');
    await page.keyboard.type('Waiting for new contacts.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await said('Paused');
    expect(await appText()).toContain('Waiting for new contacts.');
  }, 90_000);

  it('fits a 360 px screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of [
      '/console/applications',
      '/console/affiliates',
      '/console/affiliates/lahore-readers',
    ]) {
      await open(path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(360);
    }
    expect(await axeViolations()).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, 90_000);

  it('signs out; someone outside the organizers group who signs in is told so and sees no data', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await open('/console/affiliates');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();

    await page.goto(`${stack.apiUrl}/console/`);
    await signIn('visitor@example.org', false);
    await page.waitForURL(`${stack.apiUrl}/console/`);
    await ready();
    expect(await page.getByRole('alert').innerText()).toContain('only members of the organizers group');
    expect(await appText()).not.toContain('Ayesha Console');
  }, 90_000);
});
