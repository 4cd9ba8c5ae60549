#!/usr/bin/env node
// Browser tests for a site built by cairn.
//
//   cd tests/browser && npm ci          # once: playwright-core + axe-core
//   node tests/browser/run.mjs SITE_DIR... [--light SITE_DIR]...
//                                            (VERBOSE=1 also prints the trail hops)
//
// Serves each SITE_DIR on 127.0.0.1 (a free port) with a tiny built-in HTTP
// server, at the root and under the sub-path /team/portal/, drives Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) headless
// through playwright-core, and prints one line per test:
//   ok - NAME            or    not ok - NAME: REASON   (details follow as "#" lines)
// and at the end exactly one line "N passed, M failed". Exits 1 if any failed.
// Test names start with the site's folder name. One browser serves all sites.
// Every page kind is also printed (print media, A4 width, the reader's
// system set to dark): it must fit the paper, drop the chrome the theme's
// print rules hide, keep charts, maps and their tables, and print dark text.
// A site after --light is a variant of one checked in full (the same pages
// built without base_url, say): it gets the link, heading and 404 checks.
//
// No browser is downloaded: playwright-core only drives the installed Chromium.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as siteChecks from './site_checks.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 390, height: 844 };
const GLOBAL_TIMEOUT_MS = 150_000; // per site; a hard stop, should never be reached
const MOUNT = '/team/portal/'; // the sub-path every site is also served under
const T0 = Date.now();

// ---------------------------------------------------------------- arguments

const SITES = [];
for (let i = 2; i < process.argv.length; i++) {
  const light = process.argv[i] === '--light';
  if (light) i++;
  if (process.argv[i]) SITES.push({ dir: path.resolve(process.argv[i]), light });
}
if (SITES.length === 0) {
  console.error('usage: node tests/browser/run.mjs SITE_DIR... [--light SITE_DIR]...');
  process.exit(2);
}
for (const { dir: site } of SITES) {
  if (!fs.existsSync(path.join(site, 'index.html'))) {
    console.error(`run.mjs: ${site}/index.html not found; build the site first, e.g.\n` +
      '  cargo build && ./target/debug/cairn build content-example --today 2026-11-22 -o /tmp/site');
    process.exit(2);
  }
}
let SITE; // the site under test
let NAME = ''; // its folder name, the prefix of every test name

let chromium;
let AXE_SOURCE;
try {
  ({ chromium } = require('playwright-core'));
  AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
} catch (e) {
  console.error(`run.mjs: cannot load playwright-core / axe-core (${e.message}).\n` +
    `  Install them with: (cd ${path.relative(process.cwd(), HERE) || '.'} && npm ci)`);
  process.exit(2);
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`run.mjs: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`);
  process.exit(2);
}

// ---------------------------------------------------------------- reporting

let passed = 0;
let failed = 0;

class Failure extends Error {
  constructor(reason, details = []) {
    super(reason);
    this.details = details;
  }
}
function fail(reason, details = []) {
  throw new Failure(reason, details);
}

async function test(name, fn) {
  name = NAME ? `${NAME}: ${name}` : name;
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    const reason = (e instanceof Failure ? e.message : `${e.name}: ${e.message}`)
      .split('\n').filter(Boolean);
    console.log(`not ok - ${name}: ${reason[0] ?? 'failed'}`);
    const details = [...reason.slice(1), ...(e instanceof Failure ? e.details : [])];
    for (const line of details.slice(0, 60)) console.log(`#   ${line}`);
    if (details.length > 60) console.log(`#   ... ${details.length - 60} more lines`);
  }
}

const norm = (s) => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '').replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------- static server

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

function startServer() {
  const server = http.createServer(async (req, res) => {
    const root = SITE;
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' });
        return res.end();
      }
      const url = new URL(req.url, 'http://127.0.0.1');
      let rel;
      try {
        rel = decodeURIComponent(url.pathname);
      } catch {
        rel = null;
      }
      if (rel !== null && rel.startsWith(MOUNT)) rel = rel.slice(MOUNT.length - 1);
      let file = rel === null ? null : path.join(root, rel);
      if (file && file !== root && !file.startsWith(root + path.sep)) file = null; // traversal
      let st = file ? await fsp.stat(file).catch(() => null) : null;
      if (st && st.isDirectory()) {
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { Location: url.pathname + '/' + url.search });
          return res.end();
        }
        file = path.join(file, 'index.html');
        st = await fsp.stat(file).catch(() => null);
      }
      let status = 200;
      if (!st || !st.isFile()) {
        status = 404;
        file = path.join(root, '404.html');
        st = await fsp.stat(file).catch(() => null);
        if (!st) {
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
          return res.end('not found\n');
        }
      }
      const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Length': st.size,
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    } catch (e) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(e));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ---------------------------------------------------------------- browser

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let BASE; // http://127.0.0.1:PORT/
let ORIGIN; // http://127.0.0.1:PORT
const externalRequests = []; // every request to a host other than 127.0.0.1, site-wide

function isLocal(u) {
  try {
    const url = new URL(u);
    if (['data:', 'blob:', 'about:', 'javascript:'].includes(url.protocol)) return true;
    return url.hostname === '127.0.0.1';
  } catch {
    return false;
  }
}
const rel = (u) => (u && BASE && u.startsWith(BASE) ? u.slice(BASE.length) || '/' : u);

