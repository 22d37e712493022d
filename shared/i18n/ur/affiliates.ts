// عوامی ملحقین کے صفحات
export default {
  'affiliates.title': 'ویکی میڈیا ملحقین',
  'affiliates.intro': 'آج تسلیم شدہ ملحقین، میٹا ویکی پر ان کے صفحات کے ساتھ۔',
  'affiliates.empty': 'ابھی کوئی ملحق درج نہیں۔',
  'affiliates.formerly.title': 'سابقہ فعال ملحقین',
  'affiliates.formerly.intro':
    'وہ ملحقین جن کی سالانہ رپورٹ وقت پر نہیں آئی۔ رپورٹ جمع کرانے اور بحالی کے بعد گروپ دوبارہ ملحقین کے صفحے پر آ جاتا ہے۔',
  'affiliates.formerly.empty': 'کوئی ملحق سابقہ فعال کے طور پر درج نہیں۔',
  'affiliates.formerly.since': '{date} سے سابقہ فعال',
  'affiliates.logo': '{name} کا لوگو',
  'affiliates.metaPage': 'میٹا ویکی پر صفحہ',
  'affiliates.type.user_group': 'یوزر گروپ',
  'affiliates.type.chapter': 'چیپٹر',
  'affiliates.type.thematic_organization': 'موضوعاتی تنظیم',
  'affiliates.link.formerly': 'سابقہ فعال ملحقین',
  'affiliates.link.current': 'موجودہ ملحقین',
};
