// Validators plein's own code did not write, over every HTML page of a built site:
//
//   node validate.mjs OUTPUT_DIR [--report FILE]
//
// - the Nu HTML Checker (vnu, the W3C validator; npm vnu-jar, run with Java): every error and
//   every warning is a finding;
// - linkinator (npm, Google's link checker) over every page, recursively, every href and src
//   (stylesheets, scripts, images, feeds, CSV downloads included) with `#fragments` checked
//   against the target page's ids. Links to the site's own base_url (canonical, hreflang, og:url)
//   are rewritten to the local copy so they are checked too; links to other hosts are not fetched
//   (CI has no network), they are listed in the report.
// Exits non-zero on any finding. No rule is disabled, but for vnu's language guess on the
// right-to-left test site (VNU_LANGDETECT=0, see runVnu).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const reportAt = args.indexOf('--report');
const reportFile = reportAt >= 0 ? args.splice(reportAt, 2)[1] : null;
const root = path.resolve(args[0] || path.join(here, '../../public'));
if (!fs.existsSync(path.join(root, 'index.html'))) {
  console.error(`validate: ${root} has no index.html; build the site first`);
  process.exit(2);
}

// The site's base URL, so absolute links to the site itself are checked against the local copy.
function baseUrl() {
  const file = [process.env.PLEIN_SITE, path.join(root, '..', 'site.yaml'), path.join(here, '../../site.yaml')]
    .filter(Boolean).find((f) => fs.existsSync(f));
  const m = file && fs.readFileSync(file, 'utf8').match(/^base_url:\s*["']?([^"'\s#]+)/m);
  return (m ? m[1] : 'https://example.org/').replace(/\/?$/, '/');
}

function walk(dir, out = []) {
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, ent.name);
    if (ent.isDirectory()) walk(abs, out);
    else if (ent.name.endsWith('.html')) out.push(abs);
  }
  return out;
}
const pages = walk(root).sort();
const rel = (f) => path.relative(root, f).split(path.sep).join('/');
const report = [];
const say = (line) => { console.log(line); report.push(line); };

// ---------- Nu HTML Checker ----------
function runVnu() {
  const jar = require('vnu-jar'); // the package exports the jar's path
  // VNU_LANGDETECT=0 turns off vnu's guess of the text's language (a warning when it differs from
  // <html lang>). Only for the right-to-left test site, whose ar pages are Dutch and English text
  // on purpose (fallbacks marked with their own lang, a page copied from the Dutch one): see
  // tests/fixtures/rtl/README.md.
  const langdetect = process.env.VNU_LANGDETECT === '0' ? ['--no-langdetect'] : [];
  const r = spawnSync('java', ['-Xss4m', '-jar', jar, '--format', 'json', '--skip-non-html', ...langdetect, root],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`vnu: cannot run java (${r.error.message}); install default-jre-headless`);
  let messages;
  try { messages = JSON.parse(r.stderr || r.stdout).messages; } catch { throw new Error(`vnu: unreadable output: ${(r.stderr || r.stdout).slice(0, 500)}`); }
  // "info" messages without a subType are notes attached to another finding (e.g. "the first
  // occurrence of ID … was here"); they are printed with it, not counted.
  const note = (m) => /^The first occurrence of /.test(m.message);
  const findings = messages.filter((m) => !note(m) && (m.type === 'error' || m.type === 'non-document-error' || (m.type === 'info' && m.subType === 'warning')));
  return { findings, notes: messages.filter((m) => !findings.includes(m)) };
}

// ---------- linkinator ----------
async function runLinks() {
  const { LinkChecker } = await import('linkinator');
  const base = baseUrl();
  const checker = new LinkChecker();
  const port = 20000 + Math.floor(Math.random() * 20000);
  const local = `http://localhost:${port}/`;
  const external = new Set();
  const broken = [];
  let checked = 0;
  checker.on('link', (r) => {
    checked++;
    if (r.state === 'BROKEN') broken.push(r);
  });
  const result = await checker.check({
    path: pages.map(rel),
    serverRoot: root,
    port,
    recurse: true,
    checkFragments: true,
    concurrency: 20,
    urlRewriteExpressions: [{ pattern: new RegExp('^' + base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), replacement: local }],
    // Other hosts are not fetched: CI has no network, and their health is not the site's build.
    linksToSkip: async (link) => {
      if (link.startsWith(local) || link.startsWith(base)) return false;
      if (/^(mailto|tel):/.test(link)) return true;
      if (/^https?:/.test(link)) { external.add(link); return true; }
      return false;
    },
  });
  return { ok: result.passed, broken, checked, external: [...external].sort(), local };
}

const started = Date.now();
let failures = 0;
const tools = (process.env.VALIDATORS || 'vnu,links').split(',');
if (tools.includes('vnu')) {
  const t = Date.now();
  const { findings, notes } = runVnu();
  say(`vnu ${spawnSync('java', ['-jar', require('vnu-jar'), '--version'], { encoding: 'utf8' }).stdout.trim()}: ${pages.length} pages, ${findings.length} findings (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  for (const m of findings) {
    say(`FAIL vnu ${rel(fileURLToPath(m.url))}:${m.lastLine ?? m.firstLine ?? 0}:${m.firstColumn ?? 0}: ${m.type}${m.subType ? '/' + m.subType : ''}: ${m.message}`);
    for (const n of notes.filter((x) => x.url === m.url && x.message.includes((m.message.match(/“[^”]+”/) || [''])[0]))) say(`     note: ${n.message}`);
  }
  failures += findings.length;
}
if (tools.includes('links')) {
  const t = Date.now();
  const { broken, checked, external, local } = await runLinks();
  say(`linkinator: ${pages.length} pages, ${checked} links checked (fragments included), ${broken.length} broken, ${external.length} links to other hosts not fetched (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  for (const b of broken) {
    const from = b.parent ? b.parent.replace(local, '/') : '?';
    const why = b.failureDetails && b.failureDetails.length ? b.failureDetails.map((d) => d.message || d.code || d.status || JSON.stringify(d).slice(0, 120)).join('; ') : `HTTP ${b.status}`;
    say(`FAIL link ${b.url.replace(local, '/')} on ${from}: ${why}`);
  }
  if (process.env.VERBOSE) for (const e of external) say(`     other host (not fetched): ${e}`);
  failures += broken.length;
}
say(`validate: ${failures} findings in ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (reportFile) fs.writeFileSync(reportFile, report.join('\n') + '\n');
process.exit(failures ? 1 : 0);
