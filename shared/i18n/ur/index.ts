// Urdu (right to left). Missing keys fall back to English.
import type en from '../en/index.ts';
import common from './common.ts';

const ur: Partial<typeof en> = { ...common };
export default ur;
