// رپورٹ کی دستاویزات (PDF)۔ جو کلید یہاں نہ ہو وہ انگریزی میں دکھائی جاتی ہے۔
import type en from '../en/uploads.ts';

const uploads: Partial<typeof en> = {
  'upload.section.title': 'دستاویزات (PDF)',
  'upload.section.intro':
    'آپ {maxMb} MB تک کی PDF فائلیں بھی اپ لوڈ کر سکتے ہیں: اپنا مالیاتی گوشوارہ، اور میٹا صفحے کے ساتھ اپنی سرگرمیوں کی رپورٹ بطور دستاویز۔ نئی فائل اس مدت کی اسی قسم کی پچھلی فائل کی جگہ لے لیتی ہے۔',
  'upload.section.reload': 'اگر یہ صفحہ ایک گھنٹے سے زیادہ سے کھلا ہے تو اپ لوڈ سے پہلے اسے دوبارہ لوڈ کریں۔',
  'upload.kind.financial_statement': 'مالیاتی گوشوارہ',
  'upload.kind.activity_report': 'سرگرمیوں کی رپورٹ (دستاویز)',
  'upload.file': '{document}: PDF فائل',
  'upload.submit': 'اپ لوڈ کریں: {document}',
  'upload.current': 'ریکارڈ میں: {date} کو اپ لوڈ ہوئی، {size}۔',
  'upload.none': 'ابھی کچھ اپ لوڈ نہیں ہوا۔',
  'upload.done.title': 'دستاویز موصول ہو گئی',
  'upload.done.body': '{start} سے {end} تک کی مدت کے لیے محفوظ کر لی گئی: {document}، {size}۔',
  'upload.refused.title': 'فائل قبول نہیں ہوئی',
  'upload.refused.upload_not_pdf': 'یہ فائل PDF نہیں ہے۔ اسے PDF کے طور پر محفوظ کر کے دوبارہ اپ لوڈ کریں۔',
  'upload.refused.upload_too_large': 'فائل {maxMb} MB سے بڑی ہے۔ اسے چھوٹا کر کے دوبارہ اپ لوڈ کریں۔',
  'upload.refused.upload_empty': 'فائل خالی ہے۔ فائل دوبارہ منتخب کر کے اپ لوڈ کریں۔',
  'upload.refused.upload_missing':
    'اس دستاویز کے لیے ابھی کوئی فائل نہیں پہنچی۔ فائل منتخب کر کے اپ لوڈ کریں۔',
  'upload.back': 'رپورٹ کے صفحے پر واپس',
};
export default uploads;
