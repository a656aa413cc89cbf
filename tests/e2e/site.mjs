// End-to-end checks of a built mdbook-okr site in a real browser.
//
//   node tests/e2e/site.mjs <site dir> <screenshot dir> [--stress <dir>] [--hostile <dir>] [--history <dir>]
//
// <site dir> is the built example book (book/build); --stress is a built
// book whose cards push the layout (long texts, many KRs and items, every
// badge and severity); --hostile is a built book with script payloads in
// every field; --history is a built book with a Git history, whose cards
// carry trend lines and status badges (its screenshots are the guide's). Each site is served from 127.0.0.1 on an ephemeral port.
// Exits 0 when every check passes; otherwise lists every failure and exits 1.
// tests/it/e2e.rs runs this after building the books.

import { createServer } from 'node:http';
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';

const THEMES = ['light', 'rust', 'coal', 'navy', 'ayu'];
const WIDTHS = [1280, 390];
const WCAG_AA = 4.5;
// Every badge variant the cards can show: the test fails if one of them is
// never seen, so a renamed class cannot silently skip its contrast check.
const CARD_BADGES = [
  'okr-badge-committed', 'okr-badge-stretch', 'okr-badge-impact',
  'okr-badge-delivery', 'okr-badge-discovery',
  'okr-severity-error', 'okr-severity-warning', 'okr-severity-info',
];
// The statuses of the history book: on its cards, and (all but on track)
// in its index's progress section.
const STATUS_BADGES = [
  'okr-status-on-track', 'okr-status-at-risk', 'okr-status-off-track', 'okr-status-stale',
  'okr-index-badge-status-at-risk', 'okr-index-badge-status-off-track', 'okr-index-badge-status-stale',
];

const failures = [];
const fail = (where, message) => failures.push(`${where}: ${message}`);
let checks = 0;
const check = (ok, where, message) => {
  checks += 1;
  if (!ok) fail(where, message);
  return ok;
};

function parseArgs(argv) {
  const positional = [];
  const options = {};
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i].startsWith('--')) {
      options[argv[i].slice(2)] = argv[i + 1];
      i += 1;
    } else {
      positional.push(argv[i]);
    }
  }
  if (positional.length !== 2) {
    console.error('usage: node site.mjs <site dir> <screenshot dir> [--stress <dir>] [--hostile <dir>] [--history <dir>]');
    process.exit(2);
  }
  return { site: positional[0], shots: positional[1], ...options };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.ttf': 'font/ttf', '.json': 'application/json', '.txt': 'text/plain',
};

// A static server for one folder, on loopback only.
function serve(root) {
  const base = resolve(root);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => done({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

// A browser context whose pages open in `theme` and record console errors,
// page errors, dialogs, failed requests and any request off loopback
// (which is refused: everything must ship with the site).
async function themedContext(browser, theme, width, log) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addInitScript((name) => {
    try { localStorage.setItem('mdbook-theme', name); } catch { /* opaque origin */ }
  }, theme);
  await context.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === '127.0.0.1') return route.continue();
    log.push(`request off loopback: ${route.request().url()}`);
    return route.abort();
  });
  context.on('page', (page) => watch(page, log));
  return context;
}

