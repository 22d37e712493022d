// The annual report page, its result pages and the report emails.
export default {
  'report.title': 'Submit your annual report',
  'report.intro':
    "Post your annual activity report on meta-wiki as a subpage of your group's meta page, link it from the meta Reports page ({reportsPage}) or from your group page, then tell us where it is.",
  'report.affiliate': 'Affiliate',
  'report.periodToCover': 'Period the report must cover',
  'report.periodToCoverValue': '{start} to {end}',
  'report.rules':
    'The report must cover the whole period, be written in English, and be posted on https://meta.wikimedia.org/wiki/... We read it from there.',
  'report.periodStart': 'Report period starts',
  'report.periodEnd': 'Report period ends',
  'report.metaUrl': 'Address of the report on meta-wiki',
  'report.text':
    'Text of the report (optional: we read the report from its meta page; a copy here is used only if meta-wiki cannot be reached)',
  'report.financialReportUrl': 'Address of the financial report (optional)',
  'report.submit': 'Submit the report',
  'report.submitFinancial': 'Submit the financial report',
  'report.kind.activity': 'Activity report',
  'report.kind.financial': 'Financial report',
  'report.financialUrl': 'Address of the financial report (on meta-wiki or your own website, https)',
  'report.reportType': 'Kind of report',
  'report.reportType.annual': 'Annual report',
  'report.reportType.multi_year': 'Multi-year report (ends in this period and covers it)',
  'report.language': 'Language of the report, if not English (a code like ur)',
  'report.language.hint': 'Leave empty for a report in English.',
  'report.englishUrl': 'Address of the English version (for a report in another language)',
  'report.englishSummary': 'Or an English summary (for a report in another language)',
  'report.badLink.title': 'This report link does not work',
  'report.badLink.expired':
    'This link has expired. Write to the organizers and they will send you a new one.',
  'report.badLink.invalid':
    'This link is not valid. Please use the link from the most recent email, or ask the organizers for a new one.',
  'report.rejected.title': 'The report was not accepted',
  'report.rejected.intro': 'Please fix the following and submit again:',
  'report.rejected.back': 'Back to the form',
  'report.received.title': 'Report received',
  'report.received.pending':
    'We have stored your report. We are checking on meta-wiki that the page exists, belongs to your group and is linked from the Reports page ({reportsPage}) or your group page; you will get an email when it is accepted.',
  'report.received.missing': 'Still to do on meta-wiki:',
  'report.received.nothingMissing': 'Nothing more is needed from you unless we write.',
  'report.missing.page_missing':
    'The page {reportUrl} does not exist yet: publish the report at that address, or submit the address where it is.',
  'report.missing.not_listed':
    'Add a link to this page from the Reports page {reportsPage}, or from your group page {groupPage}.',
  'report.missing.not_tied':
    'The page is not tied to {group}: make it a subpage of your group page {groupPage} (a title starting with "{groupTitle}/"), or link it from there.',
  'report.missing.not_tied_no_group_page':
    'The page is not tied to {group}: we have no meta-wiki page on record for your group ({groupPage}). Ask the organizers to record it, then link the report from it.',
  'report.missing.not_english':
    'The page {reportUrl} is not written in English: write the report in English (a translation beside the original is fine).',
  'report.missing.not_english_pasted':
    'meta-wiki could not be reached, so we read the text you pasted, and it is not in English. We will read the page {reportUrl} again; make sure it is in English.',
  'report.missing.too_short':
    'The page {reportUrl} holds too little text to be a report (at least {min} characters of prose): publish the whole report there.',
  'report.missing.too_short_pasted':
    'meta-wiki could not be reached, so we read the text you pasted, and it is too short to be a report (at least {min} characters). We will read the page {reportUrl} again; make sure the whole report is there.',
  'report.status.rejected':
    'An organizer could not accept the report you sent: {reason} You can send a corrected report below.',
  'report.accepted.title': 'Report accepted',
  'report.accepted.body':
    'Your report for {start} to {end} has been verified on meta-wiki and accepted. Thank you.',
  'report.duplicate': 'We already had this report; nothing was submitted twice.',
  'report.email.received.subject': 'We received your annual report',
  'report.email.received.body':
    'Dear {name},\n\nWe received your annual report for {start} to {end} ({url}).\n\nWhat happens next: we check on meta-wiki that the page exists, belongs to your group (a subpage of your group page {groupPage}, or linked from it or to it) and is linked from the Reports page {reportsPage} or from your group page. {detail}\n\nWe will try again automatically and email you as soon as it is accepted.',
  'report.email.received.bodyOrganizer':
    'Dear {name},\n\nWe received your financial report for {start} to {end} ({url}).\n\nWhat happens next: it is not on meta-wiki, so an organizer checks it by hand. We will email you as soon as it is accepted.',
  'report.email.detail.meta_unavailable': 'meta-wiki did not answer just now.',
  'report.email.detail.missing': 'Still to do on meta-wiki:\n{items}',
  'report.email.accepted.subject': 'Your annual report has been accepted',
  'report.email.accepted.body':
    'Dear {name},\n\nYour annual report for {start} to {end} has been verified on meta-wiki and accepted.\n\nReport: {url}',
  'report.problem.notRealDate': '{day} is not a real date.',
  'report.problem.endsBeforeStart': 'The period ends before it starts.',
  'report.problem.startsLate':
    'The report must cover the whole agreement period: it starts on {agreementStart}, but the report starts on {start}.',
  'report.problem.endsEarly':
    'The report must cover the whole agreement period: it ends on {agreementEnd}, but the report ends on {end}.',
  'report.problem.url.notAUrl': 'The report address is not a web address.',
  'report.problem.url.notHttps': 'The report address must start with https://.',
  'report.problem.url.wrongHost':
    'The report must be posted on meta-wiki: the address must be on meta.wikimedia.org exactly.',
  'report.problem.url.userinfo': 'The report address must not contain a user name or password.',
  'report.problem.url.port': 'The report address must not name a port.',
  'report.problem.url.notWikiPage':
    'The report address must be a meta-wiki page, like https://meta.wikimedia.org/wiki/Your_report.',
  'report.problem.url.special':
    'The report page’s title contains {characters}, which meta-wiki reads as link, template or section syntax or does not allow in a title. Move the report to a title without them and send its new address.',
  'report.problem.url.section':
    'A # points to a section of a page: give the address of the report page itself.',
  'report.problem.financialNotRequired':
    'This affiliate files an activity report only: a financial report is required of chapters, thematic organizations and incorporated user groups.',
  'report.problem.multiYear.endsLate':
    'A multi-year report counts for the period it ends in: it must end by {agreementEnd}, not {end}.',
  'report.problem.multiYear.tooShort':
    'A multi-year report covers more than one year; send it as an annual report.',
  'report.problem.multiYear.tooLong': 'A multi-year report covers at most five years.',
  'report.problem.english.versionMissing':
    'A report in another language ({language}) needs an English version: give the address of the English version, or an English summary.',
  'report.problem.english.languageMissing':
    'An English version was given: name the language the report is written in (a code like ur).',
  'report.problem.english.summaryShort':
    'The English summary is {length} characters of prose; it needs at least {min}.',
  'report.problem.english.summaryNotEnglish': 'The English summary does not read as English.',
};
