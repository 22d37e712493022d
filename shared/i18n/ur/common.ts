export default {
  'common.languages': 'یہ صفحہ اس زبان میں پڑھیں',
  'common.siteName': 'ویکی میڈیا کمیونٹی یوزر گروپ پاکستان',
};
