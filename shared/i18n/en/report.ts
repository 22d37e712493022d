// The annual report page, its result pages and the report emails.
export default {
  'report.title': 'Submit your annual report',
  'report.intro':
    'Post your annual activity report on meta-wiki, link it from the meta Reports page or your group page, then tell us where it is.',
  'report.affiliate': 'Affiliate',
  'report.periodToCover': 'Period the report must cover',
  'report.periodToCoverValue': '{start} to {end}',
  'report.rules':
    'The report must cover the whole period, be written in English, and be posted on https://meta.wikimedia.org/wiki/...',
  'report.periodStart': 'Report period starts',
  'report.periodEnd': 'Report period ends',
  'report.metaUrl': 'Address of the report on meta-wiki',
  'report.text': 'Text of the report (plain text or wikitext)',
  'report.financialReportUrl': 'Address of the financial report (optional)',
  'report.submit': 'Submit the report',
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
    'We have stored your report. We are now checking on meta-wiki that the page exists and is linked from the Reports page or your group page; you will get an email when it is accepted. Nothing more is needed from you unless we write.',
  'report.accepted.title': 'Report accepted',
  'report.accepted.body':
    'Your report for {start} to {end} has been verified on meta-wiki and accepted. Thank you.',
  'report.duplicate': 'We already had this report; nothing was submitted twice.',
  'report.email.received.subject': 'We received your annual report',
  'report.email.received.body':
    'Dear {name},\n\nWe received your annual report for {start} to {end} ({url}).\n\nWhat happens next: we check on meta-wiki that the page exists and is linked from the meta Reports page or your group page. {detail} We will try again automatically and email you as soon as it is accepted.\n\nWikimedia Community User Group Pakistan',
  'report.email.detail.meta_unavailable': 'meta-wiki did not answer just now.',
  'report.email.detail.page_missing':
    'We could not find the page yet; please make sure it is published at that address.',
  'report.email.detail.not_linked':
    'The page exists but is not yet linked from the meta Reports page or your group page; please add the link.',
  'report.email.detail.pending': '',
  'report.email.accepted.subject': 'Your annual report has been accepted',
  'report.email.accepted.body':
    'Dear {name},\n\nYour annual report for {start} to {end} has been verified on meta-wiki and accepted.\n\nReport: {url}\n\nWikimedia Community User Group Pakistan',
};
