// رکنیت کی درخواستیں: فارم، اس کی غلطیاں، نتیجے کے صفحات اور ای میلیں۔
import type en from '../en/application.ts';

const ur: Partial<typeof en> = {
  'application.page.title': 'رکنیت کے لیے درخواست',
  'application.page.intro':
    'رکنیت 18 سال یا اس سے زیادہ عمر کے پاکستانی شہریوں اور پاکستان میں رجسٹرڈ اداروں کے لیے ہے۔ فارم بھیجنے کے بعد ہم آپ کو ایک لنک ای میل کریں گے؛ اسے کھولنے پر آپ کی درخواست منتظمین تک پہنچے گی۔',
  'application.kind.legend': 'میں درخواست دے رہا/رہی ہوں بطور',
  'application.kind.individual': 'فرد',
  'application.kind.institution': 'ادارہ',
  'application.required': 'لازمی',
  'application.optional': 'اختیاری',
  'application.field.name': 'پورا نام',
  'application.field.institutionName': 'ادارے کا نام',
  'application.field.email': 'ای میل پتا',
  'application.field.day': 'دن',
  'application.field.month': 'مہینہ',
  'application.field.year': 'سال',
  'application.field.dateOfBirth': 'تاریخ پیدائش',
  'application.field.citizenship': 'شہریت',
  'application.field.cnic': 'شناختی کارڈ نمبر',
  'application.field.wikimediaUsername': 'ویکی میڈیا صارف نام',
  'application.field.city': 'شہر',
  'application.field.statement': 'آپ کیوں شامل ہونا چاہتے ہیں؟',
  'application.field.language': 'ہماری ای میلوں کی زبان',
  'application.field.registrationNumber': 'رجسٹریشن نمبر',
  'application.field.registrationAuthority': 'رجسٹر کرنے والا ادارہ',
  'application.field.registeredIn': 'رجسٹریشن کا ملک',
  'application.field.contactName': 'رابطہ شخص',
  'application.field.website': 'یہ خانہ خالی چھوڑ دیں',
  'application.hint.dateOfBirth': 'ہم اسے صرف عمر جانچنے کے لیے استعمال کرتے ہیں اور محفوظ نہیں رکھتے۔',
  'application.hint.cnic': '13 ہندسے، ڈیش اختیاری، مثلاً 12345-1234567-1۔ ہم صرف آخری چار ہندسے رکھتے ہیں۔',
  'application.hint.country': 'ملک کا دو حرفی کوڈ، مثلاً پاکستان کے لیے PK۔',
  'application.hint.statement': 'زیادہ سے زیادہ 2,000 حروف۔',
  'application.hint.email': 'ہم تصدیق کا لنک یہاں بھیجیں گے۔',
  'application.submit': 'درخواست بھیجیں',
  'application.errorSummary': 'براہ کرم یہ درست کریں:',
  'application.error.required': 'یہ خانہ لازمی ہے۔',
  'application.error.invalid': 'یہ اندراج درست نہیں۔',
  'application.error.text': 'اس متن میں ایسے حروف ہیں جو استعمال نہیں ہو سکتے۔',
  'application.error.invisible':
    'اس متن میں نظر نہ آنے والے یا سمت بدلنے والے حروف ہیں؛ انہیں نکال کر دوبارہ لکھیں۔',
  'application.error.oneLine': 'اسے ایک سطر میں لکھیں۔',
  'application.error.tooLong': 'زیادہ سے زیادہ {max} حروف استعمال کریں۔',
  'application.error.statementTooLong': 'زیادہ سے زیادہ {max} حروف استعمال کریں۔',
  'application.error.email': 'ای میل پتا لکھیں، مثلاً name@example.org۔',
  'application.error.emailSuppressed':
    'اس پتے پر ہماری ای میلیں واپس آ گئیں یا ناپسندیدہ قرار دی گئیں، اس لیے لنک آپ تک نہیں پہنچ سکے گا۔ کوئی اور پتا استعمال کریں۔',
  'application.error.country': 'ملک کا دو حرفی کوڈ لکھیں، مثلاً PK۔',
  'application.error.date': 'درست تاریخ سال-مہینہ-دن کی صورت میں لکھیں، مثلاً 1990-07-15۔',
  'application.error.dateFuture': 'تاریخ پیدائش مستقبل کی نہیں ہو سکتی۔',
  'application.error.cnic': 'شناختی کارڈ کے 13 ہندسے لکھیں، مثلاً 12345-1234567-1۔',
  'application.error.language': 'دی گئی زبانوں میں سے ایک منتخب کریں۔',
  'application.error.single': 'یہ خانہ صرف ایک بار بھیجیں۔',
  'application.error.kind': 'فرد یا ادارہ منتخب کریں۔',
  'application.error.honeypot': 'یہ خانہ خالی چھوڑ دیں۔',
  'application.invalid': 'کچھ خانے خالی ہیں یا درست نہیں۔',
  'application.notEligible.title': 'ہم یہ درخواست قبول نہیں کر سکتے',
  'application.notEligible.message': 'یہ درخواست رکنیت کے قواعد پر پوری نہیں اترتی: {reasons}',
  'application.reason.under_age': 'درخواست کے دن رکن کی عمر کم از کم 18 سال ہونی چاہیے۔',
  'application.reason.not_citizen': 'انفرادی رکنیت صرف پاکستانی شہریوں کے لیے ہے۔',
  'application.reason.not_registered_in_pakistan':
    'ادارہ جاتی رکنیت صرف پاکستان میں رجسٹرڈ اداروں کے لیے ہے۔',
  'application.conflict.title': 'درخواست پہلے سے موجود ہے',
  'application.conflict.email':
    'اس ای میل پتے سے ایک درخواست پہلے ہی تصدیق کی منتظر، زیر غور یا منظور شدہ ہے۔',
  'application.conflict.cnic':
    'اس شناختی کارڈ سے ایک درخواست پہلے ہی تصدیق کی منتظر، زیر غور یا منظور شدہ ہے۔',
  'application.conflict.registrationNumber':
    'اس رجسٹریشن نمبر سے ایک درخواست پہلے ہی تصدیق کی منتظر، زیر غور یا منظور شدہ ہے۔',
  'application.conflict.cnicHeld':
    'اس شناختی کارڈ سے ایک درخواست پہلے سے موجود ہے۔ اگر وہ آپ نے نہیں دی تو ممکن ہے کسی نے آپ کا شناختی کارڈ استعمال کیا ہو: ہم نے آپ کی درخواست الگ رکھ لی ہے اور آپ کو ایک لنک ای میل کیا ہے۔ اسے کھولنے پر منتظمین دونوں درخواستیں دیکھیں گے، آپ کے پتے پر آپ سے رابطہ کریں گے اور طے کریں گے کہ کون سی درخواست برقرار رہے۔ دوسری درخواست کی تفصیل کسی کو نہیں دکھائی جاتی۔',
  'application.limited.client':
    'پچھلے ایک گھنٹے میں آپ کے نیٹ ورک سے بہت زیادہ درخواستیں آئی ہیں۔ براہ کرم {minutes} منٹ بعد دوبارہ کوشش کریں۔',
  'application.limited.address':
    'ہم پچھلے ایک گھنٹے میں اس پتے پر کئی تصدیقی ای میلز بھیج چکے ہیں۔ اپنا ان باکس اور اسپام فولڈر دیکھیں، یا {minutes} منٹ بعد دوبارہ کوشش کریں۔',
  'application.limited.domain':
    'ہم پچھلے ایک گھنٹے میں اس ڈومین کے پتوں پر بہت زیادہ تصدیقی ای میلز بھیج چکے ہیں۔ براہ کرم {minutes} منٹ بعد دوبارہ کوشش کریں۔',
  'application.limited.daily':
    'ہم آج مزید تصدیقی ای میلز نہیں بھیج سکتے۔ براہ کرم {minutes} منٹ بعد دوبارہ کوشش کریں۔',
  'application.sent.title': 'اپنی ای میل دیکھیں',
  'application.sent.body':
    'ہم نے آپ کو ایک لنک ای میل کیا ہے۔ اپنی درخواست کی تصدیق کے لیے اسے {date} تک کھولیں؛ منتظمین اسے اس کے بعد ہی دیکھ سکیں گے۔',
  'application.sent.address':
    'ہم نے یہ {email} پر بھیجا ہے۔ اگر یہ پتہ غلط ہے تو درست پتے کے ساتھ فارم دوبارہ بھریں۔',
  'application.sent.spam':
    'چند منٹ میں ان باکس میں نہ ملے؟ اسپیم یا جنک فولڈر دیکھیں، اور بھیجنے والے کو اپنے رابطوں میں شامل کریں۔',
  'application.resend.title': 'لنک دوبارہ بھیج دیا گیا',
  'application.resend.body':
    'اگر اس پتے پر کوئی درخواست تصدیق کی منتظر ہے تو ہم نے اسے نیا لنک بھیج دیا ہے؛ پہلا لنک بھی کام کرتا رہے گا۔',
  'application.resend.button': 'لنک دوبارہ بھیجیں',
  'application.resend.refused': 'لنک دوبارہ نہیں بھیجا جا سکا',
  'application.confirmed.title': 'آپ کی درخواست کی تصدیق ہو گئی',
  'application.confirmed.body':
    'شکریہ۔ منتظمین آپ کی درخواست کا جائزہ لے کر آپ کو اپنا فیصلہ ای میل کریں گے۔',
  'application.confirm.used': 'یہ لنک پہلے ہی استعمال ہو چکا ہے: آپ کی درخواست کی تصدیق ہو چکی ہے۔',
  'application.confirm.expired': 'اس لنک کی مدت ختم ہو چکی ہے۔ براہ کرم دوبارہ درخواست دیں۔',
  'application.confirm.unknown': 'یہ لنک درست نہیں۔ دیکھیں کہ آپ نے ای میل سے پورا لنک کھولا ہے۔',
  'application.email.greeting': '{name}، السلام علیکم،',
  'application.email.greetingNoName': 'السلام علیکم،',
  'application.email.confirm.subject': 'براہ کرم اپنی رکنیت کی درخواست کی تصدیق کریں',
  'application.email.confirm.body':
    'ویکی میڈیا کمیونٹی یوزر گروپ پاکستان میں شمولیت کی درخواست کا شکریہ۔ تصدیق کے لیے یہ لنک {date} تک کھولیں:',
  'application.email.confirm.why':
    'یہ ای میل ویکی میڈیا کمیونٹی یوزر گروپ پاکستان کے رکنیت کے نظام سے بھیجی گئی ہے۔ آپ کو یہ اس لیے ملی کہ {date} کو ہمارے رکنیت فارم ({form}) پر یہ پتا درج کیا گیا۔',
  'application.email.confirm.ignore':
    'اگر آپ نے درخواست نہیں دی تو اس ای میل کو نظر انداز کریں: تصدیق کے بغیر درخواست حذف ہو جائے گی۔',
  'application.email.approved.subject': 'خوش آمدید: آپ کی رکنیت کی درخواست منظور ہو گئی',
  'application.email.approved.body':
    'ویکی میڈیا کمیونٹی یوزر گروپ پاکستان میں شمولیت کی آپ کی درخواست {date} کو منظور ہو گئی ہے۔ خوش آمدید!',
  'application.email.rejected.subject': 'آپ کی رکنیت کی درخواست',
  'application.email.rejected.body':
    'ہمیں افسوس ہے: ویکی میڈیا کمیونٹی یوزر گروپ پاکستان میں شمولیت کی آپ کی درخواست منظور نہیں ہوئی ({date})۔',
  'application.email.confirm.button': 'میری درخواست کی تصدیق کریں',
  'application.email.approved.next':
    'آگے کیا: میٹا ویکی پر گروپ کا صفحہ، {groupPage}، اس کی سرگرمیاں اور شمولیت کا طریقہ بتاتا ہے؛ اسے اپنی زیرِ نظر فہرست میں شامل کریں اور اس کے تبادلۂ خیال صفحے پر اپنا تعارف کرائیں۔ {channels}',
  'application.email.rejected.next':
    'اگر کوئی بات درست کی جا سکتی ہے (مثلاً آپ کے اندراج کی کوئی تفصیل)، تو آپ فارم کے ذریعے دوبارہ درخواست دے سکتے ہیں: {form}۔ اس ای میل کا جواب منتظمین تک پہنچتا ہے۔',
  'application.email.reason': 'منتظمین کا پیغام: {reason}',
};
export default ur;