// Opens a page that records console errors, page errors, failed requests
// (network failures and HTTP >= 400) and requests to other hosts (aborted).
async function openPage(context, viewport = DESKTOP) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(5000);
  page.setDefaultNavigationTimeout(10000);
  const log = { console: [], pageErrors: [], failedRequests: [], external: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      const where = loc && loc.url ? ` (${rel(loc.url)}:${loc.lineNumber})` : '';
      log.console.push(`${norm(msg.text())}${where}`);
    }
  });
  page.on('pageerror', (err) => log.pageErrors.push(norm(`${err.name}: ${err.message}`)));
  page.on('requestfailed', (req) => {
    if (req.__external) return; // reported as external
    log.failedRequests.push(`${req.method()} ${rel(req.url())}: ${req.failure()?.errorText}`);
  });
  page.on('response', (resp) => {
    if (resp.status() >= 400) {
      log.failedRequests.push(`${resp.request().method()} ${rel(resp.url())}: HTTP ${resp.status()}`);
    }
  });
  await page.route('**/*', (route) => {
    const req = route.request();
    if (isLocal(req.url())) return route.continue();
    const entry = `${req.resourceType()} ${req.url()} (from ${rel(page.url()) || '?'})`;
    log.external.push(entry);
    externalRequests.push(entry);
    req.__external = true;
    return route.abort('blockedbyclient');
  });
  return { page, log };
}

// Chromium logs "Failed to load resource" for every failed request; those
// are already reported as failed or blocked requests.
function isLoadNoise(msg, log) {
  if (!msg.startsWith('Failed to load resource')) return false;
  const m = msg.match(/\((\S+):\d+\)$/);
  if (!m) return false;
  return [...log.failedRequests, ...log.external].some((r) => r.includes(` ${m[1]}`));
}

async function gotoPath(page, p) {
  const resp = await page.goto(BASE + p, { waitUntil: 'load' });
  return resp;
}

async function h1Text(page) {
  const h1 = page.locator('main h1').first();
  if ((await h1.count()) === 0) return null;
  return norm(await h1.textContent());
}

// Click a link and wait until the browser is on the URL the link points to.
async function follow(page, link, what) {
  const href = await link.evaluate((a) => {
    const h = a.href;
    return typeof h === 'string' ? h : new URL(a.getAttribute('href'), document.baseURI).href;
  });
  await link.click();
  try {
    await page.waitForURL(href, { timeout: 5000, waitUntil: 'load' });
  } catch {
    fail(`clicking ${what} (href ${rel(href)}) did not load it; browser is on ${rel(page.url())}`);
  }
  return href;
}

// ---------------------------------------------------------------- site facts

// The largest page of a folder: the one with the most to check (tables,
// long names, every section filled).
function firstFile(dir) {
  const abs = path.join(SITE, dir);
  if (!fs.existsSync(abs)) return null;
  const f = fs.readdirSync(abs, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html') && d.name !== 'index.html')
    .map((d) => ({ name: d.name, size: fs.statSync(path.join(abs, d.name)).size }))
    .sort((a, b) => b.size - a.size || a.name.localeCompare(b.name))[0];
  return f ? `${dir}/${f.name}` : null;
}

function pageKinds() {
  const kinds = [
    ['home', 'index.html'],
    ['vision', 'vision/index.html'],
    ['goals', 'goals/index.html'],
    ['goal', firstFile('goals')],
    ['backlog', 'backlog/index.html'],
    ['board', 'board.html'],
    ['moscow', 'moscow.html'],
    ['traceability', 'traceability.html'],
    ['engagement', 'engagement.html'],
    ['stakeholders', 'stakeholders/index.html'],
    ['stakeholder', firstFile('stakeholders')],
    ['decisions', 'tradeoffs/index.html'],
    ['decision', firstFile('tradeoffs')],
    ['decisions by status', firstFile('tradeoffs/status')],
    ['backlog item', firstFile('backlog')],
    ['updates', 'updates/index.html'],
    ['update', firstFile('updates')],
    ['roadmap', 'roadmap.html'],
    ['assumptions', 'assumptions/index.html'],
    ['assumption', firstFile('assumptions')],
    // The engagement log: only in portals that keep one.
    ['conversations', fs.existsSync(path.join(SITE, 'conversations/index.html')) ? 'conversations/index.html' : null],
    ['conversation', firstFile('conversations')],
    ['404', '404.html'],
  ];
  return kinds.map(([kind, p]) => ({ kind, path: p }));
}

function htmlFiles(dir = SITE, out = []) {
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, d.name);
    if (d.isDirectory()) htmlFiles(abs, out);
    else if (d.name.endsWith('.html')) out.push(abs);
  }
  return out;
}

function htmlToText(html) {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(+n))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"').replace(/&nbsp;/g, ' ')
    .toLowerCase();
}
const words = (text) => text.toLowerCase().match(/[a-z]+/g) ?? [];

// ---------------------------------------------------------------- tests

async function testStoryTrail(context) {
  const { page } = await openPage(context);
  try {
    await gotoPath(page, 'index.html');
    const backlog = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backlog', exact: true });
    if ((await backlog.count()) !== 1) fail('home page: no single "Backlog" link in the main navigation');
    await follow(page, backlog, 'the "Backlog" nav link');
    const h = await h1Text(page);
    if (h !== 'Backlog') fail(`backlog page heading is ${JSON.stringify(h)}, expected "Backlog"`);

    // First tree entry whose own level badge says "Story".
    const items = page.locator('main ul.tree li');
    const idx = await items.evaluateAll((lis) => lis.findIndex((li) => {
      const badge = li.querySelector(':scope > .badges .badge.level');
      return badge && badge.textContent.trim() === 'Story' && li.querySelector(':scope > a');
    }));
    if (idx < 0) fail('backlog tree: no entry with a "Story" badge');
    const storyLink = items.nth(idx).locator(':scope > a');
    const storyTitle = norm(await storyLink.textContent());
    await follow(page, storyLink, `story "${storyTitle}"`);
    const hops = [`story "${storyTitle}" (${rel(page.url())})`];
    const sh = await h1Text(page);
    if (sh !== storyTitle) fail(`story page heading is ${JSON.stringify(sh)}, expected ${JSON.stringify(storyTitle)}`);

    // The story's trail names every ancestor, vision first.
    const trail = await page.locator('main nav.trail a').evaluateAll((as) =>
      as.map((a) => ({ text: a.textContent.replace(/\s+/g, ' ').trim(), href: a.href })));
    if (trail.length === 0) fail(`story page ${rel(page.url())} has no nav.trail links`);
    if (!trail[0].href.endsWith('/vision/index.html')) {
      fail(`story trail does not start at the vision: first link is ${rel(trail[0].href)}`);
    }
    // Climb one ancestor at a time, each time through the current page's own trail.
    for (let i = trail.length - 1; i >= 0; i--) {
      const target = trail[i];
      const here = rel(page.url());
      const links = page.locator('main nav.trail a');
      const n = await links.count();
      if (n === 0) fail(`${here} has no nav.trail links (wanted one to ${rel(target.href)})`, hops);
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.href));
      const j = hrefs.indexOf(target.href);
      if (j < 0) {
        fail(`trail on ${here} has no link to ${rel(target.href)} ("${target.text}")`,
          [`trail links there: ${hrefs.map(rel).join(', ')}`, 'hops so far:', ...hops]);
      }
      await follow(page, links.nth(j), `trail link "${target.text}"`);
      const head = await h1Text(page);
      hops.push(`-> ${rel(page.url())}: h1 ${JSON.stringify(head)}`);
      if (head !== target.text) {
        fail(`page ${rel(page.url())} has heading ${JSON.stringify(head)}, but the trail link said ${JSON.stringify(target.text)}`, hops);
      }
    }
    if (rel(page.url()) !== 'vision/index.html') fail(`trail ended on ${rel(page.url())}, not vision/index.html`, hops);
    if (process.env.VERBOSE) for (const h of hops) console.log(`#   ${h}`);
  } finally {
    await page.close();
  }
}

