/**
 * The migration report (`build --report html|markdown`, SPEC §14) as a person sees it: the corpus
 * with invalid files, built with --keep-going through the real bin, opened in headless Chromium
 * (Debian's package, driven by playwright-core). It renders without a console error and without
 * any request but its own file; a screenshot is taken and read (size, not blank, the chart's bars
 * drawn). Hostile names are escaped in both formats. Without /usr/bin/chromium the browser checks
 * are skipped with one line, except in CI (CI set), where they fail.
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';
import { countColour, readPng } from './helpers/png.js';
import { servicesDir, taskdefsDir } from './helpers/build.js';

const CHROMIUM = '/usr/bin/chromium';
const inCi = process.env['CI'] !== undefined && process.env['CI'] !== '';
const browserChecks = existsSync(CHROMIUM) || inCi;
if (!browserChecks) console.log(`report-html: browser checks skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

const tmp = makeTempDir('ecs2k8s-report-html-');
const invalidDir = join(taskdefsDir, '..', 'invalid');
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  tmp.remove();
});

async function page(file: string, viewport = { width: 1280, height: 900 }) {
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport, javaScriptEnabled: true });
  const p = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  p.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  p.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  p.on('request', (r) => requests.push(r.url()));
  await p.goto(`file://${file}`, { waitUntil: 'load' });
  return { p, problems, requests, close: () => context.close() };
}

describe('the HTML report of the corpus', () => {
  const dir = tmp.fresh();
  const report = join(dir, 'migration.html');
  beforeAll(async () => {
    const r = await runBin(['build', taskdefsDir, servicesDir, invalidDir, '--out', 'k8s', '--keep-going', '--report', 'html', '--report-file', 'migration.html'], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
  });

  it('is one self-contained page: no script, no link, no external URL', () => {
    const html = readFileSync(report, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html.match(/(?:src|href)="([^"]*)"/g)?.filter((m) => !m.startsWith('href="#')) ?? []).toEqual([]);
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    // Every input file of the corpus is accounted for, built or failed.
    for (const d of [taskdefsDir, servicesDir, invalidDir]) for (const f of readdirSync(d)) expect(html, f).toContain(f);
    // The failed inputs carry their located diagnostics.
    expect(html).toMatch(/aws__amazon-ecs-agent__healthcheck-template\.json:\d+:\d+/);
    // Accessible tables: captions and header cells with scope.
    expect((html.match(/<table>/g) ?? []).length).toBe((html.match(/<caption>/g) ?? []).length);
    expect(html).not.toMatch(/<th>/);
    expect(html).toMatch(/@media print\{/);
  });

  it.skipIf(!browserChecks)('renders in Chromium with no console error and no request but its own file', async () => {
    const { p, problems, requests, close } = await page(report);
    try {
      expect(problems).toEqual([]);
      expect(requests).toEqual([`file://${report}`]);
      // The summary says what the build did, and every service has its section.
      const cards = await p.locator('.cards .card').allTextContents();
      expect(cards.map((c) => c.replace(/\d+/, '').trim())).toEqual(['converted cleanly', 'with approximations', 'failed']);
      const failed = Number((await p.locator('.cards .card.failed b').textContent()) ?? 'NaN');
      expect(failed).toBeGreaterThanOrEqual(readdirSync(invalidDir).length);
      const sections = await p.locator('section.service').count();
      expect(sections).toBe(await p.locator('nav li').count());
      // The chart has its text: a title, a description and the same numbers as a table.
      const svg = p.locator('figure svg[role="img"]');
      expect(await svg.count()).toBe(1);
      expect(await p.locator('figure svg title').textContent()).toBe('ECS fields with warnings or errors');
      const bars = await p.locator('figure svg rect').count();
      expect(bars).toBe((await p.locator('figure table tbody tr').count()) > 15 ? 15 : await p.locator('figure table tbody tr').count());
      expect(bars).toBeGreaterThan(0);
      // A screenshot: the viewport's size, not blank, with the chart's blue bars drawn.
      await p.locator('#fields').scrollIntoViewIfNeeded();
      const shot = readPng(await p.screenshot());
      expect([shot.width, shot.height]).toEqual([1280, 900]);
      const white = countColour(shot, [255, 255, 255], 2);
      expect(white / (shot.width * shot.height)).toBeLessThan(0.97);
      expect(countColour(shot, [0x09, 0x69, 0xda], 10)).toBeGreaterThan(500);
      // Printable: the navigation is hidden when printed.
      await p.emulateMedia({ media: 'print' });
      expect(await p.locator('nav').isVisible()).toBe(false);
      const pdf = await p.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await close();
    }
  });
});

describe('hostile names', () => {
  const evil = `<img src=x onerror=alert(1)>"'&lt;`;
  const dir = tmp.fresh();
  beforeAll(() => {
    const td = {
      family: `web${evil}`,
      containerDefinitions: [{ name: 'app', image: 'public.ecr.aws/nginx/nginx:1.27.0', essential: true, memory: 512, ulimits: [{ name: 'nofile', softLimit: 1, hardLimit: 2 }] }],
    };
    writeFileSync(join(dir, 'td.json'), JSON.stringify(td));
    writeFileSync(join(dir, 'bad.json'), '{ "family": ');
    renameSync(join(dir, 'bad.json'), join(dir, `bad<script>alert(2)<\\script>.json`));
  });

  it('are escaped in the HTML page, and nothing runs in Chromium', async () => {
    const r = await runBin(['build', '.', '--out', 'k8s', '--keep-going', '--report', 'html', '--report-file', 'r.html'], { cwd: dir });
    expect(r.code).toBe(2);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    // The family (an error names it, JSON-quoted) and the file name, escaped.
    expect(html).toContain('web&lt;img src=x onerror=alert(1)&gt;\\&quot;&#39;&amp;lt;');
    expect(html).toContain('bad&lt;script&gt;alert(2)&lt;\\script&gt;.json');
    if (!browserChecks) return;
    const { p, problems, requests, close } = await page(join(dir, 'r.html'));
    try {
      expect(problems).toEqual([]);
      expect(requests).toHaveLength(1);
      expect(await p.locator('img, script').count()).toBe(0);
      const text = (await p.locator('body').textContent()) ?? '';
      expect(text).toContain(`bad<script>alert(2)<\\script>.json`);
      expect(text).toContain(`web<img src=x onerror=alert(1)>`);
    } finally {
      await close();
    }
  });

  it('are escaped in the markdown report', async () => {
    const r = await runBin(['build', '.', '--out', 'k8s', '--keep-going', '--report', 'markdown'], { cwd: dir });
    expect(r.code).toBe(2);
    const md = r.stdout;
    expect(md.startsWith('## ECS to Kubernetes migration report\n')).toBe(true);
    // Outside code spans (where markdown shows HTML as text), no tag from an input survives.
    const outsideCode = md.replace(/(`+) [^\n]*? \1/g, '');
    expect(outsideCode).not.toMatch(/<img|<script/);
    expect(outsideCode).toContain('bad&lt;script&gt;alert\\(2\\)&lt;');
    // Every table row has as many cells as its header.
    for (const block of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const rows = block.trim().split('\n');
      const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length;
      for (const row of rows) expect(cells(row), row).toBe(cells(rows[0]!));
    }
  });
});
