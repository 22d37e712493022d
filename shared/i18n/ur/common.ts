export default {
  'common.languages': 'یہ صفحہ اس زبان میں پڑھیں',
  'common.contact': 'سوالات؟ منتظمین کو لکھیں:',
  'common.siteName': 'ویکی میڈیا کمیونٹی یوزر گروپ پاکستان',
  'common.signoff': 'شکریہ کے ساتھ،\nمنتظمین، ویکی میڈیا کمیونٹی یوزر گروپ پاکستان\n{contact}',
  'email.button.reportLink': 'اپنی رپورٹ کا صفحہ کھولیں',
};