// Picks a story and a word of 6+ letters that is in the story's body, not in
// its title, and on as few pages of the site as possible (ideally only its own).
async function pickSearchTarget(page) {
  await gotoPath(page, 'backlog/index.html');
  const stories = await page.locator('main ul.tree li').evaluateAll((lis) => lis
    .filter((li) => li.querySelector(':scope > .badges .badge.level')?.textContent.trim() === 'Story')
    .map((li) => li.querySelector(':scope > a')?.href)
    .filter(Boolean));
  if (stories.length === 0) fail('backlog tree: no entry with a "Story" badge to search for');

  const files = htmlFiles().map((f) => new Set(words(htmlToText(fs.readFileSync(f, 'utf8')))));
  const df = (w) => files.reduce((n, s) => n + (s.has(w) ? 1 : 0), 0);

  let best = null;
  for (const href of stories) {
    await page.goto(href, { waitUntil: 'load' });
    const { body, title, h1 } = await page.evaluate(() => ({
      body: document.querySelector('main .body')?.textContent ?? '',
      title: document.title,
      h1: document.querySelector('main h1')?.textContent ?? '',
    }));
    const titleWords = new Set([...words(title), ...words(h1)]);
    const candidates = [...new Set(words(body))]
      .filter((w) => w.length >= 6 && !titleWords.has(w) && ![...titleWords].some((t) => t.startsWith(w.slice(0, 5))));
    for (const w of candidates) {
      const c = { href, word: w, pages: df(w), h1: norm(h1) };
      if (!best || c.pages < best.pages || (c.pages === best.pages && w.length > best.word.length)) best = c;
    }
    if (best && best.pages === 1) break;
  }
  if (!best) fail('no story has a word of 6+ letters in its body that is not in its title');
  return best;
}

async function testSearch(context) {
  const { page } = await openPage(context);
  try {
    const target = await pickSearchTarget(page);
    const info = `searching for "${target.word}" (in the body of ${rel(target.href)} "${target.h1}", on ${target.pages} page(s) of the site)`;
    await gotoPath(page, 'index.html');
    const input = page.locator('#search-input');
    try {
      await input.waitFor({ state: 'attached', timeout: 3000 });
    } catch {
      fail('no #search-input on the home page (search is not implemented yet?)', [info]);
    }
    const inForm = await input.evaluate((el) => !!el.closest('header form[role=search]'));
    if (!inForm) fail('#search-input is not inside a form[role=search] in the header', [info]);
    try {
      await input.waitFor({ state: 'visible', timeout: 3000 });
    } catch {
      fail('#search-input stays hidden (the search form is not revealed by JS)', [info]);
    }
    await input.focus();
    await input.pressSequentially(target.word, { delay: 20 });
    try {
      await page.locator('#search-results a').first().waitFor({ state: 'attached', timeout: 5000 });
    } catch {
      fail(`no #search-results a appeared after typing "${target.word}"`, [info]);
    }
    const wanted = new URL(target.href).pathname;
    let hrefs = [];
    const until = Date.now() + 3000;
    do {
      hrefs = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.href));
      if (hrefs.some((h) => new URL(h).pathname === wanted)) return;
      await page.waitForTimeout(100);
    } while (Date.now() < until);
    fail(`no search result links to ${rel(target.href)}`, [info, `results: ${hrefs.map(rel).join(', ') || '(none)'}`]);
  } finally {
    await page.close();
  }
}

async function testMap(context) {
  const { page } = await openPage(context);
  try {
    await gotoPath(page, 'engagement.html');
    const points = page.locator('svg.pi-map a.point');
    const n = await points.count();
    if (n === 0) fail('engagement.html has no svg.pi-map a.point');
    const problems = [];
    for (let i = 0; i < n; i++) {
      if (i > 0) await gotoPath(page, 'engagement.html');
      const point = points.nth(i);
      // The full name starts the point's title (the accessible name starts
      // with the visible label, which may be cut short).
      const name = norm(await point.locator('title').first().textContent().catch(() => '')).split(': power ')[0];
      const href = await point.evaluate((a) => new URL(a.getAttribute('href') ?? a.getAttribute('xlink:href'), document.baseURI).href);
      const circle = point.locator('circle');
      try {
        await ((await circle.count()) ? circle.first() : point).click({ timeout: 3000 });
        await page.waitForURL(href, { timeout: 5000, waitUntil: 'load' });
      } catch (e) {
        const intercept = e.message.split('\n').map(norm).find((l) => l.includes('intercepts pointer events'));
        problems.push(`point "${name}": clicking its dot did not load ${rel(href)} (still on ${rel(page.url())})` +
          (intercept ? `: ${intercept.replace(/^- /, '')}` : `: ${norm(e.message).slice(0, 200)}`));
        continue;
      }
      const where = rel(page.url());
      if (!/^stakeholders\/[^/]+\.html$/.test(where)) problems.push(`point "${name}" led to ${where}, not stakeholders/*.html`);
      const head = await h1Text(page);
      if (head !== name) problems.push(`point "${name}" led to ${where} whose h1 is ${JSON.stringify(head)}`);
    }
    if (problems.length) fail(`${problems.length} of ${n} points`, problems);
  } finally {
    await page.close();
  }
}

