// سالانہ رپورٹ کا صفحہ، نتائج اور ای میلز۔ جو کلید یہاں نہ ہو وہ انگریزی میں دکھائی جاتی ہے۔
import type en from '../en/report.ts';

const report: Partial<typeof en> = {
  'report.title': 'اپنی سالانہ رپورٹ جمع کروائیں',
  'report.intro':
    'اپنی سالانہ سرگرمیوں کی رپورٹ میٹا ویکی پر اپنے گروپ کے صفحے کے ذیلی صفحے کے طور پر شائع کریں، اسے میٹا کے Reports صفحے ({reportsPage}) یا اپنے گروپ کے صفحے سے جوڑیں، پھر ہمیں اس کا پتہ بتائیں۔',
  'report.affiliate': 'الحاق شدہ تنظیم',
  'report.periodToCover': 'وہ مدت جس کا رپورٹ میں احاطہ ضروری ہے',
  'report.periodToCoverValue': '{start} سے {end} تک',
  'report.rules':
    'رپورٹ پوری مدت کا احاطہ کرے، انگریزی میں لکھی ہو، اور https://meta.wikimedia.org/wiki/... پر شائع ہو۔',
  'report.periodStart': 'رپورٹ کی مدت کا آغاز',
  'report.periodEnd': 'رپورٹ کی مدت کا اختتام',
  'report.metaUrl': 'میٹا ویکی پر رپورٹ کا پتہ',
  'report.text': 'رپورٹ کا متن (اختیاری؛ سادہ متن یا ویکی متن)',
  'report.financialReportUrl': 'مالی رپورٹ کا پتہ (اختیاری)',
  'report.submit': 'رپورٹ جمع کروائیں',
  'report.badLink.title': 'یہ رپورٹ لنک کام نہیں کرتا',
  'report.badLink.expired': 'اس لنک کی میعاد ختم ہو چکی ہے۔ منتظمین کو لکھیں، وہ آپ کو نیا لنک بھیج دیں گے۔',
  'report.badLink.invalid':
    'یہ لنک درست نہیں۔ تازہ ترین ای میل والا لنک استعمال کریں یا منتظمین سے نیا لنک مانگیں۔',
  'report.rejected.title': 'رپورٹ قبول نہیں ہوئی',
  'report.rejected.intro': 'براہ کرم درج ذیل درست کر کے دوبارہ جمع کروائیں:',
  'report.rejected.back': 'فارم پر واپس جائیں',
  'report.received.title': 'رپورٹ موصول ہو گئی',
  'report.received.pending':
    'ہم نے آپ کی رپورٹ محفوظ کر لی ہے۔ اب ہم میٹا ویکی پر دیکھ رہے ہیں کہ صفحہ موجود ہے، آپ کے گروپ کا ہے اور Reports صفحے ({reportsPage}) یا آپ کے گروپ کے صفحے سے جڑا ہوا ہے؛ قبول ہونے پر آپ کو ای میل ملے گی۔',
  'report.received.missing': 'میٹا ویکی پر ابھی یہ باقی ہے:',
  'report.received.nothingMissing': 'جب تک ہم نہ لکھیں، آپ کو مزید کچھ کرنے کی ضرورت نہیں۔',
  'report.missing.page_missing':
    'صفحہ {reportUrl} ابھی موجود نہیں: رپورٹ اسی پتے پر شائع کریں، یا وہ پتہ جمع کروائیں جہاں رپورٹ موجود ہے۔',
  'report.missing.not_listed':
    'اس صفحے کا ربط Reports صفحے {reportsPage} پر، یا اپنے گروپ کے صفحے {groupPage} پر شامل کریں۔',
  'report.missing.not_tied':
    'یہ صفحہ {group} سے جڑا ہوا نہیں: اسے اپنے گروپ کے صفحے {groupPage} کا ذیلی صفحہ بنائیں (ایسا عنوان جو "{groupTitle}/" سے شروع ہو)، یا وہاں سے اس کا ربط دیں۔',
  'report.missing.not_tied_no_group_page':
    'یہ صفحہ {group} سے جڑا ہوا نہیں: ہمارے پاس آپ کے گروپ کا میٹا ویکی صفحہ درج نہیں ({groupPage})۔ منتظمین سے کہیں کہ اسے درج کریں، پھر وہاں سے رپورٹ کا ربط دیں۔',
  'report.status.rejected':
    'ایک منتظم آپ کی بھیجی ہوئی رپورٹ قبول نہ کر سکے: {reason} آپ نیچے درست شدہ رپورٹ بھیج سکتے ہیں۔',
  'report.accepted.title': 'رپورٹ قبول ہو گئی',
  'report.accepted.body':
    '{start} سے {end} تک کی آپ کی رپورٹ میٹا ویکی پر تصدیق کے بعد قبول کر لی گئی ہے۔ شکریہ۔',
  'report.duplicate': 'یہ رپورٹ پہلے ہی موصول ہو چکی تھی؛ دوبارہ جمع نہیں ہوئی۔',
  'report.email.received.subject': 'آپ کی سالانہ رپورٹ موصول ہو گئی',
  'report.email.received.body':
    'محترم {name}،\n\n{start} سے {end} تک کی آپ کی سالانہ رپورٹ ({url}) ہمیں موصول ہو گئی ہے۔\n\nآگے کیا ہو گا: ہم میٹا ویکی پر دیکھیں گے کہ صفحہ موجود ہے، آپ کے گروپ کا ہے (آپ کے گروپ کے صفحے {groupPage} کا ذیلی صفحہ ہے، یا اس سے جڑا ہوا ہے) اور Reports صفحے {reportsPage} یا آپ کے گروپ کے صفحے سے جڑا ہوا ہے۔ {detail}\n\nہم خود بخود دوبارہ کوشش کریں گے اور قبول ہوتے ہی آپ کو ای میل کریں گے۔',
  'report.email.detail.meta_unavailable': 'میٹا ویکی نے ابھی جواب نہیں دیا۔',
  'report.email.detail.missing': 'میٹا ویکی پر ابھی یہ باقی ہے:\n{items}',
  'report.email.accepted.subject': 'آپ کی سالانہ رپورٹ قبول ہو گئی',
  'report.email.accepted.body':
    'محترم {name}،\n\n{start} سے {end} تک کی آپ کی سالانہ رپورٹ میٹا ویکی پر تصدیق کے بعد قبول کر لی گئی ہے۔\n\nرپورٹ: {url}',
  'report.problem.notRealDate': '{day} کوئی حقیقی تاریخ نہیں۔',
  'report.problem.endsBeforeStart': 'مدت شروع ہونے سے پہلے ختم ہو رہی ہے۔',
  'report.problem.startsLate':
    'رپورٹ کو معاہدے کی پوری مدت کا احاطہ کرنا چاہیے: معاہدہ {agreementStart} کو شروع ہوتا ہے، مگر رپورٹ {start} سے شروع ہوتی ہے۔',
  'report.problem.endsEarly':
    'رپورٹ کو معاہدے کی پوری مدت کا احاطہ کرنا چاہیے: معاہدہ {agreementEnd} کو ختم ہوتا ہے، مگر رپورٹ {end} کو ختم ہوتی ہے۔',
  'report.problem.url.notAUrl': 'رپورٹ کا پتا ویب پتا نہیں۔',
  'report.problem.url.notHttps': 'رپورٹ کا پتا https:// سے شروع ہونا چاہیے۔',
  'report.problem.url.wrongHost':
    'رپورٹ میٹا ویکی پر شائع ہونی چاہیے: پتا بالکل meta.wikimedia.org پر ہونا چاہیے۔',
  'report.problem.url.userinfo': 'رپورٹ کے پتے میں صارف نام یا پاس ورڈ نہیں ہونا چاہیے۔',
  'report.problem.url.port': 'رپورٹ کے پتے میں پورٹ نہیں ہونی چاہیے۔',
  'report.problem.url.notWikiPage':
    'رپورٹ کا پتا میٹا ویکی کا صفحہ ہونا چاہیے، جیسے https://meta.wikimedia.org/wiki/Your_report۔',
  'report.problem.url.special':
    'رپورٹ کے صفحے کے عنوان میں {characters} ہے، جسے میٹا ویکی ربط، سانچے یا حصے کی نحو سمجھتی ہے یا عنوان میں قبول نہیں کرتی۔ رپورٹ کو ان کے بغیر عنوان پر منتقل کریں اور اس کا نیا پتا بھیجیں۔',
  'report.problem.url.section': '# کسی صفحے کے حصے کی طرف اشارہ کرتا ہے: رپورٹ کے صفحے کا اپنا پتا دیں۔',
};
export default report;
