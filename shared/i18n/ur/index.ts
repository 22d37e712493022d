// Urdu (right to left). Missing keys fall back to English.
import type en from '../en/index.ts';
import affiliates from './affiliates.ts';
import application from './application.ts';
import common from './common.ts';
import notices from './notices.ts';
import report from './report.ts';
import uploads from './uploads.ts';

const ur: Partial<typeof en> = {
  ...common,
  ...affiliates,
  ...application,
  ...report,
  ...notices,
  ...uploads,
};
export default ur;