async function testSkipLink(context) {
  const { page } = await openPage(context);
  try {
    await gotoPath(page, 'index.html');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      return {
        tag: el.tagName.toLowerCase(), cls: el.className, text: el.textContent.replace(/\s+/g, ' ').trim(),
        href: el.getAttribute('href'),
        visible: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
      };
    });
    if (first.tag !== 'a' || first.text !== 'Skip to content') {
      fail(`first Tab focuses <${first.tag} class="${first.cls}"> "${first.text.slice(0, 60)}", not the "Skip to content" link`);
    }
    if (!first.visible) fail('the focused "Skip to content" link is not visible on screen');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(100);
    const after = await page.evaluate(() => {
      const el = document.activeElement;
      const main = document.querySelector('main');
      return {
        desc: el === document.body ? 'body' : `<${el.tagName.toLowerCase()}${el.id ? ' id=' + el.id : ''}>`,
        inMain: !!main && (el === main || main.contains(el)),
        hash: location.hash,
        mainTabindex: main?.getAttribute('tabindex'),
      };
    });
    if (!after.inMain) {
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => {
        const el = document.activeElement;
        return `<${el.tagName.toLowerCase()}> "${el.textContent.replace(/\s+/g, ' ').trim().slice(0, 50)}"`;
      });
      fail(`after Enter on the skip link, focus is on ${after.desc}, not main`, [
        `location.hash is "${after.hash}"; main has tabindex=${after.mainTabindex ?? '(none)'}` +
          ' (a non-focusable target only moves the sequential-navigation start point; tabindex="-1" on main lets it take focus)',
        `the next Tab focuses ${next}`,
      ]);
    }
  } finally {
    await page.close();
  }
}

// Elements that stick out of the viewport horizontally and are not clipped
// by a scrolling/clipping ancestor (e.g. .table-wrap).
function overflowReport() {
  const vw = window.innerWidth;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    const cls = typeof el.className === 'string' ? el.className : el.className?.baseVal;
    if (cls) s += '.' + cls.trim().split(/\s+/).join('.');
    return s;
  };
  const pathOf = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 6; e = e.parentElement) parts.unshift(describe(e));
    return parts.join(' > ');
  };
  // Is el clipped by an ancestor that scrolls or hides overflow (e.g.
  // .table-wrap)? Only ancestors on its containing-block chain clip it: a
  // position:absolute element escapes every overflow box up to its nearest
  // positioned ancestor, a fixed one escapes all of them.
  const makesCB = (cs, pos) => {
    const other = cs.transform !== 'none' || cs.filter !== 'none' || cs.perspective !== 'none' ||
      /paint|layout|strict|content/.test(cs.contain) || /transform|filter|perspective/.test(cs.willChange);
    if (pos === 'fixed') return other;
    if (pos === 'absolute') return cs.position !== 'static' || other;
    return true;
  };
  const clipped = (el) => {
    let pos = getComputedStyle(el).position;
    for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (!makesCB(cs, pos)) continue;
      if (cs.overflowX !== 'visible') {
        const r = a.getBoundingClientRect();
        if (r.right <= vw + 0.5) return true;
      }
      pos = cs.position;
    }
    return false;
  };
  const sticks = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    return r.right > vw + 0.5; // left < 0 never scrolls (skip links park there)
  };
  const all = [...document.body.querySelectorAll('*')].filter((el) => sticks(el) && !clipped(el));
  const set = new Set(all);
  // Group alike elements (same path) so a table of 100 cells is one line.
  const group = (els) => {
    const groups = new Map();
    for (const el of els) {
      const r = el.getBoundingClientRect();
      const key = pathOf(el);
      const g = groups.get(key) ?? { key, n: 0, right: 0, width: 0, text: '', pos: getComputedStyle(el).position };
      g.n++;
      if (r.right > g.right) g.right = r.right;
      if (r.width > g.width) g.width = r.width;
      if (!g.text) g.text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
      groups.set(key, g);
    }
    return [...groups.values()].slice(0, 8).map((g) =>
      `${g.n > 1 ? g.n + 'x ' : ''}${g.key} [position ${g.pos}, right edge up to ${Math.round(g.right)}px, width ${Math.round(g.width)}px]${g.text ? ` "${g.text}"` : ''}`);
  };
  // outermost: parent does not stick out; innermost: no child sticks out.
  const outer = all.filter((el) => !set.has(el.parentElement));
  const inner = all.filter((el) => !outer.includes(el) && ![...el.children].some((c) => set.has(c)));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: vw,
    count: all.length,
    outer: group(outer),
    inner: group(inner),
  };
}

function formatAxe(v) {
  const lines = [`${v.id} (${v.impact}): ${v.help} [${v.nodes.length} element(s)] ${v.helpUrl}`];
  for (const node of v.nodes.slice(0, 5)) {
    let extra = '';
    const d = node.any?.find((c) => c.data && c.data.contrastRatio !== undefined)?.data;
    if (d) extra = ` (contrast ${d.contrastRatio}:1, ${d.fgColor} on ${d.bgColor}, needs ${d.expectedContrastRatio})`;
    else {
      const msg = [...(node.any ?? []), ...(node.all ?? []), ...(node.none ?? [])].map((c) => c.message).filter(Boolean)[0];
      if (msg) extra = ` (${norm(msg).slice(0, 140)})`;
    }
    lines.push(`  ${node.target.join(' ')}${extra}`);
  }
  if (v.nodes.length > 5) lines.push(`  ... and ${v.nodes.length - 5} more`);
  return lines;
}

