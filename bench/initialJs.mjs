/**
 * The initial JavaScript alone, as `npm run bench` measures it: every script the page fetched
 * before its first complete view, gzipped (level 9) from the build folder. Build first:
 * `npx vite build --mode e2e` (the page is read through its test hook, src/testHook.ts), then
 * `node bench/initialJs.mjs [dist]`.
 */
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { installProbes } from './interaction.mjs';
import { serve } from './serve.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.resolve(root, process.argv[2] ?? 'dist');
const FLAGS = JSON.parse(await readFile(path.join(root, 'e2e/chromium-args.json'), 'utf8'));
const server = await serve(dist);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [...FLAGS.base, ...FLAGS.softwareWebGL],
});
const app = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await app.addInitScript(installProbes, 16);
await app.goto(`http://127.0.0.1:${server.address().port}/`);
await app.waitForFunction(() => window.__bench.firstViewMs !== null, null, { timeout: 60_000 });
const first = await app.evaluate(() => ({
  ms: window.__bench.firstViewMs,
  scripts: performance
    .getEntriesByType('resource')
    .filter((e) => e.name.endsWith('.js') && e.startTime <= window.__bench.firstViewMs)
    .map((e) => e.name),
}));
let total = 0;
for (const href of first.scripts) {
  const file = new URL(href).pathname.replace(/^\//, '');
  const gz = gzipSync(await readFile(path.join(dist, file)), { level: 9 }).length;
  total += gz;
  console.log(String(Math.round(gz / 1024)).padStart(5), 'KB', file);
}
console.log(
  'total',
  (total / 1024).toFixed(1),
  'KB gzipped in',
  first.scripts.length,
  'scripts; first view',
  Math.round(first.ms),
  'ms',
);
await browser.close();
server.close();
