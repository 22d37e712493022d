// The lifecycle's notices to affiliates and to Wikimedia-l. Paragraphs are separated by
// a blank line; {placeholders} are filled in by shared/lifecycle/notices.ts.
export default {
  'notice.greeting': 'Dear {name} contacts,',
  'notice.signoff': 'With thanks,\nThe affiliate compliance team',
  'notice.first_reminder.subject': '{name}: annual report due on {dueDate}',
  'notice.first_reminder.body':
    'Your agreement for {periodStart} to {periodEnd} ends, and its annual activity report is due on {dueDate}.\n\nThe report covers the whole period, is written in English, is posted on Meta-Wiki and is linked from the Reports page. When it is ready, send us its address with your personal report link:\n{reportLink}\n\nA report accepted by {dueDate} renews the agreement for the next twelve months.',
  'notice.second_reminder.subject': '{name}: one week left for your annual report (due {dueDate})',
  'notice.second_reminder.body':
    'This is a second reminder: the annual activity report for {periodStart} to {periodEnd} is due on {dueDate}, one week from now.\n\nSubmit it with your personal report link:\n{reportLink}',
  'notice.expiry_notice.subject': '{name}: annual report past due, agreement expired',
  'notice.expiry_notice.body':
    'We have not received an accepted annual activity report for {periodStart} to {periodEnd}. It was due on {dueDate}, so it has been past due since {pastDueDate}, and your agreement has expired.\n\nTo apply for renewal, please:\n1. Post the annual report on Meta-Wiki and link it on the Reports page ({reportsPage}).\n2. Update your group page ({metaPage}) with links to your past reports.\n3. Email the Wikimedia-l mailing list ({wikimediaL}) to tell the movement about your report.\n\nSubmit the report with your personal report link:\n{reportLink}\n\nIf no report arrives by {removalDate}, 30 days from this notice, your name and logo will be removed from the affiliates page on that day and the group will be moved to the Formerly Active Affiliates list.',
  'notice.final_reminder.subject': '{name}: 7 days left before removal on {removalDate}',
  'notice.final_reminder.body':
    'Your annual activity report for {periodStart} to {periodEnd} has been past due since {pastDueDate}. If it does not arrive by {removalDate}, your name and logo will be removed from the affiliates page and the group moved to Formerly Active Affiliates.\n\nSubmit it with your personal report link:\n{reportLink}',
  'notice.formerly_active.subject': '{name} has been moved to Formerly Active Affiliates',
  'notice.formerly_active.body':
    'No annual activity report for {periodStart} to {periodEnd} arrived within 30 days of the expiry notice of {pastDueDate}. On {removalDate} your name and logo were removed from the affiliates page and the group was moved to the Formerly Active Affiliates list. The Wikimedia-l mailing list has been told.\n\nYou can still submit the report with your personal report link, and then ask to be reinstated:\n{reportLink}',
  'notice.formerly_active_announcement.subject': '{name} is now a Formerly Active Affiliate',
  'notice.formerly_active_announcement.body':
    'Hello all,\n\n{name} ({metaPage}) did not file its annual activity report for {periodStart} to {periodEnd}, due on {dueDate}, and did not respond within 30 days of the expiry notice. As of {removalDate} it is listed among the Formerly Active Affiliates.\n\nThe group can return by filing its report and going through reinstatement.',
  'notice.reinstated_announcement.subject': '{name} is an active affiliate again',
  'notice.reinstated_announcement.body':
    'Hello all,\n\n{name} ({metaPage}) has filed its annual activity report and has been reinstated. Its new agreement runs from {periodStart} to {periodEnd}.\n\nWelcome back!',
};
