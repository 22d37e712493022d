// The report catalogues (English and Urdu) and their translator; see index.ts.
import en from './en/report.ts';
import { translator } from './index.ts';
import ur from './ur/report.ts';

export type MessageKey = keyof typeof en;
export const { t, has } = translator<typeof en>({ en, ur });
