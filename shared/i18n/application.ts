// The application catalogues (English and Urdu) and their translator; see index.ts.
import en from './en/application.ts';
import { translator } from './index.ts';
import ur from './ur/application.ts';

export type MessageKey = keyof typeof en;
export const { t, has } = translator<typeof en>({ en, ur });
