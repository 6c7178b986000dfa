import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { addBlowUpSweep, addHalvingSweep, runTinySweep, type ResultsProject } from '../helpers/results-db.js';

/** Debian's chromium; CI installs it (apt-get install chromium). Missing is a failure, not a skip. */
const CHROMIUM = '/usr/bin/chromium';
/** Where the test leaves its screenshot, for a person to look at. */
const SCREENSHOT = '/tmp/report.png';

let p: ResultsProject;

before(async () => {
  p = await runTinySweep();
  await addHalvingSweep(p.dbPath);
  await addBlowUpSweep(p.dbPath);
});

after(() => p.cleanup());

interface CanvasInfo {
  id: string;
  width: number;
  height: number;
  painted: number;
  colors: number;
}

/** Opens the page offline in headless Chromium; returns what every canvas drew, console errors and requests. */
async function inspect(file: string, screenshot?: string): Promise<{ canvases: CanvasInfo[]; errors: string[]; requests: string[]; marks: Marks }> {
  assert.ok(existsSync(CHROMIUM), `the report test needs Debian's chromium at ${CHROMIUM} (apt-get install chromium)`);
  // A new, empty profile every time: nothing cached or configured leaks in.
  const profile = mkdtempSync(path.join(tmpdir(), 'tfsweep-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // Runs in the page (the project's TypeScript has no DOM types, hence `any`).
    const canvases = await page.evaluate(() => [...(globalThis as any).document.querySelectorAll('canvas')].map((c: any) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let painted = 0;
      const colors = new Set<number>();
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) continue;
        painted++;
        colors.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      }
      return { id: c.id, width: c.width, height: c.height, painted, colors: colors.size };
    }));
    // How each chart drew its points: the point style of every point of every dataset, and the notes.
    const marks = await page.evaluate(() => {
      const g = globalThis as any;
      const out: Marks = { charts: {}, notes: {} };
      for (const c of g.document.querySelectorAll('canvas')) {
        const chart = g.Chart.getChart(c);
        out.charts[c.id] = chart.data.datasets.map((d: any) => ({
          label: d.label,
          styles: d.data.map((_p: any, i: number) => (Array.isArray(d.pointStyle) ? d.pointStyle[i] : d.pointStyle ?? 'circle')),
          ys: d.data.map((p: any) => p.y),
        }));
      }
      for (const n of g.document.querySelectorAll('[id^="note-"]')) out.notes[n.id] = n.textContent;
      return out;
    });
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    return { canvases, errors, requests, marks };
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

interface Marks {
  charts: Record<string, { label: string; styles: string[]; ys: number[] }[]>;
  notes: Record<string, string>;
}

