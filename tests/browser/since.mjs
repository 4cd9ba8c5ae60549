// Browser check of "since your last visit" (themes/default/static/changes.js):
// a first visit marks nothing and remembers the day; a visit after an
// earlier one marks exactly the entries changed since, on the changes page,
// the home page and the board, for the whole visit; without JavaScript
// nothing is marked and every entry is there.
//
//   node tests/browser/since.mjs SITE_DIR LAST_VISIT
//
// SITE_DIR is a built portal with history; LAST_VISIT a YYYY-MM-DD between
// its changes. Prints `N passed, M failed`.
import { createRequire } from 'node:module';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const [site, lastVisit] = process.argv.slice(2);
if (!site || !lastVisit) {
  console.error('usage: node since.mjs SITE_DIR LAST_VISIT');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}: ${detail}`);
  }
}
const url = (page) => pathToFileURL(path.join(site, page)).href;
// Entries (marked or not) and those changed after `since`.
const count = (page, since) =>
  page.evaluate((since) => {
    const all = [...document.querySelectorAll('[data-changed]')];
    return {
      entries: all.length,
      after: all.filter((e) => e.getAttribute('data-changed') > since).length,
      marked: document.querySelectorAll('[data-changed] .since-badge').length,
    };
  }, since);

const userDataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'cairn-since-'));
const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args });
try {
  const page = await context.newPage();
  await page.goto(url('changes.html'));
  const first = await count(page, lastVisit);
  check('a first visit marks nothing', first.entries > 0 && first.marked === 0, JSON.stringify(first));
  const stored = await page.evaluate(() => localStorage.getItem('cairn-last-visit'));
  check('a visit is remembered as a day, in this browser', /^\d{4}-\d{2}-\d{2}$/.test(stored || ''), stored);

  // A later visit, after one on LAST_VISIT.
  await page.evaluate((day) => {
    localStorage.setItem('cairn-last-visit', day);
    sessionStorage.clear();
  }, lastVisit);
  for (const name of ['changes.html', 'index.html', 'board.html', 'changes.html']) {
    await page.goto(url(name));
    const seen = await count(page, lastVisit);
    check(
      `${name}: marks exactly what changed since the last visit`,
      seen.after > 0 && seen.marked === seen.after && seen.marked < seen.entries,
      JSON.stringify(seen),
    );
  }
} finally {
  await context.close();
}

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
try {
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const page = await noScript.newPage();
  await page.goto(url('changes.html'));
  const seen = await count(page, lastVisit);
  check('without JavaScript: every entry, nothing marked', seen.entries > 0 && seen.marked === 0, JSON.stringify(seen));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
