// English: the complete catalogue. Each feature keeps its strings in its own file.
import application from './application.ts';
import common from './common.ts';
import notices from './notices.ts';
import report from './report.ts';

export default { ...common, ...application, ...report, ...notices };