test('report writes one self-contained HTML file that renders every chart in Chromium without errors', async () => {
  const out = path.join(p.dir, 'report.html');
  const r = await p.cli(['report', 'tiny', '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /wrote .*report\.html/);
  const html = readFileSync(out, 'utf8');
  // Nothing is loaded from anywhere: no external scripts, styles or images, and a CSP that forbids fetching.
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|<img[^>]+src="?http/i);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.match(html, /Chart\.js v4/);
  // The ranked table is plain HTML: every trial, the flagged ones marked, the best first.
  const [best] = p.sql<{ id: number }>("SELECT trial_id id FROM results WHERE sweep = 'tiny' ORDER BY val_r2 DESC LIMIT 1");
  const ranked = /<table id="ranked-table">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  assert.equal(ranked.match(/<tr[ >]/g)?.length, 1 + 8, 'a header and every trial');
  const seeds = /<table id="seeds-table">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  assert.equal(seeds.match(/<tr[ >]/g)?.length, 1 + 4, 'a header and each configuration over its 2 seeds');
  assert.match(html, new RegExp(`<tr class="best"><td class="num">1</td><td class="num">${best.id}</td>`));
  assert.match(html, /class="flagged"/);
  for (const section of ['Ranked trials', 'Learning curves', 'Effect of each parameter', 'Spread over seeds', 'Loss versus scale']) {
    assert.match(html, new RegExp(`<h2 id="[a-z]+">${section}</h2>`));
  }

  const { canvases, errors, requests } = await inspect(out, SCREENSHOT);
  assert.deepEqual(errors, []);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'no network requests');
  assert.deepEqual(canvases.map((c) => c.id).sort(), [
    'chart-curves', 'chart-effect-0', 'chart-effect-1', 'chart-loss-r2', 'chart-scale', 'chart-seeds',
  ]);
  for (const c of canvases) {
    assert.ok(c.width > 100 && c.height > 100, `${c.id} has a size`);
    assert.ok(c.painted > 0.01 * c.width * c.height, `${c.id} drew only ${c.painted} pixels`);
    assert.ok(c.colors >= 3, `${c.id} drew ${c.colors} colours: axes alone are not a chart`);
  }
});

test('report shows pruned trials with their rung; a sweep without seeds says how to measure the spread', async () => {
  const out = path.join(p.dir, 'halving.html');
  const r = await p.cli(['report', 'halving', '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /<td>pruned@2<\/td>/);
  assert.match(html, /pruned@N: stopped by early termination/);
  assert.match(html, /<td>diverged<\/td>/);
  assert.match(html, /Every configuration ran with one seed/);
  assert.match(html, /7 \/ 16 \(44%\)/);
  const { canvases, errors } = await inspect(out);
  assert.deepEqual(errors, []);
  for (const c of canvases) assert.ok(c.painted > 0.01 * c.width * c.height, `${c.id} drew only ${c.painted} pixels`);
});

test('report: a blown-up value is drawn clipped, as a triangle at the floor, and groups rank by the median', async () => {
  const out = path.join(p.dir, 'blowup.html');
  const r = await p.cli(['report', 'blowup', '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  const html = readFileSync(out, 'utf8');
  // Seeds table: feature (median 0.8) above none (0.55), though feature's mean is -4.3e8.
  const seeds = /<table id="seeds-table">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  assert.match(seeds, /normalization=feature<\/td><td class="num">3<\/td><td class="num">0\.8000 \[/);
  assert.ok(seeds.indexOf('normalization=feature') < seeds.indexOf('normalization=none'));
  const { errors, marks } = await inspect(out);
  assert.deepEqual(errors, []);
  const effect = Object.entries(marks.charts).find(([id]) => id.startsWith('chart-effect-') &&
    marks.charts[id].some((d) => d.label === 'trials' && d.ys.length === 5 && d.ys.includes(-1)))!;
  assert.ok(effect, 'an effect chart with the blown-up trial');
  const [id, datasets] = effect;
  const trials = datasets.find((d) => d.label === 'trials')!;
  // The one clipped value, and only it, is a triangle at -1; every real value is a dot.
  assert.deepEqual(trials.ys.map((y, i) => (y === -1 ? trials.styles[i] : 'circle')), trials.styles);
  assert.equal(trials.styles.filter((s) => s === 'triangle').length, 1);
  // The bars sit at the medians (0.8 and 0.55), not at a mean dragged to the floor.
  const bars = datasets.find((d) => d.label === 'median')!;
  assert.ok(bars, `${id} has median bars`);
  assert.deepEqual(bars.ys.map((y) => Number(y.toFixed(4))).sort(), [0.55, 0.8]);
  assert.match(marks.notes[id.replace('chart-', 'note-')], /1 value below -1 drawn at -1 as \u25BC/);
});

test('report asks for --overwrite before replacing a file, and needs -o', async () => {
  const out = path.join(p.dir, 'exists.html');
  writeFileSync(out, 'mine');
  const r = await p.cli(['report', 'tiny', '-o', out]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /already exists; add --overwrite/);
  assert.equal(readFileSync(out, 'utf8'), 'mine');
  assert.equal((await p.cli(['report', 'tiny', '-o', out, '--overwrite'])).code, 0);
  assert.equal((await p.cli(['report', 'tiny'])).code, 2);
});
