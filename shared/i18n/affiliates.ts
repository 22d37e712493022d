// The affiliates catalogues (English and Urdu) and their translator; see index.ts.
import en from './en/affiliates.ts';
import { translator } from './index.ts';
import ur from './ur/affiliates.ts';

export type MessageKey = keyof typeof en;
export const { t, has } = translator<typeof en>({ en, ur });
