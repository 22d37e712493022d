// Report documents (PDF) on the report page, and the page after an upload.
export default {
  'upload.section.title': 'Documents (PDF)',
  'upload.section.intro':
    'You can also upload PDF files of up to {maxMb} MB: your financial statement, and your activity report as a document beside its meta page. A new upload replaces the earlier file of the same kind for this period.',
  'upload.section.reload': 'If this page has been open for more than an hour, reload it before uploading.',
  'upload.kind.financial_statement': 'Financial statement',
  'upload.kind.activity_report': 'Activity report (document)',
  'upload.file': '{document}: PDF file',
  'upload.submit': 'Upload: {document}',
  'upload.current': 'On record: uploaded {date}, {size}.',
  'upload.none': 'Nothing uploaded yet.',
  'upload.done.title': 'Document received',
  'upload.done.body': 'Recorded for the period {start} to {end}: {document}, {size}.',
  'upload.refused.title': 'The file was not accepted',
  'upload.refused.upload_not_pdf': 'The file is not a PDF. Save or export it as PDF and upload it again.',
  'upload.refused.upload_too_large':
    'The file is larger than {maxMb} MB. Make it smaller and upload it again.',
  'upload.refused.upload_empty': 'The file is empty. Choose the file again and upload it.',
  'upload.refused.upload_missing': 'No file has arrived for this document yet. Choose a file and upload it.',
  'upload.back': 'Back to the report page',
};