async function checkPage(context, kind, p) {
  const label = `${p} (${kind})`;
  if (!p) {
    console.log(`# ${NAME}: no ${kind} page in this site`);
    return;
  }
  const { page, log } = await openPage(context, MOBILE);
  try {
    let loadError = null;
    let resp = null;
    try {
      resp = await gotoPath(page, p);
    } catch (e) {
      loadError = e;
    }

    await test(`no horizontal scroll at 390px: ${label}`, async () => {
      if (loadError) fail(`could not load: ${norm(loadError.message)}`);
      const r = await page.evaluate(overflowReport);
      if (r.scrollWidth > r.innerWidth) {
        fail(`scrollWidth ${r.scrollWidth} > innerWidth ${r.innerWidth}`, [
          `${r.count} element(s) stick out of the viewport; outermost:`,
          ...r.outer.map((s) => `  ${s}`),
          ...(r.inner.length ? ['innermost:', ...r.inner.map((s) => `  ${s}`)] : []),
        ]);
      }
    });

    // Color-scheme switches and axe need the page; run them before judging the log.
    const axeResults = {};
    if (!loadError) {
      await page.setViewportSize(DESKTOP);
      for (const scheme of ['light', 'dark']) {
        try {
          await page.emulateMedia({ colorScheme: scheme });
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: AXE_SOURCE });
          axeResults[scheme] = await page.evaluate(async () => {
            const r = await window.axe.run(document, { resultTypes: ['violations'], preload: false });
            return r.violations.map((v) => ({
              id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
              nodes: v.nodes.map((n) => ({ target: n.target.map(String), any: n.any, all: n.all, none: n.none })),
            }));
          });
        } catch (e) {
          axeResults[scheme] = e;
        }
      }
    }

    await test(`tables at 1280px break no word: ${label}`, async () => {
      if (loadError) fail(`could not load: ${norm(loadError.message)}`);
      const broken = await page.evaluate(brokenWords);
      if (broken.length) fail(`${broken.length} word(s) broken inside a table cell`, broken);
    });

    await test(`no console errors or failed requests: ${label}`, async () => {
      if (loadError) fail(`could not load: ${norm(loadError.message)}`);
      const problems = [
        ...(resp && resp.status() >= 400 ? [`page itself: HTTP ${resp.status()}`] : []),
        ...log.console.filter((m) => !isLoadNoise(m, log)).map((m) => `console error: ${m}`),
        ...log.pageErrors.map((m) => `uncaught: ${m}`),
        ...log.failedRequests.map((m) => `failed request: ${m}`),
        ...log.external.map((m) => `request to another host: ${m}`),
      ];
      if (problems.length) fail(problems[0], problems.slice(1));
    });

    for (const scheme of ['light', 'dark']) {
      await test(`axe ${scheme}: ${label}`, async () => {
        if (loadError) fail(`could not load: ${norm(loadError.message)}`);
        const res = axeResults[scheme];
        if (res instanceof Error) fail(`axe did not run: ${norm(res.message)}`);
        const bad = res.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        if (bad.length) {
          fail(`${bad.length} serious/critical violation(s): ${bad.map((v) => v.id).join(', ')}`, bad.flatMap(formatAxe));
        }
      });
    }
  } finally {
    await page.close();
  }
}

// Words of table cells that the layout broke across lines. Words are what
// sits between spaces, hyphens and slashes; Han, kana and Hangul text breaks
// between characters by design and is left out.
function brokenWords() {
  const out = [];
  for (const cell of document.querySelectorAll('main table th, main table td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\s\-\u2010-\u2015/]+/g)) {
        if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(m[0])) continue;
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) {
          const head = cell.closest('table')?.querySelector('caption, thead th')?.textContent.trim() ?? '';
          out.push(`<${cell.tagName.toLowerCase()}> "${m[0]}" on ${lines.size} lines (table "${head.slice(0, 30)}", cell width ${Math.round(cell.getBoundingClientRect().width)}px)`);
        }
      }
    }
  }
  return out;
}

