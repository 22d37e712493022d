// Membership applications: the form, its errors, the result pages and the emails.
export default {
  'application.page.title': 'Apply for membership',
  'application.page.intro':
    'Membership is open to Pakistani citizens aged 18 and above and to institutions registered in Pakistan. After you send this form we email you a link; your application reaches the organizers once you open it.',
  'application.kind.legend': 'I am applying as',
  'application.kind.individual': 'An individual',
  'application.kind.institution': 'An institution',
  'application.required': 'required',
  'application.optional': 'optional',
  'application.field.name': 'Full name',
  'application.field.institutionName': 'Name of the institution',
  'application.field.email': 'Email address',
  'application.field.day': 'Day',
  'application.field.month': 'Month',
  'application.field.year': 'Year',
  'application.field.dateOfBirth': 'Date of birth',
  'application.field.citizenship': 'Citizenship',
  'application.field.cnic': 'CNIC number',
  'application.field.wikimediaUsername': 'Wikimedia username',
  'application.field.city': 'City',
  'application.field.statement': 'Why would you like to join?',
  'application.field.language': 'Language of our emails',
  'application.field.registrationNumber': 'Registration number',
  'application.field.registrationAuthority': 'Registered with (authority)',
  'application.field.registeredIn': 'Country of registration',
  'application.field.contactName': 'Contact person',
  'application.field.website': 'Leave this field empty',
  'application.hint.dateOfBirth': 'We use it only to check your age and do not keep it.',
  'application.hint.cnic':
    '13 digits, dashes optional, for example 12345-1234567-1. We keep only the last four digits.',
  'application.hint.country': 'Two-letter country code, for example PK for Pakistan.',
  'application.hint.statement': 'Up to 2,000 characters.',
  'application.hint.email': 'We send a confirmation link here.',
  'application.submit': 'Send application',
  'application.errorSummary': 'Please correct the following:',
  'application.error.required': 'This field is required.',
  'application.error.invalid': 'This value is not valid.',
  'application.error.text': 'This text contains characters that cannot be used.',
  'application.error.invisible':
    'This text contains invisible or direction-changing characters; type it again without them.',
  'application.error.oneLine': 'Write this on one line.',
  'application.error.tooLong': 'Use at most {max} characters.',
  'application.error.statementTooLong': 'Use at most {max} characters.',
  'application.error.email': 'Enter an email address such as name@example.org.',
  'application.error.emailSuppressed':
    'Our emails to this address bounced or were reported as unwanted, so the link could not reach you. Use another address.',
  'application.error.country': 'Enter a two-letter country code such as PK.',
  'application.error.date': 'Enter a real date as year-month-day, for example 1990-07-15.',
  'application.error.dateFuture': 'The date of birth cannot be in the future.',
  'application.error.cnic': 'Enter the 13 digits of the CNIC, for example 12345-1234567-1.',
  'application.error.language': 'Choose one of the languages offered.',
  'application.error.single': 'Send this field only once.',
  'application.error.kind': 'Choose individual or institution.',
  'application.error.honeypot': 'Leave this field empty.',
  'application.invalid': 'Some fields are missing or not valid.',
  'application.notEligible.title': 'We cannot accept this application',
  'application.notEligible.message': 'This application does not meet the membership rules: {reasons}',
  'application.reason.under_age': 'Members must be 18 or older on the day they apply.',
  'application.reason.not_citizen': 'Individual membership is open to Pakistani citizens only.',
  'application.reason.not_registered_in_pakistan':
    'Institutional membership is open to institutions registered in Pakistan only.',
  'application.conflict.title': 'An application already exists',
  'application.conflict.email':
    'An application with this email address is already waiting for confirmation, under review or approved.',
  'application.conflict.cnic':
    'An application with this CNIC is already waiting for confirmation, under review or approved.',
  'application.conflict.registrationNumber':
    'An application with this registration number is already waiting for confirmation, under review or approved.',
  'application.conflict.cnicHeld':
    'An application with this CNIC already exists. If it was not you, someone may have used your CNIC: we have kept your application aside and emailed you a link. Once you open it, the organizers see both applications, contact you at your address and settle which one stands. We do not show anyone the other application.',
  'application.limited.client':
    'Too many applications have come from your network in the last hour. Please try again in {minutes} minutes.',
  'application.limited.address':
    'We have already sent several confirmation emails to this address in the last hour. Check your inbox and spam folder, or try again in {minutes} minutes.',
  'application.limited.domain':
    'We have sent too many confirmation emails to addresses at this domain in the last hour. Please try again in {minutes} minutes.',
  'application.limited.daily':
    'We cannot send more confirmation emails today. Please try again in {minutes} minutes.',
  'application.sent.title': 'Check your email',
  'application.sent.body':
    'We have sent you an email with a link. Open it by {date} to confirm your application; the organizers see it only after that.',
  'application.sent.address':
    'We sent it to {email}. If that address is wrong, fill in the form again with the right one.',
  'application.sent.spam':
    'Not in your inbox within a few minutes? Look in the spam or junk folder, and add the sender to your contacts.',
  'application.resend.title': 'Link sent again',
  'application.resend.body':
    'If an application is waiting for confirmation at this address, we have sent it a new link; the earlier one keeps working too.',
  'application.resend.button': 'Send the link again',
  'application.resend.refused': 'The link could not be sent again',
  'application.confirmed.title': 'Your application is confirmed',
  'application.confirmed.body':
    'Thank you. The organizers will review your application and email you their decision.',
  'application.confirm.used': 'This link has already been used: your application was confirmed.',
  'application.confirm.expired': 'This link has expired. Please apply again.',
  'application.confirm.unknown':
    'This link is not valid. Check that you opened the whole link from the email.',
  'application.email.greeting': 'Hello {name},',
  'application.email.greetingNoName': 'Hello,',
  'application.email.confirm.subject': 'Please confirm your membership application',
  'application.email.confirm.body':
    'Thank you for applying to join Wikimedia Community User Group Pakistan. To confirm your application, open this link by {date}:',
  'application.email.confirm.why':
    'This email comes from the membership system of Wikimedia Community User Group Pakistan. You received it because this address was entered on our membership form ({form}) on {date}.',
  'application.email.confirm.ignore':
    'If you did not apply, ignore this email: without confirmation the application is deleted.',
  'application.email.approved.subject': 'Welcome: your membership application is approved',
  'application.email.approved.body':
    'Your application to join Wikimedia Community User Group Pakistan has been approved on {date}. Welcome!',
  'application.email.rejected.subject': 'Your membership application',
  'application.email.rejected.body':
    'We are sorry: your application to join Wikimedia Community User Group Pakistan was not approved ({date}).',
  'application.email.confirm.button': 'Confirm my application',
  'application.email.approved.next':
    'What happens next: the group’s page on Meta-Wiki, {groupPage}, lists its activities and how to take part; add it to your watchlist and introduce yourself on its talk page. {channels}',
  'application.email.rejected.next':
    'If something can be corrected (for example a detail of your registration), you can apply again with the form: {form}. Replying to this email reaches the organizers.',
  'application.email.reason': 'The organizers wrote: {reason}',
  'application.email.organizers.subject': 'New membership application to review: {name}',
  'application.email.organizers.body':
    'A {kind} application from {name} was confirmed on {date} and is waiting for review.',
  'application.email.organizers.link': 'Review it in the console: {link}',
  'application.email.organizers.conflictSubject': 'Application with a disputed CNIC to review: {name}',
  'application.email.organizers.conflict':
    "Its CNIC is already claimed by another application: {other}. One of the two applicants may be using someone else's CNIC. Contact both, then reject the wrong one (POST .../decision); this one can be approved once the other is rejected.",
};
