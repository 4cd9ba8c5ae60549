// Checks of a built site that need no browser: they read every HTML file.
//
//   links(site, mount)  every href/src inside the site resolves to a file,
//                       every #fragment to an id on the target page, when
//                       the site is served at `mount` ('/' or '/team/portal/');
//                       so does every page the search index, the sitemap
//                       and the feed name
//   headings(site)      no page skips a heading level (h1 -> h3)
//
// Each returns a list of problems ("page: what"), empty when all is well.

import fs from 'node:fs';
import path from 'node:path';

const HOST = 'http://site.test';

function walk(dir, base = dir, out = []) {
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, d.name);
    if (d.isDirectory()) walk(abs, base, out);
    else out.push(path.relative(base, abs).split(path.sep).join('/'));
  }
  return out;
}

const decode = (s) => s
  .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(+n))
  .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
  .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// Markup without scripts, styles and comments (their text is not markup).
const markup = (html) => html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<!--[\s\S]*?-->/g, ' ');

/** The files of a site, and the ids of each HTML page, read once. */
export function readSite(site) {
  const files = new Set(walk(site));
  const pages = new Map();
  for (const f of files) {
    if (!f.endsWith('.html')) continue;
    const html = markup(fs.readFileSync(path.join(site, f), 'utf8'));
    const ids = new Set([...html.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => decode(m[1])));
    pages.set(f, { html, ids });
  }
  const index = pages.get('index.html')?.html ?? '';
  const feed = index.match(/<link rel="alternate"[^>]*href="([^"]*)feed\.xml"/);
  return { site, files, pages, baseUrl: feed ? decode(feed[1]) : null };
}

/** Every link of every page, served under `mount`: a list of problems. */
export function links(facts, mount) {
  const problems = [];
  let count = 0;
  for (const [page, { html }] of facts.pages) {
    // 404.html is served at any depth: its links are absolute (base_url) or
    // found by its script; the browser test checks it under a sub-path.
    if (page === '404.html' && mount !== '/') continue;
    const from = new URL(mount + page, HOST);
    for (const m of html.matchAll(/<[a-z][^>]*?\s(?:href|src|xlink:href)="([^"]*)"/gi)) {
      const raw = decode(m[1]);
      count++;
      let url;
      try {
        url = new URL(raw, from);
      } catch {
        problems.push(`${page}: unparsable link "${raw}"`);
        continue;
      }
      if (facts.baseUrl && url.href.startsWith(facts.baseUrl)) {
        url = new URL(mount + url.href.slice(facts.baseUrl.length), HOST);
      }
      if (url.origin !== HOST) continue; // another site, mailto:, tel:
      if (!url.pathname.startsWith(mount)) {
        problems.push(`${page}: "${raw}" leaves the portal's folder ${mount} (to ${url.pathname})`);
        continue;
      }
      let target = decodeURIComponent(url.pathname.slice(mount.length));
      if (target === '' || target.endsWith('/')) target += 'index.html';
      if (!facts.files.has(target)) {
        problems.push(`${page}: "${raw}" points at ${target}, which is not in the site`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && target.endsWith('.html') && !facts.pages.get(target).ids.has(fragment)) {
        problems.push(`${page}: "${raw}": ${target} has no id "${fragment}"`);
      }
    }
  }
  if (mount === '/') count += listedPages(facts, problems);
  return { problems, count };
}

// Pages named outside HTML: search results (search/docs.js, paths from the
// root) and, with base_url, the sitemap and the feed (absolute addresses).
function listedPages(facts, problems) {
  let count = 0;
  const read = (f) => (facts.files.has(f) ? fs.readFileSync(path.join(facts.site, f), 'utf8') : null);
  const docs = read('search/docs.js');
  if (docs === null) problems.push('search/docs.js: missing');
  else {
    const list = JSON.parse(docs.trim().replace(/^cairnSearch\.docs\(/, '').replace(/\);$/, ''));
    for (const [title, page] of list) {
      count++;
      if (!facts.files.has(page)) problems.push(`search/docs.js: "${title}" leads to ${page}, which is not in the site`);
    }
  }
  for (const file of ['sitemap.xml', 'feed.xml']) {
    const xml = read(file);
    if (xml === null || !facts.baseUrl) continue;
    for (const m of xml.matchAll(/(?:<loc>|href=")([^<"]+)/g)) {
      const url = decode(m[1]);
      if (!url.startsWith(facts.baseUrl)) continue;
      count++;
      let target = decodeURIComponent(url.slice(facts.baseUrl.length).split('#')[0]);
      if (target === '' || target.endsWith('/')) target += 'index.html';
      if (!facts.files.has(target)) problems.push(`${file}: ${url} is not in the site`);
    }
  }
  return count;
}

/** Pages whose headings skip a level, read in document order. */
export function headings(facts) {
  const problems = [];
  for (const [page, { html }] of facts.pages) {
    let previous = 0;
    for (const m of html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/gi)) {
      const level = +m[1];
      if (level > previous + 1) {
        const text = decode(m[2].replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim().slice(0, 50);
        problems.push(`${page}: h${level} "${text}" follows ${previous ? `h${previous}` : 'no heading'}`);
        break;
      }
      previous = level;
    }
  }
  return problems;
}