// The reader questions of the outcome and engagement views, each answered
// by clicking at most two links from the home page. Each journey returns
// what it found, for the log.
const JOURNEYS = [
  ['are we getting closer to goal X?', async (page) => {
    const card = page.locator('main .goal-card').filter({ has: page.locator('.progress.outcome') }).first();
    if ((await card.count()) === 0) fail('no goal card on the home page shows an outcome');
    await follow(page, card.locator('h3 a'), 'a measured goal card');
    if ((await page.locator('main svg.outcome-chart').count()) !== 1) fail(`${rel(page.url())} has no outcome chart`);
    if ((await page.locator('main table.readings tbody tr').count()) === 0) fail(`${rel(page.url())} has no readings table`);
    return `${rel(page.url())}: ${norm(await page.locator('main .outcome-state').first().textContent())}`;
  }],
  ['what is coming next for goal X?', async (page) => {
    await follow(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roadmap', exact: true }), 'Roadmap');
    const heads = await page.locator('main table.roadmap thead th').allTextContents();
    const next = heads.map(norm).indexOf('Next');
    if (next < 1) fail(`the roadmap has no "Next" column: ${heads.join(' | ')}`);
    const rows = await page.locator('main table.roadmap tbody tr').evaluateAll((trs, i) => trs.map((tr) => ({
      goal: tr.querySelector('th a')?.textContent.trim(),
      next: tr.children[i]?.querySelectorAll('.roadmap-card a').length ?? 0,
    })), next);
    if (!rows.some((r) => r.next > 0)) fail('no goal has anything in "Next"');
    return `${rows.filter((r) => r.next > 0).length} of ${rows.length} goals have work next`;
  }],
  ['what is blocked and by what?', async (page) => {
    await follow(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roadmap', exact: true }), 'Roadmap');
    const blocked = await page.locator('main .blocked-list li').allTextContents();
    if (blocked.length === 0) fail('the roadmap lists no blocked work');
    if (!blocked.every((b) => b.includes('waits for'))) fail(`blocked work without what it waits for: ${blocked.join('; ')}`);
    return norm(blocked[0]);
  }],
  ['what are we betting on that we have not tested?', async (page) => {
    await follow(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assumptions', exact: true }), 'Assumptions');
    const bets = page.locator('section[aria-labelledby="bets-title"] li a');
    if ((await bets.count()) === 0) fail('the assumptions page names no untested bet');
    if ((await page.locator('main svg.assumption-map a').count()) === 0) fail('the assumption map has no points');
    return norm(await bets.first().textContent());
  }],
  ['when did we last talk to X and what about?', async (page) => {
    await follow(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stakeholders', exact: true }), 'Stakeholders');
    // The first person whose page shows a conversation.
    const hrefs = await page.locator('main a[href*="stakeholders/"]').evaluateAll((as) => [...new Set(as.map((a) => a.href))]);
    for (const href of hrefs) {
      await page.goto(href, { waitUntil: 'load' });
      if ((await page.locator('main .conversation-list a').count()) > 0) break;
    }
    const url = page.url();
    await gotoPath(page, 'stakeholders/index.html');
    await follow(page, await linkTo(page, url), 'a stakeholder with conversations');
    const last = page.locator('main dt', { hasText: 'Last contact' });
    if ((await last.count()) === 0) fail(`${rel(page.url())} has no "Last contact"`);
    const talk = page.locator('main .conversation-list a');
    if ((await talk.count()) === 0) fail(`${rel(page.url())} lists no conversation`);
    return `${rel(page.url())}: last contact ${norm(await last.locator('xpath=following-sibling::dd[1]').textContent())}, "${norm(await talk.first().textContent())}"`;
  }],
  ['was Y really consulted on decision Z?', async (page) => {
    await follow(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decisions', exact: true }), 'Decisions');
    const hrefs = await page.locator('main a[href*="tradeoffs/"]').evaluateAll((as) => [...new Set(as.map((a) => a.href))]);
    let found = null;
    for (const href of hrefs) {
      await page.goto(href, { waitUntil: 'load' });
      if ((await page.locator('main .on-record, main .not-on-record').count()) > 0) { found = href; break; }
    }
    if (!found) fail('no decision page says whether its consulted people are on record');
    await gotoPath(page, 'tradeoffs/index.html');
    await follow(page, await linkTo(page, found), 'a decision with consulted people');
    const people = await page.locator('main ul.people li').evaluateAll((lis) => lis
      .filter((li) => li.querySelector('.on-record, .not-on-record'))
      .map((li) => `${li.querySelector('a').textContent.trim()}: ${li.querySelector('.on-record') ? 'on record' : 'not on record'}`));
    if (people.length === 0) fail(`${rel(page.url())}: no consulted person with a record`);
    return `${rel(page.url())}: ${people.join(', ')}`;
  }],
];

// The first link in main that leads to `url`.
async function linkTo(page, url) {
  const links = page.locator('main a[href]');
  const i = await links.evaluateAll((as, u) => as.findIndex((a) => a.href === u), url);
  if (i < 0) fail(`${rel(page.url())} has no link to ${rel(url)}`);
  return links.nth(i);
}

async function testJourneys(context) {
  const { page } = await openPage(context);
  const problems = [];
  try {
    for (const [question, walk] of JOURNEYS) {
      await gotoPath(page, 'index.html');
      // Each walk clicks at most two links (`follow`); it may look at
      // pages first to choose which link a reader would click.
      try {
        const found = await walk(page);
        console.log(`# ${NAME}: "${question}" -> ${found}`);
      } catch (e) {
        problems.push(`"${question}": ${norm(e.message)}`);
      }
    }
  } finally {
    await page.close();
  }
  if (problems.length) fail(`${problems.length} of ${JOURNEYS.length} questions not answered within two clicks`, problems);
}

// What a reader of the printed page needs, measured in the page with print
// media emulated, at the width of A4 paper inside Chromium's default
// margins, with the reader's system set to dark: returns the problems.
function printReport() {
  const problems = [];
  const vw = window.innerWidth;
  if (document.documentElement.scrollWidth > vw) {
    const wide = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > vw + 0.5 && !el.closest('pre'))
      .slice(0, 4)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> right edge ${Math.round(el.getBoundingClientRect().right)}px`);
    problems.push(`wider than the paper: scrollWidth ${document.documentElement.scrollWidth} > ${vw}`, ...wide.map((w) => `  ${w}`));
  }
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible';
  // A scrolling box cannot scroll on paper: what it hides is lost.
  for (const el of document.querySelectorAll('main *')) {
    const cs = getComputedStyle(el);
    if (cs.overflowX === 'visible' || el.closest('pre, .visually-hidden')) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      problems.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> cuts off ${el.scrollWidth - el.clientWidth}px of its content on paper`);
    }
  }
  // The theme's own print rules say which chrome paper does without.
  const hiddenByTheme = [];
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSMediaRule) || !/\bprint\b/.test(rule.media.mediaText)) continue;
      for (const inner of rule.cssRules) {
        if (inner.style?.display === 'none') hiddenByTheme.push(inner.selectorText);
      }
    }
  }
  if (hiddenByTheme.length === 0) problems.push('the theme has no print rule that hides anything');
  for (const selector of hiddenByTheme) {
    for (const el of document.querySelectorAll(selector)) {
      if (shown(el)) problems.push(`"${selector}" is hidden by the theme's print rules but prints`);
    }
  }
  for (const [what, selector] of [['the main navigation', 'header nav'], ['the search form', 'form[role=search]']]) {
    const el = document.querySelector(selector);
    if (el && shown(el)) problems.push(`${what} (${selector}) prints`);
  }
  // Charts and maps print, and so does every table in main (the data of
  // a chart or a map is its table beside it).
  for (const el of document.querySelectorAll('main svg, main table')) {
    const r = el.getBoundingClientRect();
    if (!shown(el) || r.width < 20 || r.height < 10) {
      problems.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> does not print (${Math.round(r.width)}x${Math.round(r.height)}px)`);
    }
  }
  // Text is dark on light paper: a dark theme must not reach the printer.
  const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const pageBg = background(document.body);
  if (lum(pageBg) < 0.8) problems.push(`the page background prints as rgb(${pageBg.join(', ')}), not white`);
  const faint = new Map();
  for (const el of document.body.querySelectorAll('*')) {
    if (!shown(el) || el.closest('svg')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
    if (!own) continue;
    const fg = lum(rgb(getComputedStyle(el).color));
    const bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) {
      const key = `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> ${getComputedStyle(el).color} on rgb(${background(el).join(', ')}): ${ratio.toFixed(1)}:1`;
      faint.set(key, (faint.get(key) ?? 0) + 1);
    }
  }
  if (faint.size) problems.push(`${faint.size} kind(s) of text print too faint to read`, ...[...faint].slice(0, 8).map(([k, n]) => `  ${n}x ${k}`));
  return problems;
}

// A4 is 210 mm, 794 CSS px; Chromium's default margins leave about 718 px.
const A4 = { width: 718, height: 1040 };

async function testPrint(context, p) {
  const { page } = await openPage(context, A4);
  try {
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    await gotoPath(page, p);
    const problems = await page.evaluate(printReport);
    if (problems.length) fail(problems[0], problems.slice(1));
  } finally {
    await page.close();
  }
}

// Every decision page has the widest numbers (CD3) in the narrowest columns.
async function testDecisionTables(context) {
  const { page } = await openPage(context);
  const problems = [];
  try {
    const dir = path.join(SITE, 'tradeoffs');
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.html') && f !== 'index.html').sort()) {
      await gotoPath(page, `tradeoffs/${f}`);
      for (const b of await page.evaluate(brokenWords)) problems.push(`tradeoffs/${f}: ${b}`);
    }
  } finally {
    await page.close();
  }
  if (problems.length) fail(`${problems.length} word(s) broken inside a table cell`, problems);
}

// Opens `p` and reports console errors and failed requests.
async function testLoads(context, p) {
  const { page, log } = await openPage(context);
  try {
    const resp = await gotoPath(page, p);
    const problems = [
      ...(resp && resp.status() >= 400 ? [`page itself: HTTP ${resp.status()}`] : []),
      ...log.console.filter((m) => !isLoadNoise(m, log)).map((m) => `console error: ${m}`),
      ...log.pageErrors.map((m) => `uncaught: ${m}`),
      ...log.failedRequests.map((m) => `failed request: ${m}`),
      ...log.external.map((m) => `request to another host: ${m}`),
    ];
    if (problems.length) fail(problems[0], problems.slice(1));
  } finally {
    await page.close();
  }
}

// A reader who mistypes an address two folders deep under the sub-path gets
// 404.html; its links must lead into the portal, not to the server's root.
async function test404(context, facts) {
  const { page } = await openPage(context);
  try {
    const resp = await gotoPath(page, 'backlog/no/such/page.html');
    if (resp.status() !== 404) fail(`the server answered ${resp.status()}, not 404`);
    const links = page.locator('body a[href]:not(.skip-link)');
    const want = facts.baseUrl ?? BASE;
    let hrefs = [];
    const until = Date.now() + 3000;
    do {
      hrefs = await links.evaluateAll((as) => as.map((a) => a.href));
      if (hrefs.length && hrefs.every((h) => h.startsWith(want))) break;
      await page.waitForTimeout(50);
    } while (Date.now() < until);
    const outside = hrefs.filter((h) => !h.startsWith(want));
    if (hrefs.length === 0) fail('404.html has no links');
    if (outside.length) fail(`${outside.length} link(s) of 404.html lead outside ${want}`, outside);
    if (facts.baseUrl) return; // the real site: not served here
    await follow(page, page.locator('main a').first(), 'the home link of 404.html');
    if (page.url() !== `${BASE}index.html`) fail(`the home link led to ${page.url()}`);
  } finally {
    await page.close();
  }
}

// The views that are not documents: a reader searches for them by name.
const VIEW_SEARCHES = [
  ['priorities', 'moscow.html'],
  ['MoSCoW', 'moscow.html'],
  ['board', 'board.html'],
  ['engagement', 'engagement.html'],
  ['traceability', 'traceability.html'],
  ['stakeholders', 'stakeholders/index.html'],
  ['decisions', 'tradeoffs/index.html'],
  ['conversations', 'conversations/index.html'],
  ['roadmap', 'roadmap.html'],
  ['assumptions', 'assumptions/index.html'],
];

async function testSearchViews(context) {
  const { page } = await openPage(context);
  const problems = [];
  try {
    for (const [word, want] of VIEW_SEARCHES) {
      if (!fs.existsSync(path.join(SITE, want))) continue;
      await gotoPath(page, 'index.html');
      const input = page.locator('#search-input');
      await input.waitFor({ state: 'visible', timeout: 3000 });
      await input.fill(word);
      let hrefs = [];
      const until = Date.now() + 3000;
      do {
        hrefs = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.href));
        if (hrefs.some((h) => h === BASE + want)) break;
        await page.waitForTimeout(50);
      } while (Date.now() < until);
      if (!hrefs.includes(BASE + want)) {
        problems.push(`"${word}" does not find ${want}; results: ${hrefs.map(rel).join(', ') || '(none)'}`);
      }
    }
  } finally {
    await page.close();
  }
  if (problems.length) fail(`${problems.length} of ${VIEW_SEARCHES.length} searches miss their view`, problems);
}

// Each point's visible label is the start of its accessible name; a label
// cut short still shows the full name on hover (SVG <title>) and in the
// table beside the map.
async function testMapLabels(context) {
  const { page } = await openPage(context);
  try {
    await gotoPath(page, 'engagement.html');
    const points = await page.locator('svg.pi-map a.point').evaluateAll((as) => as.map((a) => ({
      label: a.querySelector('text')?.textContent.trim() ?? '',
      name: a.getAttribute('aria-label') ?? '',
      title: a.querySelector('title')?.textContent.trim() ?? '',
      href: a.getAttribute('href'),
    })));
    const table = await page.locator('table.map-table tbody th a').evaluateAll((as) =>
      as.map((a) => ({ text: a.textContent.trim(), href: a.getAttribute('href') })));
    if (points.length === 0) fail('engagement.html has no svg.pi-map a.point');
    const problems = [];
    for (const pt of points) {
      const full = pt.title.split(': power ')[0];
      if (!pt.name.startsWith(pt.label)) problems.push(`"${pt.label}": accessible name "${pt.name}" does not start with the visible label`);
      if (!full.startsWith(pt.label)) problems.push(`"${pt.label}": the title "${pt.title}" does not start with the full name`);
      if (!pt.name.includes(full)) problems.push(`"${pt.label}": accessible name "${pt.name}" lacks the full name "${full}"`);
      const row = table.find((r) => r.href === pt.href);
      if (!row) problems.push(`"${pt.label}": no row in the table beside the map`);
      else if (row.text !== full) problems.push(`"${pt.label}": the table says "${row.text}", not the full name "${full}"`);
    }
    if (problems.length) fail(`${problems.length} problem(s) with ${points.length} points`, problems);
    console.log(`# ${NAME}: ${points.filter((p) => p.label !== p.title.split(': power ')[0]).length} of ${points.length} map labels shortened`);
  } finally {
    await page.close();
  }
}

