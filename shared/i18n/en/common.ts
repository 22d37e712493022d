// Strings every page shares.
export default {
  'common.languages': 'Read this page in',
  'common.contact': 'Questions? Write to the organizers:',
  'common.siteName': 'Wikimedia Community User Group Pakistan',
  'common.signoff': 'With thanks,\nThe organizers, Wikimedia Community User Group Pakistan\n{contact}',
  'email.button.reportLink': 'Open your report page',
};
