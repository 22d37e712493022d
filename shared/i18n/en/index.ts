// English: the complete catalogue. Each feature keeps its strings in its own file.
import affiliates from './affiliates.ts';
import application from './application.ts';
import common from './common.ts';
import notices from './notices.ts';
import report from './report.ts';
import uploads from './uploads.ts';

export default { ...common, ...affiliates, ...application, ...report, ...notices, ...uploads };