async function testServer() {
  // The harness itself: folders serve index.html, a missing page gets 404.html with 404.
  const get = (p) => new Promise((resolve, reject) => {
    http.get(BASE + p, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }));
    }).on('error', reject);
  });
  const dir = await get('vision/');
  if (dir.status !== 200 || !dir.type.startsWith('text/html')) fail(`GET vision/ -> ${dir.status} ${dir.type}`);
  const css = await get('style.css');
  if (css.status !== 200 || !css.type.startsWith('text/css')) fail(`GET style.css -> ${css.status} ${css.type}`);
  const missing = await get('no/such/page.html');
  const notFound = fs.readFileSync(path.join(SITE, '404.html'), 'utf8');
  if (missing.status !== 404 || missing.body !== notFound) fail(`GET no/such/page.html -> ${missing.status}, not 404.html with 404`);
}

// ---------------------------------------------------------------- main

async function checkSite(context, light) {
  const root = `${ORIGIN}/`;
  BASE = root;
  const facts = siteChecks.readSite(SITE);
  console.log(`# ${NAME}: ${facts.pages.size} pages, served at ${BASE} and ${ORIGIN}${MOUNT}`);
  await test('static server: folders, content types, 404 page', testServer);
  for (const mount of ['/', MOUNT]) {
    await test(`links and fragments: every href and src resolves, served at ${mount}`, () => {
      const { problems, count } = siteChecks.links(facts, mount);
      console.log(`# ${NAME}: ${count} links on ${facts.pages.size} pages at ${mount}, ${problems.length} broken`);
      if (problems.length) fail(`${problems.length} broken link(s)`, problems);
    });
  }
  await test('heading levels: no page skips one', () => {
    const problems = siteChecks.headings(facts);
    if (problems.length) fail(`${problems.length} page(s) skip a heading level`, problems);
  });
  if (light) {
    BASE = `${ORIGIN}${MOUNT}`;
    await test(`under ${MOUNT}: 404.html at any depth leads home`, () => test404(context, facts));
    BASE = root;
    return;
  }
  await test('navigation: home -> Backlog -> first story -> trail up to the vision', () => testStoryTrail(context));
  await test('search: a word from a story body finds that story', () => testSearch(context));
  await test('search: every view a reader can reach is found by its name', () => testSearchViews(context));
  await test('power/interest map: each point opens its stakeholder page', () => testMap(context));
  await test('power/interest map: a shortened label keeps the full name on hover and in the table', () => testMapLabels(context));
  await test('reader questions: each answered within two clicks of the home page', () => testJourneys(context));
  await test('keyboard: first Tab focuses "Skip to content", Enter moves focus to main', () => testSkipLink(context));
  for (const { kind, path: p } of pageKinds()) await checkPage(context, kind, p);
  await test('tables at 1280px break no word: every decision page (CD3 ranks)', () => testDecisionTables(context));
  for (const { kind, path: p } of pageKinds()) {
    if (p) await test(`print on A4, reader set to dark: ${p} (${kind})`, () => testPrint(context, p));
  }
  BASE = `${ORIGIN}${MOUNT}`;
  for (const { kind, path: p } of pageKinds()) {
    if (p) await test(`under ${MOUNT}: no console errors or failed requests: ${p} (${kind})`, () => testLoads(context, p));
  }
  await test(`under ${MOUNT}: 404.html at any depth leads home`, () => test404(context, facts));
  BASE = root;
}

async function main() {
  const server = await startServer();
  ORIGIN = `http://127.0.0.1:${server.address().port}`;
  const userDataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'cairn-chromium-'));
  let context;
  const watchdog = setTimeout(() => {
    console.log(`not ok - whole run: still running after ${(GLOBAL_TIMEOUT_MS * SITES.length) / 1000}s, aborted`);
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  }, GLOBAL_TIMEOUT_MS * SITES.length);
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: DESKTOP,
      serviceWorkers: 'block',
    });
    for (const { dir, light } of SITES) {
      SITE = dir;
      NAME = path.basename(dir);
      await checkSite(context, light);
    }
    NAME = '';
    await test('no request to any host other than 127.0.0.1 (whole run)', () => {
      const uniq = [...new Set(externalRequests)];
      if (uniq.length) fail(`${uniq.length} request(s) to other hosts (blocked)`, uniq);
    });
  } catch (e) {
    await test('test run', () => { throw e; });
  } finally {
    clearTimeout(watchdog);
    if (context) await context.close().catch(() => {});
    server.close();
    await fsp.rm(userDataDir, { recursive: true, force: true }).catch(() => {});
  }
  console.log(`# ${((Date.now() - T0) / 1000).toFixed(1)}s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
