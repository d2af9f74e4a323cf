// Full-page screenshots, light and dark, for a person to look at.
//   node screenshots.mjs OUTPUT_DIR SHOTS_DIR [path ...]   (default paths: home and /opgaven/wonen/ of every edition)
// WIDTH=390 (default) or a comma-separated list (WIDTH=390,1280); FOCUS=N: the first screen after
// N presses of Tab instead of the full page; TILE=N: also N-pixel-high slices.
// The finance page of every edition at 390 and 1280 px:
//   WIDTH=390,1280 node screenshots.mjs ../../public ../../target/screenshots /uitwerking-financien/ /en/uitwerking-financien/ /eenvoudig/uitwerking-financien/
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const root = path.resolve(process.argv[2] || '../../public');
const shots = path.resolve(process.argv[3] || '/tmp/shots');
const paths = process.argv.slice(4).length ? process.argv.slice(4)
  : ['/', '/opgaven/wonen/', '/en/', '/en/opgaven/wonen/', '/eenvoudig/', '/eenvoudig/opgaven/wonen/'];
const widths = String(process.env.WIDTH || 390).split(',').map(Number);
fs.mkdirSync(shots, { recursive: true });
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml' };
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  const f = path.join(root, path.normalize(p));
  if (!f.startsWith(root) || !fs.existsSync(f) || fs.statSync(f).isDirectory()) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': types[path.extname(f)] || 'application/octet-stream' });
  res.end(fs.readFileSync(f));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'] });
for (const width of widths) for (const scheme of ['light', 'dark']) {
  const page = await browser.newPage({ viewport: { width, height: 844 }, colorScheme: scheme });
  for (const p of paths) {
    await page.goto(origin + p);
    if (process.env.FOCUS) { for (let i = 0; i < Number(process.env.FOCUS); i++) await page.keyboard.press('Tab'); }
    const name = (p.replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'home') + `-${width}-${scheme}.png`;
    await page.screenshot({ path: path.join(shots, name), fullPage: !process.env.FOCUS });
    console.log(path.join(shots, name));
    // TILE=N also writes N-pixel-high slices (tiles/NAME-kK.png), easier to look at than one long strip.
    const tile = Number(process.env.TILE || 0);
    if (tile && !process.env.FOCUS) {
      fs.mkdirSync(path.join(shots, 'tiles'), { recursive: true });
      const h = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0, k = 0; y < h; y += tile, k++) {
        await page.screenshot({ path: path.join(shots, 'tiles', name.replace('.png', `-${k}.png`)), fullPage: true,
          clip: { x: 0, y, width, height: Math.min(tile, h - y) } });
      }
    }
  }
  await page.close();
}
await browser.close();
server.close();
