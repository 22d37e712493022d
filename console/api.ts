// Every call the console makes, in one module: the sign-in token and the /admin routes.
// The shapes are the server's own types (type-only imports, erased from the bundle), so
// a generated OpenAPI client can later replace the bodies of these functions without
// touching the screens.
//
// The token lives in this module's memory only, never in localStorage or
// sessionStorage: a page load asks POST /console/auth/token (the session cookie proves
// who it is), and asks again when the token is about to expire or an admin route
// answers 401. With no session the page goes to sign-in and comes back here after.

import type { AffiliateProfile, AffiliateView, Agreement } from '../shared/affiliates/model.ts';
import type { Application, ApplicationStatus } from '../shared/applications/model.ts';
import type { PlannedNotice, Preview } from '../shared/lifecycle/preview.ts';
import type { TimelineEntry } from '../shared/lifecycle/store.ts';
import type { CycleStep } from '../shared/lifecycle/views.ts';
import type { Checklist } from '../shared/reports/checklist.ts';
import type { ChecklistStep, ReportRecord } from '../shared/reports/store.ts';

export type {
  AffiliateView,
  Application,
  ApplicationStatus,
  Checklist,
  ChecklistStep,
  CycleStep,
  PlannedNotice,
  Preview,
  TimelineEntry,
};

export type Member = Pick<Application, 'id' | 'kind' | 'name' | 'email'> & {
  wikimediaUsername?: string;
  city?: string;
  contactName?: string;
  registeredIn?: string;
  memberSince?: string;
};
export type BoardAffiliate = AffiliateView & { owedNotices: string[]; bouncing: string[] };
export type AffiliateDetail = AffiliateView & {
  owedNotices: string[];
  cycle: CycleStep[];
  timeline: TimelineEntry[];
};
export type Report = Omit<ReportRecord, 'pk' | 'sk' | 'text'> & { textChars: number };
export type AffiliateInput = AffiliateProfile & { agreement: Agreement };

interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface Session {
  token: string;
  expiresAt: number;
  email: string;
  organizer: boolean;
}

/** A refusal from the API, with the documented error shape's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Renew this long before the token expires, so a request never carries a dead one. */
const RENEW_MS = 60_000;
let session: Session | undefined;
let asking: Promise<Session> | undefined;

/** Sign-in, then back here (sign-in accepts paths under /console/, so /console is /console/). */
export const signInHref = () =>
  `/console/sign-in?next=${encodeURIComponent((location.pathname === '/console' ? '/console/' : location.pathname) + location.search)}`;

async function askForToken(): Promise<Session> {
  const res = await fetch('/console/auth/token', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (res.status === 401) {
    location.assign(signInHref());
    throw new ApiError(401, 'signed_out', 'You are signed out; taking you to sign in.');
  }
  if (!res.ok) throw new ApiError(res.status, 'no_token', `Sign-in did not answer (${res.status}).`);
  const body = (await res.json()) as { token: string; expiresAt: string; email: string; organizer: boolean };
  return { ...body, expiresAt: Date.parse(body.expiresAt) };
}

/** The signed-in organizer's session; a fresh token when this one is near its end. */
export async function currentSession(renew = false): Promise<Session> {
  if (!renew && session && session.expiresAt - Date.now() > RENEW_MS) return session;
  asking ??= askForToken().finally(() => {
    asking = undefined;
  });
  session = await asking;
  return session;
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const { token } = await currentSession(attempt > 0);
    const res = await fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // An expired or revoked token: one more try with a new one.
    if (res.status === 401 && attempt === 0) continue;
    const data = (await res.json().catch(() => undefined)) as
      | { error?: { code?: string; message?: string; fields?: { field: string; message: string }[] } }
      | undefined;
    if (!res.ok) {
      const error = data?.error;
      throw new ApiError(
        res.status,
        error?.code ?? 'error',
        error?.message ?? `The server answered ${res.status}.`,
        error?.fields,
      );
    }
    return data as T;
  }
}

