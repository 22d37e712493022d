// What a received report still needs on meta-wiki, each thing in words and with the
// link to act on. One list for the HTTP reply, the result page and the 'received'
// email, built from the codes the last verification stored (judgeReportPage).

import type { AffiliateView } from '../affiliates/model.ts';
import { type MessageKey, t } from '../i18n/report.ts';
import { MIN_REPORT_CHARS } from './language.ts';
import { metaPageUrl, reportsPageUrl, titleOfPage } from './meta-url.ts';
import type { ReportRecord } from './store.ts';
import type { MissingCode } from './verdict.ts';

export interface MissingItem {
  code: MissingCode;
  /** What to do, in the reader's language, with the addresses written out. */
  message: string;
  /** The page to open to do it. */
  link: string;
}

/** The group's meta page as a link: its canonical address, or as registered when it is not on meta. */
export function groupPageUrl(affiliate: Pick<AffiliateView, 'metaPage'>): string {
  const title = titleOfPage(affiliate.metaPage);
  return title ? metaPageUrl(title) : affiliate.metaPage;
}

export function missingItems(
  lang: string,
  report: Pick<ReportRecord, 'status' | 'metaTitle' | 'verification'>,
  affiliate: Pick<AffiliateView, 'name' | 'metaPage'>,
): MissingItem[] {
  // Only a report still waiting on meta-wiki has anything left to do there.
  if (report.status !== 'received') return [];
  const groupTitle = titleOfPage(affiliate.metaPage);
  const vars = {
    group: affiliate.name,
    reportUrl: metaPageUrl(report.metaTitle),
    reportsPage: reportsPageUrl(),
    groupPage: groupPageUrl(affiliate),
    groupTitle: groupTitle ?? '',
    min: String(MIN_REPORT_CHARS),
  };
  const how: Record<MissingCode, { key: MessageKey; link: string }> = {
    page_missing: { key: 'report.missing.page_missing', link: vars.reportUrl },
    not_listed: { key: 'report.missing.not_listed', link: vars.reportsPage },
    not_tied: {
      key: groupTitle ? 'report.missing.not_tied' : 'report.missing.not_tied_no_group_page',
      link: vars.groupPage,
    },
    // Judged on the meta page, or on the pasted copy while meta-wiki could not be reached.
    not_english: {
      key:
        report.verification.textSource === 'pasted'
          ? 'report.missing.not_english_pasted'
          : 'report.missing.not_english',
      link: vars.reportUrl,
    },
    too_short: {
      key:
        report.verification.textSource === 'pasted'
          ? 'report.missing.too_short_pasted'
          : 'report.missing.too_short',
      link: vars.reportUrl,
    },
  };
  return (report.verification.missing ?? []).map((code) => ({
    code,
    message: t(lang, how[code].key, vars),
    link: how[code].link,
  }));
}
