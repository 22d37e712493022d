// The notices catalogues (English and Urdu) and their translator; see index.ts.
import en from './en/notices.ts';
import { translator } from './index.ts';
import ur from './ur/notices.ts';

export type MessageKey = keyof typeof en;
export const { t, has } = translator<typeof en>({ en, ur });
