// Browser check of `cairn serve`: an open page reloads itself after an edit,
// keeps its scroll position, and shows the error overlay while a save is
// broken; the overlay can be dismissed from the keyboard and comes back on
// the next failing save.
//
//   node tests/browser/reload.mjs CAIRN_BINARY PORTAL_DIR
//
// PORTAL_DIR is edited: pass a copy. Prints `N passed, M failed`.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const [bin, portal] = process.argv.slice(2);
if (!bin || !portal) {
  console.error('usage: node reload.mjs CAIRN_BINARY PORTAL_DIR');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
let passed = 0;
let failed = 0;
function result(name, error) {
  if (error) {
    failed++;
    console.log(`not ok - ${name}: ${error}`);
  } else {
    passed++;
    console.log(`ok - ${name}`);
  }
}

const server = spawn(bin, ['serve', portal, '--port', '0', '--today', '2026-11-22'], { stdio: ['ignore', 'ignore', 'pipe'] });
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('cairn serve printed no URL')), 20000);
  readline.createInterface({ input: server.stderr }).on('line', (line) => {
    const m = line.match(/http:\/\/\S+/);
    if (m) {
      clearTimeout(timer);
      resolve(m[0]);
    }
  });
});

const userDataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'cairn-reload-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await context.newPage();
  const story = path.join(portal, 'content/backlog/setup-checklist.md');
  // A short window, so the page scrolls.
  await page.setViewportSize({ width: 390, height: 300 });
  await page.goto(`${url}backlog/setup-checklist.html`);
  await page.evaluate(() => window.scrollTo(0, 150));
  // Marks this document: a reload replaces it.
  await page.evaluate(() => { window.cairnOld = true; });
  // Let the event stream connect before editing.
  await page.waitForTimeout(500);

  try {
    fs.writeFileSync(story, fs.readFileSync(story, 'utf8').replace('without help', 'all by myself'));
    await page.waitForFunction(() => !window.cairnOld && document.body.textContent.includes('all by myself'), null, { timeout: 10000 });
    result('an open page reloads itself after an edit');
  } catch (e) {
    result('an open page reloads itself after an edit', e.message.split('\n')[0]);
  }
  try {
    await page.waitForFunction(() => Math.abs(window.scrollY - 150) < 2, null, { timeout: 3000 });
    result('the reload keeps the scroll position');
  } catch (e) {
    result('the reload keeps the scroll position', `scrollY is ${await page.evaluate(() => window.scrollY)}`);
  }
  const good = fs.readFileSync(story, 'utf8');
  try {
    fs.writeFileSync(story, good.replace('level = "story"', 'level = "storey"'));
    await page.waitForSelector('#cairn-overlay', { timeout: 10000 });
    const text = await page.textContent('#cairn-overlay');
    if (!text.includes('setup-checklist.md:3:9') || !text.includes('did you mean `story`?')) throw new Error(`overlay says: ${text}`);
    result('a broken save shows the diagnostics over the page');
  } catch (e) {
    result('a broken save shows the diagnostics over the page', e.message.split('\n')[0]);
  }
  try {
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    if (focused !== 'cairn-overlay-close') throw new Error(`focus is on ${focused}, not the dismiss button`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#cairn-overlay', { state: 'detached', timeout: 3000 });
    result('Escape dismisses the overlay');
  } catch (e) {
    result('Escape dismisses the overlay', e.message.split('\n')[0]);
  }
  try {
    await page.goto(`${url}backlog/setup-checklist.html`);
    await page.waitForTimeout(500);
    if (await page.$('#cairn-overlay')) throw new Error('the overlay came back for the same failed build');
    result('a dismissed overlay stays away for the same failed build');
  } catch (e) {
    result('a dismissed overlay stays away for the same failed build', e.message.split('\n')[0]);
  }
  try {
    fs.writeFileSync(story, good.replace('level = "story"', 'level = "stori"'));
    await page.waitForFunction(() => {
      const box = document.getElementById('cairn-overlay');
      return box && box.textContent.includes('stori');
    }, null, { timeout: 10000 });
    await page.focus('#cairn-overlay-close');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#cairn-overlay', { state: 'detached', timeout: 3000 });
    result('the next failing save brings the overlay back; its button dismisses it');
  } catch (e) {
    result('the next failing save brings the overlay back; its button dismisses it', e.message.split('\n')[0]);
  }
  try {
    await page.evaluate(() => { window.cairnOld = true; });
    fs.writeFileSync(story, good);
    await page.waitForFunction(() => !window.cairnOld && !document.getElementById('cairn-overlay'), null, { timeout: 10000 });
    result('fixing the file removes the overlay and reloads');
  } catch (e) {
    result('fixing the file removes the overlay and reloads', e.message.split('\n')[0]);
  }
} finally {
  await context.close();
  server.kill();
  await fsp.rm(userDataDir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
