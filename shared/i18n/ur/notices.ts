// Urdu notices to affiliate contacts. Wikimedia-l announcements stay in English.
export default {
  'notice.greeting': '{name} کے محترم رابطہ کاران،',
  'notice.first_reminder.subject': '{name}: سالانہ رپورٹ کی آخری تاریخ {dueDate}',
  'notice.first_reminder.body':
    '{periodStart} سے {periodEnd} تک کے معاہدے کی سالانہ سرگرمی رپورٹ {dueDate} تک جمع ہونی ہے۔\n\nرپورٹ پوری مدت کا احاطہ کرے، انگریزی میں ہو، میٹا ویکی پر آپ کے گروپ کے صفحے ({metaPage}) کے ذیلی صفحے کے طور پر شائع ہو، اور Reports صفحے ({reportsPage}) سے منسلک ہو۔ تیار ہونے پر اپنا ذاتی ربط استعمال کریں:\n{reportLink}\n\n{dueDate} تک منظور شدہ رپورٹ معاہدے کو اگلے بارہ ماہ کے لیے تجدید کر دیتی ہے۔',
  'notice.second_reminder.subject': '{name}: سالانہ رپورٹ کے لیے ایک ہفتہ باقی ({dueDate})',
  'notice.second_reminder.body':
    'دوسری یاد دہانی: {periodStart} سے {periodEnd} تک کی سالانہ سرگرمی رپورٹ {dueDate} تک جمع ہونی ہے۔\n\nاپنا ذاتی ربط:\n{reportLink}',
  'notice.expiry_notice.subject': '{name}: سالانہ رپورٹ کی تاریخ گزر گئی، معاہدہ ختم',
  'notice.expiry_notice.body':
    '{periodStart} سے {periodEnd} تک کی منظور شدہ سالانہ رپورٹ ہمیں موصول نہیں ہوئی۔ آخری تاریخ {dueDate} تھی، {pastDueDate} سے رپورٹ واجب الادا ہے اور آپ کا معاہدہ ختم ہو چکا ہے۔\n\nتجدید کے لیے:\n1. سالانہ رپورٹ میٹا ویکی پر اپنے گروپ کے صفحے کے ذیلی صفحے کے طور پر شائع کریں اور Reports صفحے ({reportsPage}) پر اس کا ربط دیں۔\n2. اپنے گروپ کے صفحے ({metaPage}) پر پچھلی رپورٹوں کے روابط شامل کریں۔\n3. Wikimedia-l میلنگ لسٹ ({wikimediaL}) کو ای میل کریں۔\n\nاپنا ذاتی ربط:\n{reportLink}\n\nاگر {removalDate} تک رپورٹ نہ آئی تو اس دن آپ کا نام اور لوگو الحاق صفحے سے ہٹا دیا جائے گا اور گروپ Formerly Active Affiliates میں منتقل ہو جائے گا۔',
  'notice.final_reminder.subject': '{name}: {removalDate} سے پہلے 7 دن باقی',
  'notice.final_reminder.body':
    '{periodStart} سے {periodEnd} تک کی سالانہ رپورٹ {pastDueDate} سے واجب الادا ہے۔ اگر {removalDate} تک نہ آئی تو نام اور لوگو ہٹا دیا جائے گا۔\n\nاپنا ذاتی ربط:\n{reportLink}',
  'notice.formerly_active.subject': '{name} کو Formerly Active Affiliates میں منتقل کر دیا گیا',
  'notice.formerly_active.body':
    '{pastDueDate} کے نوٹس کے 30 دن کے اندر {periodStart} سے {periodEnd} تک کی رپورٹ نہیں آئی۔ {removalDate} کو آپ کا نام اور لوگو الحاق صفحے سے ہٹا دیا گیا اور Wikimedia-l کو مطلع کر دیا گیا۔\n\nآپ اب بھی رپورٹ جمع کر کے بحالی کی درخواست کر سکتے ہیں:\n{reportLink}',
};
