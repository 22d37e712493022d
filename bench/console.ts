// The organiser console's first page: how much JavaScript a browser downloads to show
// it, gzipped, beside the aim of issue 11 (under 60 KB). The console is served under
// /console by the same API; until it exists the section says so and is skipped.
// Counted: every <script src> and <link rel="modulepreload"> of the page, the modules
// those import statically (import ... from "./x.js"), and inline scripts.

import { gzipSync } from 'node:zlib';
import type { BenchStack } from './stack.ts';
import { type Row, row } from './stats.ts';

export const CONSOLE_PATH = '/console';
const AIM_KB = 60;

const attr = (tag: string, name: string) =>
  new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];

export async function benchConsole(stack: BenchStack): Promise<{ rows: Row[] } | { skipped: string }> {
  const page = await fetch(`${stack.apiUrl}${CONSOLE_PATH}`, { headers: { accept: 'text/html' } });
  const type = page.headers.get('content-type') ?? '';
  if (!page.ok || !type.includes('text/html')) {
    await page.body?.cancel();
    return {
      skipped:
        `console: GET ${CONSOLE_PATH} answers ${page.status} ${type || ''}; the console (issue 11) is not served yet, so its first-page JavaScript size is not measured`.trim(),
    };
  }
  const html = await page.text();
  const base = page.url;
  const pending: string[] = [];
  let inline = '';
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = attr(tag, 'src');
    if (src) pending.push(new URL(src, base).href);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (/\brel\s*=\s*["']?modulepreload/i.test(tag)) {
      const href = attr(tag, 'href');
      if (href) pending.push(new URL(href, base).href);
    }
  }
  for (const m of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) inline += m[1];

  const seen = new Map<string, string>();
  while (pending.length) {
    const url = pending.shift()!;
    if (seen.has(url)) continue;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`console script ${url} answers ${res.status}`);
    const js = await res.text();
    seen.set(url, js);
    for (const m of js.matchAll(/(?:\bfrom\s*|\bimport\s*)["']([^"']+\.m?js)["']/g))
      pending.push(new URL(m[1]!, url).href);
  }
  const gzipKb = (s: string) => gzipSync(s).length / 1024;
  const total = [...seen.values()].reduce((n, js) => n + gzipKb(js), 0) + (inline ? gzipKb(inline) : 0);
  return {
    rows: [
      row({
        section: 'console',
        subject: `first page (GET ${CONSOLE_PATH})`,
        metric: 'JavaScript, gzipped',
        unit: 'KB',
        ours: total,
        ceiling: AIM_KB,
        note: `${seen.size} script files${inline ? ' and inline scripts' : ''}; ceiling = the aim of issue 11 (under ${AIM_KB} KB)`,
      }),
    ],
  };
}
