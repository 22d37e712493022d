// English: the complete catalogue. Each feature keeps its strings in its own file.
import common from './common.ts';
import report from './report.ts';

export default { ...common, ...report };