const at = (strings: TemplateStringsArray, ...ids: string[]) =>
  strings.reduce((out, s, i) => out + s + (i < ids.length ? encodeURIComponent(ids[i]!) : ''), '');

// ---- applications and members --------------------------------------------------------

export const applicationCounts = () =>
  call<{ counts: Record<ApplicationStatus, number> }>('GET', '/admin/applications/counts');

export const listApplications = (status: ApplicationStatus, cursor?: string) =>
  call<Page<Application>>(
    'GET',
    `/admin/applications?status=${status}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
  );

export const getApplication = (id: string) => call<Application>('GET', at`/admin/applications/${id}`);

export const decideApplication = (id: string, decision: 'approve' | 'reject', reason?: string) =>
  call<{ application: Application; emailed: boolean }>('POST', at`/admin/applications/${id}/decision`, {
    decision,
    ...(reason ? { reason } : {}),
  });

/** Every member, page after page. */
export async function allMembers(): Promise<Member[]> {
  const members: Member[] = [];
  let cursor: string | undefined;
  do {
    const page = await call<Page<Member>>(
      'GET',
      `/admin/members?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    members.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return members;
}

// ---- affiliates -------------------------------------------------------------------------

export const listAffiliates = () => call<{ affiliates: BoardAffiliate[] }>('GET', '/admin/affiliates');

export const getAffiliate = (id: string) =>
  call<{ affiliate: AffiliateDetail; reinstatementChecklist?: Checklist }>(
    'GET',
    at`/admin/affiliates/${id}`,
  );

export interface RegistrationPreview {
  /** An update of an affiliate already registered. */
  exists: boolean;
  affiliate: AffiliateView;
  timeline: TimelineEntry[];
  preview: Preview;
}

export const getAffiliatePreview = (id: string) =>
  call<{ preview: Preview }>('GET', at`/admin/affiliates/${id}/preview`);

export const previewAffiliate = (input: AffiliateInput) =>
  call<RegistrationPreview>('POST', '/admin/affiliates/preview', input);

export const saveAffiliate = (input: AffiliateInput) =>
  call<{ affiliate: AffiliateView }>('POST', '/admin/affiliates', input);

export const pauseAffiliate = (id: string, reason: string) =>
  call<{ affiliate: AffiliateView }>('POST', at`/admin/affiliates/${id}/pause`, { reason });

export const resumeAffiliate = (id: string, reason: string) =>
  call<{ affiliate: AffiliateView }>('POST', at`/admin/affiliates/${id}/resume`, { reason });

export const setRemovalDate = (id: string, day: string, reason: string) =>
  call<{ affiliate: AffiliateView }>('POST', at`/admin/affiliates/${id}/removal-date`, { day, reason });

// ---- reports and reinstatement ------------------------------------------------------------

export const listReports = (id: string) =>
  call<{ reports: Report[] }>('GET', at`/admin/affiliates/${id}/reports`);

export const verifyReport = (id: string, reportId: string) =>
  call<{ report: Report }>('POST', at`/admin/affiliates/${id}/reports/${reportId}/verify`);

export const recheckReport = (id: string, reportId: string) =>
  call<{ report: Report }>('POST', at`/admin/affiliates/${id}/reports/${reportId}/recheck`);

export const rejectReport = (id: string, reportId: string, reason: string) =>
  call<{ report: Report }>('POST', at`/admin/affiliates/${id}/reports/${reportId}/reject`, { reason });

export const getChecklist = (id: string) =>
  call<{ checklist: Checklist }>('GET', at`/admin/affiliates/${id}/checklist`);

export const confirmChecklistStep = (id: string, step: ChecklistStep, note?: string) =>
  call<{ checklist: Checklist }>('POST', at`/admin/affiliates/${id}/checklist`, {
    step,
    ...(note ? { note } : {}),
  });

export const reinstateAffiliate = (id: string) =>
  call<Record<string, unknown>>('POST', at`/admin/affiliates/${id}/reinstate`);
