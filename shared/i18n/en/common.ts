// Strings every page shares.
export default {
  'common.languages': 'Read this page in',
  'common.siteName': 'Wikimedia Community User Group Pakistan',
};
