// The report-documents catalogues (English and Urdu) and their translator; see index.ts.
// The upload pages also say the report page's words (a bad personal link, the way back),
// so this feature reads the report catalogue too: the functions that serve uploads carry
// both, and nothing else.
import enReport from './en/report.ts';
import enUploads from './en/uploads.ts';
import { translator } from './index.ts';
import urReport from './ur/report.ts';
import urUploads from './ur/uploads.ts';

const en = { ...enReport, ...enUploads };
const ur: Partial<typeof en> = { ...urReport, ...urUploads };

export type MessageKey = keyof typeof en;
export const { t, has } = translator<typeof en>({ en, ur });
