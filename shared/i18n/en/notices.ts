// The lifecycle's notices to affiliates and to Wikimedia-l. Paragraphs are separated by
// a blank line; {placeholders} are filled in by shared/lifecycle/notices.ts.
export default {
  'notice.greeting': 'Dear {name} contacts,',
  'notice.first_reminder.subject': '{name}: annual report due on {dueDate}',
  'notice.first_reminder.body':
    'Your agreement for {periodStart} to {periodEnd} ends, and its annual activity report is due on {dueDate}.\n\nThe report covers the whole period, is written in English, is posted on Meta-Wiki as a subpage of your group page ({metaPage}), and is linked from the Reports page ({reportsPage}). When it is ready, send us its address with your personal report link:\n{reportLink}\n\nA report accepted by {dueDate} renews the agreement for the next twelve months.',
  'notice.second_reminder.subject': '{name}: one week left for your annual report (due {dueDate})',
  'notice.second_reminder.body':
    'This is a second reminder: the annual activity report for {periodStart} to {periodEnd} is due on {dueDate}, one week from now.\n\nSubmit it with your personal report link:\n{reportLink}',
  'notice.expiry_notice.subject': '{name}: annual report past due, agreement expired',
  'notice.expiry_notice.body':
    'We have not received an accepted annual activity report for {periodStart} to {periodEnd}. It was due on {dueDate}, so it has been past due since {pastDueDate}, and your agreement has expired.\n\nTo apply for renewal, please:\n1. Post the annual report on Meta-Wiki as a subpage of your group page and link it on the Reports page ({reportsPage}).\n2. Update your group page ({metaPage}) with links to your past reports.\n3. Email the Wikimedia-l mailing list ({wikimediaL}) to tell the movement about your report.\n\nSubmit the report with your personal report link:\n{reportLink}\n\nIf no report arrives by {removalDate}, 30 days from this notice, your name and logo will be removed from the affiliates page on that day and the group will be moved to the Formerly Active Affiliates list.',
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
  'notice.expiry_report_pending.subject': '{name}: report received, due date passed',
  'notice.expiry_report_pending.body':
    'Your annual activity report for {periodStart} to {periodEnd} was due on {dueDate}. We have received a report for this period and are still checking it, so until it is accepted your agreement counts as expired.\n\nNothing is made public while your report is being checked. If something is missing, the email we sent when you submitted it says what; you can submit a corrected report with your personal report link:\n{reportLink}',
  'notice.removal_held.subject': '{name}: your report is being looked at',
  'notice.removal_held.body':
    'The removal date {removalDate} has come while your annual report for {periodStart} to {periodEnd} is still being checked. Your group stays on the affiliates page and nothing is announced while the organizers look at your report; they will write to you with their decision.\n\nIf you need to correct the report, use your personal report link:\n{reportLink}',
  'notice.removal_held_organizers.subject': 'Decision needed: {name}, removal held',
  'notice.removal_held_organizers.body':
    'Hello organizers,\n\n{name} ({affiliateId}) reached its removal date, {removalDate}, with a report for {periodStart} to {periodEnd} received but not yet accepted. Nothing has been removed or announced. Please decide: accept the report, reject it with a reason (the removal is then set again 14 days on), or set a new removal date.\n\nIts reports, to decide in the console: {adminLink}',
  'notice.report_rejected.subject': '{name}: your annual report could not be accepted',
  'notice.report_rejected.body':
    'An organizer reviewed your annual report for {periodStart} to {periodEnd} ({reportUrl}) and could not accept it, for this reason:\n\n{reason}\n\n{nextStep}\n\nSubmit a corrected report with your personal report link:\n{reportLink}',
  'notice.report_rejected.next.expired':
    'Your agreement is expired. Unless an accepted report arrives by {removalDate}, your name and logo will be removed from the affiliates page on that day and the group moved to the Formerly Active Affiliates list.',
  'notice.report_rejected.next.due': 'The report is due on {dueDate}.',
  'notice.report_rejected.next.suspended':
    'Your organization is suspended until its reports are accepted and an organizer lifts the suspension.',
  // Chapters and thematic organizations (policies.ts): fiscal year, two reports, escalation.
  'notice.report.activity': 'activity report',
  'notice.report.financial': 'financial report',
  'notice.and': ' and the ',
  'notice.requiredReports':
    'Your group is registered as an incorporated user group, so it files a financial report as well as the activity report. Still missing: the {missingReports}.',
  'notice.reports_due_reminder.subject': '{name}: annual reports due on {dueDate}',
  'notice.reports_due_reminder.body':
    "The reports on your fiscal year {periodStart} to {periodEnd} are due on {dueDate}, four months after the year ends. Still to send: the {missingReports}.\n\nThe activity report covers the whole year, is written in English (or comes with an English version), is posted on Meta-Wiki as a subpage of your page ({metaPage}) and is linked from the Reports page ({reportsPage}). The financial report may be on Meta-Wiki or on your organization's own website (https). Send us their addresses with your personal report link:\n{reportLink}",
  'notice.past_due_notice.subject': '{name}: reports past due since {pastDueDate}',
  'notice.past_due_notice.body':
    'The reports on your fiscal year {periodStart} to {periodEnd} were due on {dueDate}, so they have been past due since {pastDueDate}. Still missing: the {missingReports}.\n\nTo return to compliance with your agreement, please:\n1. Post the reports (on Meta-Wiki, linked from the Reports page {reportsPage}; the financial report may be on your own website).\n2. Update your page ({metaPage}) with links to your past reports.\n\nSubmit them with your personal report link:\n{reportLink}\n\nWe will remind you 30, 60 and 90 days after the due date. After the third reminder the organizers take the matter over.',
  'notice.escalation_1.subject': '{name}: first reminder, reports past due since {pastDueDate}',
  'notice.escalation_1.body':
    'This is the first reminder: the reports on your fiscal year {periodStart} to {periodEnd} were due on {dueDate}. Still missing: the {missingReports}.\n\nSubmit them with your personal report link:\n{reportLink}',
  'notice.escalation_2.subject': '{name}: second reminder, reports past due since {pastDueDate}',
  'notice.escalation_2.body':
    'This is the second reminder: the reports on your fiscal year {periodStart} to {periodEnd} were due on {dueDate}. Still missing: the {missingReports}. The organizers have been told.\n\nSubmit them with your personal report link:\n{reportLink}',
  'notice.escalation_3.subject': '{name}: third reminder, organizers take over',
  'notice.escalation_3.body':
    'This is the third and last automatic reminder: the reports on your fiscal year {periodStart} to {periodEnd} were due on {dueDate}. Still missing: the {missingReports}.\n\nYour organization is now suspended from the automatic process and the organizers take the matter over; they will contact you. Nothing about this is announced publicly. You can still submit the reports with your personal report link:\n{reportLink}',
  'notice.escalation_organizers.subject': 'Escalation: {name}, reports past due since {pastDueDate}',
  'notice.escalation_organizers.body':
    'Hello organizers,\n\n{name} ({affiliateId}) has had the {stage} for its reports on {periodStart} to {periodEnd}, due on {dueDate}. Still missing: the {missingReports}.\n\n{nextStep}\n\nThe affiliate, its reports and its timeline: {adminLink}',
  'notice.escalation_organizers.next.escalation_2':
    'The third reminder follows 90 days after the due date; the affiliate is then suspended and waits for you.',
  'notice.escalation_organizers.next.escalation_3':
    'It is now suspended: the automation has stopped and only you move it on (defer its due date, or reinstate it once its reports are accepted). Nothing has been announced.',
  'notice.escalation_organizers.stage.escalation_2': 'second reminder (60 days after the due date)',
  'notice.escalation_organizers.stage.escalation_3': 'third reminder (90 days after the due date)',
  'notice.deferral_granted.subject': '{name}: new due date {dueDate}',
  'notice.deferral_granted.body':
    'The organizers have deferred the due date of your reports on {periodStart} to {periodEnd} to {dueDate}. Their note: {reason}\n\nStill to send: the {missingReports}. Submit with your personal report link:\n{reportLink}',
  'notice.report_rejected.next.formerly_active':
    'The group stays on the Formerly Active Affiliates list until an accepted report and reinstatement.',
  'notice.removal_rescheduled.subject': '{name}: new removal date {removalDate}',
  'notice.removal_rescheduled.body':
    'The organizers have set a new date for your annual report for {periodStart} to {periodEnd}: {removalDate}. Their note: {reason}\n\nIf no accepted report arrives by {removalDate}, your name and logo will be removed from the affiliates page on that day and the group moved to the Formerly Active Affiliates list.\n\nSubmit the report with your personal report link:\n{reportLink}',
};