function watch(page, log) {
  page.on('console', (message) => {
    if (message.type() === 'error') log.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => log.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    log.push(`dialog (${dialog.type()}): ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('response', (response) => {
    if (response.status() >= 400) log.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    const { hostname } = new URL(request.url());
    // A load cut short by the next navigation is not a missing file.
    if (hostname === '127.0.0.1' && request.failure()?.errorText !== 'net::ERR_ABORTED') {
      log.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
    }
  });
}

async function open(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
}

// ---- checks run inside the page ----

// Contrast of every badge and severity word: text colour against the
// background actually behind it, compositing semi-transparent backgrounds
// and opacity over the ancestors' backgrounds down to the page.
function badgeContrasts() {
  const parse = (text) => {
    const m = text.match(/^rgba?\(([^)]+)\)$/);
    if (!m) return null;
    const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  };
  const over = (top, under) => {
    const a = top.a + under.a * (1 - top.a);
    if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
    const mix = (k) => (top[k] * top.a + under[k] * under.a * (1 - top.a)) / a;
    return { r: mix('r'), g: mix('g'), b: mix('b'), a };
  };
  const luminance = ({ r, g, b }) => {
    const lin = (v) => { const c = v / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const backdrop = (element) => {
    // The colour behind `element`: its ancestors' backgrounds from the
    // page down, each faded by that ancestor's opacity.
    const chain = [];
    for (let e = element.parentElement; e; e = e.parentElement) chain.push(e);
    let colour = { r: 255, g: 255, b: 255, a: 1 };
    for (const e of chain.reverse()) {
      const style = getComputedStyle(e);
      const bg = parse(style.backgroundColor);
      if (bg === null) return { error: `unreadable background ${style.backgroundColor}` };
      colour = over({ ...bg, a: bg.a * Number(style.opacity) }, colour);
    }
    return colour;
  };
  const selectors = '.okr-badge, .okr-severity, .okr-index-badge';
  return [...document.querySelectorAll(selectors)].map((element) => {
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    const label = `${element.className} "${element.textContent.trim()}"`;
    const behind = backdrop(element);
    const fg = parse(style.color);
    const bg = parse(style.backgroundColor);
    if (behind.error || !fg || !bg) {
      return { label, error: behind.error ?? `unreadable colour ${style.color} / ${style.backgroundColor}` };
    }
    // Opacity of the element and its ancestors fades text and background alike.
    let opacity = 1;
    for (let e = element; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    const background = over({ ...bg, a: bg.a * opacity }, behind);
    const text = over({ ...fg, a: fg.a * opacity }, background);
    const [light, dark] = [luminance(text), luminance(background)].sort((a, b) => b - a);
    return {
      label,
      classes: [...element.classList],
      visible: rect.width > 0 && rect.height > 0 && style.visibility === 'visible' && style.display !== 'none',
      hasText: element.textContent.trim().length > 0,
      ratio: (light + 0.05) / (dark + 0.05),
    };
  });
}

function checkboxStates() {
  return [...document.querySelectorAll('.okr-done')].map((done) => {
    const items = [...done.querySelectorAll('li.okr-done-item')].map((li) => {
      const box = li.querySelector('input[type=checkbox]');
      const label = box?.closest('label');
      return {
        text: li.textContent.trim(),
        met: li.classList.contains('okr-met'),
        present: Boolean(box),
        checked: box?.checked ?? null,
        disabled: box?.disabled ?? null,
        named: Boolean(label && label.textContent.trim()),
        background: box ? getComputedStyle(box).backgroundColor : null,
        visible: box ? box.getBoundingClientRect().width > 0 : false,
      };
    });
    return { count: done.querySelector('.okr-done-count')?.textContent.trim() ?? '', items };
  });
}

// Elements that stick out of `main` (left or right), except those inside a
// scroll or clip container that itself sits inside main: such a container
// is measured instead, so a wide table in a scrolling wrapper passes while
// the wrapper must still fit. Cards must not scroll at all.
function overflows() {
  const main = document.querySelector('main');
  if (!main) return ['no <main>'];
  const box = main.getBoundingClientRect();
  const problems = [];
  // Only the outermost element that sticks out is reported.
  const reported = [];
  const clipped = (element) => {
    for (let e = element.parentElement; e && e !== main; e = e.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(e).overflowX)) return true;
    }
    return false;
  };
  for (const element of main.querySelectorAll('*')) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (clipped(element) || reported.some((r) => r.contains(element))) continue;
    if (rect.right > box.right + 1 || rect.left < box.left - 1) {
      reported.push(element);
      const classes = String(element.className?.baseVal ?? element.className ?? '').split(' ')[0];
      const name = element.tagName.toLowerCase() + (classes ? `.${classes}` : '');
      problems.push(`${name} spans ${Math.round(rect.left)}..${Math.round(rect.right)}, main ${Math.round(box.left)}..${Math.round(box.right)}: "${element.textContent.trim().slice(0, 60)}"`);
    }
  }
  for (const card of main.querySelectorAll('.okr-card')) {
    if (card.scrollWidth > card.clientWidth + 1) {
      problems.push(`card ${card.id} scrolls: ${card.scrollWidth} > ${card.clientWidth}`);
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
  }
  return problems;
}

function graphFacts() {
  const svg = document.querySelector('.okr-index svg.okr-graph');
  if (!svg) return null;
  const rect = svg.getBoundingClientRect();
  const child = (name) => [...svg.children].find((c) => c.tagName.toLowerCase() === name);
  return {
    title: child('title')?.textContent.trim() ?? '',
    desc: child('desc')?.textContent.trim() ?? '',
    role: svg.getAttribute('role'),
    labelledby: (svg.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)
      .every((id) => document.getElementById(id)),
    nodes: svg.querySelectorAll('.okr-graph-node').length,
    labels: [...svg.querySelectorAll('.okr-graph-label')].map((t) => t.textContent.trim()).filter(Boolean).length,
    width: rect.width,
    height: rect.height,
  };
}

// Each trend line on the page: drawn (a box of some size, a score line
// with points on screen) and named for a screen reader.
function trendFacts() {
  return [...document.querySelectorAll('svg.okr-trend')].map((svg) => {
    const rect = svg.getBoundingClientRect();
    const line = svg.querySelector('polyline.okr-trend-score');
    const points = line ? line.points.numberOfItems : 0;
    const drawn = line ? line.getBoundingClientRect() : { width: 0, height: 0 };
    const title = [...svg.children].find((c) => c.tagName.toLowerCase() === 'title');
    return {
      width: rect.width,
      height: rect.height,
      points,
      // A flat line has no height, but it still spans the days it covers.
      lineLength: line ? line.getTotalLength() : 0,
      lineBox: drawn.width + drawn.height,
      stroke: line ? getComputedStyle(line).stroke : '',
      role: svg.getAttribute('role'),
      label: (svg.getAttribute('aria-label') ?? '').trim(),
      title: title?.textContent.trim() ?? '',
    };
  });
}

// ---- the checks ----

async function checkBadges(page, where, seen) {
  const badges = await page.evaluate(badgeContrasts);
  check(badges.length > 0, where, 'no badges on the page');
  for (const badge of badges) {
    if (badge.error) { fail(where, `${badge.label}: ${badge.error}`); continue; }
    badge.classes.forEach((c) => seen.add(c));
    check(badge.visible, where, `${badge.label} is not visible`);
    check(badge.hasText, where, `${badge.label} carries no text`);
    check(badge.ratio >= WCAG_AA, where, `${badge.label} contrast ${badge.ratio.toFixed(2)} < ${WCAG_AA}`);
  }
}

async function checkCheckboxes(page, where) {
  const lists = await page.evaluate(checkboxStates);
  let boxes = 0;
  for (const list of lists) {
    const met = list.items.filter((i) => i.met).length;
    check(list.count === `${met}/${list.items.length} done`, where,
      `count "${list.count}" does not match ${met}/${list.items.length} met items`);
    for (const item of list.items) {
      boxes += 1;
      const what = `checkbox "${item.text.slice(0, 50)}"`;
      if (!check(item.present, where, `${what} missing`)) continue;
      check(item.checked === item.met, where, `${what} checked=${item.checked} but met=${item.met}`);
      check(item.disabled === true, where, `${what} is editable`);
      check(item.named, where, `${what} has no label text`);
      check(item.visible, where, `${what} is not drawn`);
    }
    // Checked and unchecked boxes must look different, not only differ in DOM.
    const drawn = new Map(list.items.map((i) => [i.met, i.background]));
    if (drawn.size === 2) {
      check(drawn.get(true) !== drawn.get(false), where, 'checked and unchecked boxes look alike');
    }
  }
  return boxes;
}

async function checkLinks(page, where, ids) {
  // Every card reference on the page lands on an element that exists.
  const hrefs = await page.$$eval('a.okr-ref, .okr-index a[href*="#"]', (links) => links.map((a) => a.href));
  for (const href of new Set(hrefs)) {
    const url = new URL(href);
    const target = url.origin + url.pathname;
    if (!ids.has(target)) {
      const other = await page.context().newPage();
      await open(other, target);
      ids.set(target, new Set(await other.$$eval('[id]', (all) => all.map((e) => e.id))));
      await other.close();
    }
    const id = decodeURIComponent(url.hash.slice(1));
    check(id && ids.get(target).has(id), where, `link ${href} points at no element`);
  }
  return hrefs.length;
}

async function clickAReference(page, where) {
  const links = await page.$$('a.okr-ref');
  if (!check(links.length > 0, where, 'no dependency link to click')) return;
  const link = links[0];
  const href = await link.evaluate((a) => a.href);
  await link.scrollIntoViewIfNeeded();
  await Promise.all([page.waitForURL(href), link.click()]);
  await page.waitForLoadState('load');
  const landed = await page.evaluate(() => {
    const id = decodeURIComponent(location.hash.slice(1));
    const element = id ? document.getElementById(id) : null;
    return {
      hash: location.hash,
      found: Boolean(element),
      card: Boolean(element?.matches('.okr-card, .okr-kr')),
      onScreen: element ? element.getBoundingClientRect().top < window.innerHeight : false,
    };
  });
  check(landed.found, where, `clicking ${href} landed on ${landed.hash}, which is no element`);
  check(landed.card, where, `clicking ${href} landed on ${landed.hash}, which is not a card or KR`);
  check(landed.onScreen, where, `clicking ${href} did not scroll ${landed.hash} into view`);
}

// A keyboard user sees where they are: the first card or index link, once
// focused, draws an outline.
async function checkFocus(page, where) {
  const outline = await page.evaluate(() => {
    const link = document.querySelector('.okr-card a, .okr-index a');
    if (!link) return null;
    link.focus();
    const style = getComputedStyle(link);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  if (outline === null) return;
  check(outline.style !== 'none' && outline.width >= 1, where,
    `a focused link draws no outline (${outline.style} ${outline.width}px)`);
}

async function checkGraph(page, where) {
  const graph = await page.evaluate(graphFacts);
  if (!check(graph !== null, where, 'no dependency graph')) return;
  check(graph.nodes > 0, where, 'the graph has no nodes');
  check(graph.labels === graph.nodes, where, `${graph.nodes} nodes but ${graph.labels} labels`);
  check(graph.title.length > 0, where, 'the graph has no <title>');
  check(graph.desc.length > 0, where, 'the graph has no <desc>');
  check(graph.role === 'img' || graph.role === 'group' || graph.role === null, where, `graph role ${graph.role}`);
  check(graph.labelledby, where, 'aria-labelledby names a missing element');
  check(graph.width > 50 && graph.height > 50, where, `graph drawn at ${graph.width}x${graph.height}`);
}

async function checkTrends(page, where, expected) {
  const trends = await page.evaluate(trendFacts);
  check(trends.length === expected, where, `${trends.length} trend lines, expected ${expected}`);
  trends.forEach((trend, i) => {
    const name = `trend ${i + 1}`;
    check(trend.width > 0 && trend.height > 0, where, `${name} drawn at ${trend.width}x${trend.height}`);
    check(trend.points >= 2, where, `${name} has ${trend.points} points`);
    check(trend.lineLength > 0 && trend.lineBox > 0, where, `${name}: its score line has no length on screen`);
    check(trend.stroke !== 'none' && trend.stroke !== '', where, `${name}: its score line has no stroke`);
    check(trend.role === 'img', where, `${name} role ${trend.role}, expected img`);
    check(trend.label.length > 0 && trend.title === trend.label, where,
      `${name}: aria-label "${trend.label}" and <title> "${trend.title}" should name it alike`);
  });
}

async function checkLayout(page, where) {
  for (const problem of await page.evaluate(overflows)) fail(where, `overflow: ${problem}`);
  checks += 1;
}

async function checkPrint(page, where) {
  await page.emulateMedia({ media: 'print' });
  const splits = await page.$$eval('.okr-card, .okr-metric, .okr-kr', (all) => all
    .filter((e) => !['avoid', 'avoid-page'].includes(getComputedStyle(e).breakInside))
    .map((e) => e.className));
  check(splits.length === 0, where, `print may split ${splits.slice(0, 3).join(', ')}`);
  const exact = await page.$$eval('.okr-bar-fill, .okr-badge', (all) => all
    .filter((e) => getComputedStyle(e).printColorAdjust !== 'exact').length);
  check(exact === 0, where, `${exact} bars or badges would print without their colours`);
}

function pageLog(log, where) {
  for (const entry of log.splice(0)) fail(where, entry);
  checks += 1;
}

const shotName = (...parts) => `${parts.join('-').replace(/[^a-z0-9.-]+/gi, '_')}.png`;

async function example(browser, origin, shots) {
  const teamPages = ['plans/2026-Q2/security.html', 'plans/2026-Q2/observability.html',
    'plans/2026-Q2/platform.html', 'plans/2026-Q2/data.html', 'plans/2026-Q1/security.html'];
  const indexPage = 'plans/index.html';
  const seen = new Set();
  const ids = new Map();
  let boxes = 0;
  for (const theme of THEMES) {
    for (const width of WIDTHS) {
      const log = [];
      const context = await themedContext(browser, theme, width, log);
      const page = await context.newPage();
      for (const path of [...teamPages, indexPage]) {
        const where = `${path} [${theme}, ${width}px]`;
        await open(page, `${origin}/${path}`);
        const applied = await page.evaluate(() => document.documentElement.className);
        check(applied.split(' ').includes(theme), where, `theme not applied: html class "${applied}"`);
        await checkBadges(page, where, seen);
        await checkLayout(page, where);
        if (width === 1280) {
          boxes += await checkCheckboxes(page, where);
          await checkFocus(page, where);
          if (theme === 'light') await checkLinks(page, where, ids);
        }
        if (path === indexPage) await checkGraph(page, where);
        if (path === teamPages[1] || path === indexPage) {
          const name = path === indexPage ? 'index' : 'team';
          await page.screenshot({ path: join(shots, shotName(name, theme, `${width}px`)), fullPage: true });
        }
        pageLog(log, where);
      }
      if (width === 1280) {
        const where = `${teamPages[0]} [${theme}] click`;
        await open(page, `${origin}/${teamPages[0]}`);
        await clickAReference(page, where);
        pageLog(log, where);
      }
      await context.close();
    }
  }
  check(boxes > 0, 'example', 'no checkboxes found');
  const log = [];
  const context = await themedContext(browser, 'light', 1280, log);
  const page = await context.newPage();
  for (const [name, path] of [['team', teamPages[1]], ['index', indexPage]]) {
    const where = `${path} [print]`;
    await open(page, `${origin}/${path}`);
    await checkPrint(page, where);
    await page.screenshot({ path: join(shots, shotName(name, 'print')), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    pageLog(log, where);
  }
  await context.close();
  return seen;
}

async function stress(browser, origin, shots, seen) {
  for (const theme of THEMES) {
    for (const width of WIDTHS) {
      const log = [];
      const context = await themedContext(browser, theme, width, log);
      const page = await context.newPage();
      for (const path of ['stress.html', 'index.html']) {
        const where = `stress/${path} [${theme}, ${width}px]`;
        await open(page, `${origin}/${path}`);
        await checkBadges(page, where, seen);
        await checkLayout(page, where);
        await checkCheckboxes(page, where);
        if (path === 'stress.html' && (theme === 'light' || theme === 'navy')) {
          await page.screenshot({ path: join(shots, shotName('stress', theme, `${width}px`)), fullPage: true });
        }
        pageLog(log, where);
      }
      await context.close();
    }
  }
}

// The book with a history: three KRs on the card page (on track; off
// track and stale; at risk), the index's progress section listing the two
// behind. The guide's pictures are taken here, in light and in coal.
async function history(browser, origin, shots, seen) {
  const cardPage = 'platform-2026.html';
  for (const theme of THEMES) {
    for (const width of WIDTHS) {
      const log = [];
      const context = await themedContext(browser, theme, width, log);
      const page = await context.newPage();
      for (const path of [cardPage, 'index.html']) {
        const where = `history/${path} [${theme}, ${width}px]`;
        await open(page, `${origin}/${path}`);
        await checkBadges(page, where, seen);
        await checkLayout(page, where);
        if (path === cardPage) await checkTrends(page, where, 3);
        const guide = { light: 'light', coal: 'dark' }[theme];
        if (guide && width === 1280) {
          if (path === cardPage) {
            const card = page.locator('.okr-card').first();
            if (check(await card.count() === 1, where, 'no card')) {
              await card.screenshot({ path: join(shots, `history-card-${guide}.png`) });
            }
          } else if (check(await page.locator('h2[id$="-progress"]').count() === 1, where, 'no progress section')) {
            const box = await page.evaluate(() => {
              const heading = document.querySelector('h2[id$="-progress"]');
              const last = document.querySelector('.okr-index-patterns') ?? document.querySelector('.okr-index-progress');
              const top = heading.getBoundingClientRect();
              const bottom = (last ?? heading).getBoundingClientRect();
              const main = document.querySelector('main').getBoundingClientRect();
              return { x: main.left - 12, y: top.top + window.scrollY - 8, width: main.width + 24, height: bottom.bottom - top.top + 16 };
            });
            await page.screenshot({ path: join(shots, `history-index-${guide}.png`), clip: box, fullPage: true });
          }
        }
        pageLog(log, where);
      }
      await context.close();
    }
  }
}

async function hostile(browser, origin, shots) {
  const log = [];
  const context = await themedContext(browser, 'light', 1280, log);
  const page = await context.newPage();
  for (const path of ['hostile.html', 'index.html']) {
    const where = `hostile/${path}`;
    await open(page, `${origin}/${path}`);
    // Give timers and failed image loads a moment to fire.
    await page.waitForTimeout(300);
    // The payloads must have reached the page, as text: else this proves nothing.
    const shown = await page.evaluate(() => document.querySelector('main').textContent.includes('__pwned'));
    check(shown, where, 'the payload text is not on the page');
    const facts = await page.evaluate(() => ({
      pwned: typeof window.__pwned !== 'undefined',
      scripts: document.querySelectorAll('main script').length,
      handlers: [...document.querySelectorAll('main *')]
        .flatMap((e) => [...e.attributes].map((a) => a.name))
        .filter((name) => name.startsWith('on')).length,
      scriptUrls: [...document.querySelectorAll('main [href], main [src]')]
        .filter((e) => /^\s*(javascript|data|vbscript):/i.test(e.getAttribute('href') ?? e.getAttribute('src'))).length,
      foreign: document.querySelectorAll('main img, main iframe, main object, main embed, main form, main svg:not(.okr-graph)').length,
    }));
    check(!facts.pwned, where, 'window.__pwned was set: a payload ran');
    check(facts.scripts === 0, where, `${facts.scripts} <script> elements inside main`);
    check(facts.handlers === 0, where, `${facts.handlers} event-handler attributes inside main`);
    check(facts.scriptUrls === 0, where, `${facts.scriptUrls} script URLs inside main`);
    check(facts.foreign === 0, where, `${facts.foreign} injected img/iframe/object/embed/form/svg elements`);
    await page.screenshot({ path: join(shots, shotName('hostile', path)), fullPage: true });
    pageLog(log, where);
  }
  await context.close();
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(args.shots, { recursive: true });
  const browser = await chromium.launch({
    headless: true,
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const servers = [];
  try {
    const site = await serve(args.site);
    servers.push(site.server);
    const seen = await example(browser, site.origin, args.shots);
    if (args.stress) {
      const stressSite = await serve(args.stress);
      servers.push(stressSite.server);
      await stress(browser, stressSite.origin, args.shots, seen);
    }
    if (args.history) {
      const historySite = await serve(args.history);
      servers.push(historySite.server);
      await history(browser, historySite.origin, args.shots, seen);
    }
    const required = args.history ? [...CARD_BADGES, ...STATUS_BADGES] : CARD_BADGES;
    const missing = required.filter((c) => !seen.has(c));
    check(missing.length === 0, 'badges', `never seen, so never contrast-checked: ${missing.join(', ')}`);
    if (args.hostile) {
      const hostileSite = await serve(args.hostile);
      servers.push(hostileSite.server);
      await hostile(browser, hostileSite.origin, args.shots);
    }
  } finally {
    await browser.close();
    servers.forEach((s) => s.close());
  }
  if (failures.length > 0) {
    console.log(`${failures.length} of ${checks} checks failed:`);
    failures.forEach((f) => console.log(`  ${f}`));
    process.exit(1);
  }
  console.log(`all ${checks} checks passed; screenshots in ${args.shots}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
