import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { TRole } from '@lightbox/contracts';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeSlowModel } from '../service/slow-model';
import { makeFlatModel } from './make-flat-model';
import { ARTIFACTS, assertChromium, CHROMIUM, ROOT, startStack, type TStack } from './start-stack';

vi.setConfig({ testTimeout: 180_000 });

const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const TINY_ONNX = join(ROOT, 'tests/malformed/models/tiny.onnx');
const TINY_CARD = JSON.parse(readFileSync(join(ROOT, 'tests/malformed/models/tiny.card.json'), 'utf8')) as Record<
  string,
  unknown
>;
const CASE_PNG = join(ROOT, 'packages/engine/test/fixtures/images/png/gray-8.png');
const CASE_DICOM = join(ROOT, 'packages/engine/test/fixtures/images/dicom/mono1-12bit-window.dcm');
const NOT_AN_IMAGE = join(ROOT, 'tests/malformed/models/card-not-json.json');

/** Each role's pages in the navigation, and a page it must not use. */
const EXPECTED_NAV: Record<TRole, { nav: string[]; home: string; forbidden: string | null }> = {
  radiologist: { nav: ['Cases', 'Models'], home: '/cases', forbidden: '/audit' },
  ml_engineer: { nav: ['Cases', 'Models'], home: '/models', forbidden: '/admin' },
  compliance: { nav: ['Models', 'Audit trail'], home: '/audit', forbidden: '/cases' },
  admin: { nav: ['Cases', 'Models', 'Audit trail', 'Users'], home: '/admin', forbidden: null },
};

let stack: TStack;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  assertChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  stack = await startStack();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 600_000);

let lastPage: Page | null = null;

// A failing test leaves a screenshot of where it stopped.
afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && lastPage && !lastPage.isClosed()) {
    const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await lastPage.screenshot({ path: join(SCREENSHOTS, `failed-${name}.png`), fullPage: true }).catch(() => undefined);
  }
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await stack?.close();
});

async function signedIn(role: TRole, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: stack.webUrl, viewport, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  lastPage = page;
  await page.goto('/login');
  const account = stack.accounts[role];
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === EXPECTED_NAV[role].home);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function expectNoSeriousA11yViolations(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) => `${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

/** Sum of the overlay canvas's RGBA bytes and a short fingerprint, to tell whether its pixels changed. */
async function canvasFingerprint(page: Page, selector = '[data-testid="main-stage"] [data-testid="overlay-canvas"]') {
  return page.locator(selector).evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0;
    let alpha = 0;
    for (let i = 0; i < data.length; i++) {
      hash = (hash * 31 + data[i]!) >>> 0;
      if (i % 4 === 3) alpha += data[i]!;
    }
    return { hash, alpha, width: canvas.width, height: canvas.height };
  });
}

describe('sign-in and roles', () => {
  it('shows the login page without serious accessibility violations', async () => {
    const context = await browser.newContext({ baseURL: stack.webUrl });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/cases');
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email').fill('nobody@browser.test');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.locator('form [role="alert"]').textContent())
      .toContain('Email or password is incorrect');
    await shot(page, 'login');
    await expectNoSeriousA11yViolations(page, 'login');
  });

  for (const role of ['radiologist', 'ml_engineer', 'compliance', 'admin'] as const) {
    it(`${role}: lands on its start page, sees only its pages, and is refused the others`, async () => {
      const page = await signedIn(role);
      const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
      await expect.poll(() => nav.allTextContents()).toEqual(EXPECTED_NAV[role].nav);
      const forbidden = EXPECTED_NAV[role].forbidden;
      if (forbidden) {
        await page.goto(forbidden);
        await expect.poll(() => page.getByTestId('not-allowed').isVisible()).toBe(true);
        await shot(page, `not-allowed-${role}`);
        // The API refuses anyway.
        const apiPath = { '/audit': '/api/audit', '/admin': '/api/users', '/cases': '/api/cases' }[forbidden]!;
        expect((await page.request.get(apiPath)).status()).toBe(403);
      }
    });
  }
});

describe('models (ML engineer)', () => {
  it('shows the card field error for a bad card, then registers the model', async () => {
    const page = await signedIn('ml_engineer');
    const form = page.getByTestId('register-model-form');
    await form.getByLabel('ONNX file').setInputFiles(TINY_ONNX);
    await form.getByLabel('Paste JSON').check();
    await form.getByLabel('Card JSON').fill(JSON.stringify({ ...TINY_CARD, labels: ['a', 'b'] }));
    await form.getByRole('button', { name: 'Register' }).click();
    const fieldError = page.getByTestId('field-error-card');
    await expect.poll(() => fieldError.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await fieldError.textContent()).toMatch(/label/i);
    await shot(page, 'models-card-error');

    await form.getByLabel('Card JSON').fill(JSON.stringify(TINY_CARD));
    await form.getByRole('button', { name: 'Register' }).click();
    await expect
      .poll(() => page.getByTestId('model-registered').textContent(), { timeout: 30_000 })
      .toContain('tiny 1.0.0');
    await expect.poll(() => page.getByTestId('model-card').count()).toBe(1);
    expect(await page.getByTestId('model-card').textContent()).toMatch(/[0-9a-f]{64}/);
    await shot(page, 'models');
    await expectNoSeriousA11yViolations(page, 'models');
  });
});

describe('case viewer (radiologist)', () => {
  it('refuses a file that is not an image with a clear error', async () => {
    const page = await signedIn('radiologist');
    await page.getByTestId('case-file-input').setInputFiles(NOT_AN_IMAGE);
    await expect.poll(() => page.getByTestId('upload-error').textContent(), { timeout: 20_000 }).toMatch(/not/i);
    // A file named like an image whose content is not one: the API's refusal is shown.
    const fake = join(mkdtempSync(join(tmpdir(), 'lightbox-')), 'scan.png');
    writeFileSync(fake, 'this is not an image at all');
    await page.getByTestId('case-file-input').setInputFiles(fake);
    await expect
      .poll(() => page.getByTestId('upload-error').textContent(), { timeout: 20_000 })
      .toMatch(/scan\.png was not accepted: .+/);
    await shot(page, 'cases-upload-error');
  });

  it('uploads, explains with live progress, colours the overlay, compares methods and saves a review', async () => {
    const page = await signedIn('radiologist');
    await shot(page, 'cases-empty');
    await page.getByTestId('case-file-input').setInputFiles(CASE_PNG);
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const form = page.getByTestId('explain-form');
    await expect.poll(() => form.getByLabel('Model', { exact: true }).inputValue()).not.toBe('');
    await form.getByRole('checkbox', { name: /Integrated Gradients/ }).check();
    await form.getByRole('checkbox', { name: /^Guided Backprop/ }).check();
    // Record every state the progress bar shows, to see it live (not only the end).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __jobStates: string[] }).__jobStates = seen;
      new MutationObserver(() => {
        const state = document.querySelector('[data-testid="job-progress"]')?.getAttribute('data-state');
        if (state && seen[seen.length - 1] !== state) seen.push(state);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    });
    await form.getByRole('button', { name: 'Explain this case' }).click();

    const progress = page.getByTestId('job-progress');
    await expect.poll(() => progress.isVisible()).toBe(true);
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 60_000 }).toBe('completed');
    expect(await page.getByRole('progressbar', { name: 'Explanation progress' }).getAttribute('aria-valuenow')).toBe(
      '100',
    );

    const canvas = page.locator('[data-testid="main-stage"] [data-testid="overlay-canvas"]');
    await expect.poll(() => canvas.isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(async () => (await canvasFingerprint(page)).alpha).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('prediction').isVisible()).toBe(true);
    expect(await page.getByTestId('uncertainty').textContent()).toMatch(/model/);
    expect(await page.getByTestId('attribution-caveat').textContent()).toContain('not a lesion outline');
    expect(await page.getByTestId('color-bar-range').textContent()).toMatch(/\d/);
    await shot(page, 'case-viewer');
    await expectNoSeriousA11yViolations(page, 'case-viewer');
    await page.setViewportSize({ width: 1280, height: 720 });
    await shot(page, 'case-viewer-laptop');
    await page.setViewportSize({ width: 1440, height: 900 });

    const before = await canvasFingerprint(page);
    await page.getByTestId('opacity-slider').fill('0.9');
    await expect.poll(async () => (await canvasFingerprint(page)).hash).not.toBe(before.hash);
    const afterOpacity = await canvasFingerprint(page);
    expect(afterOpacity.alpha).toBeGreaterThan(before.alpha);

    const select = page.getByTestId('method-select');
    const options = await select.locator('option').allTextContents();
    expect(options.length).toBe(4);
    // Guided Backprop carries the sanity-check warning, shown with the map.
    await select.selectOption({ label: 'Guided Backprop ⚠' });
    await expect.poll(() => page.getByTestId('map-warnings').textContent()).toMatch(/sanity/i);
    await select.selectOption({ label: 'Saliency' });
    await expect.poll(async () => (await canvasFingerprint(page)).hash).not.toBe(afterOpacity.hash);
    const afterMethod = await canvasFingerprint(page);
    await page.getByTestId('colormap-select').selectOption('inferno');
    await expect.poll(async () => (await canvasFingerprint(page)).hash).not.toBe(afterMethod.hash);
    await page.getByLabel('Show the overlay').uncheck();
    expect(await canvas.isVisible()).toBe(false);
    await page.getByLabel('Show the overlay').check();

    // Side by side, with zoom in sync.
    await page.getByTestId('compare-toggle').check();
    await expect.poll(() => page.getByTestId('compare-grid').locator('canvas').count(), { timeout: 20_000 }).toBe(2);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const transforms = await page
      .getByTestId('compare-grid')
      .locator('[role="application"] > div')
      .evaluateAll((elements) => elements.map((element) => (element as HTMLElement).style.transform));
    expect(new Set(transforms).size).toBe(1);
    await shot(page, 'case-viewer-compare');
    await page.getByTestId('compare-toggle').uncheck();

    // Draw a rectangle and save the review.
    await page.getByText('Draw rectangle', { exact: true }).click();
    const box = (await page.getByTestId('main-stage').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.4);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.55, { steps: 5 });
    await page.mouse.up();
    expect(await page.getByTestId('region-summary').textContent()).toMatch(/rectangle \d+×\d+/);
    const review = page.getByTestId('review-form');
    await review.getByLabel('disagree').check();
    await review.getByLabel('Note').fill('Map highlights the border, not the finding.');
    await review.getByRole('button', { name: 'Save review' }).click();
    await expect.poll(() => page.getByTestId('review-saved').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('case-reviews').textContent()).toContain('Map highlights the border');
    await shot(page, 'case-viewer-reviewed');

    // A freehand outline replaces the rectangle.
    await page.getByText('Draw freehand', { exact: true }).click();
    const path: Array<[number, number]> = [
      [0.3, 0.3],
      [0.5, 0.25],
      [0.6, 0.45],
      [0.45, 0.6],
      [0.3, 0.5],
    ];
    await page.mouse.move(box.x + box.width * path[0]![0], box.y + box.height * path[0]![1]);
    await page.mouse.down();
    for (const [x, y] of path.slice(1))
      await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 3 });
    await page.mouse.up();
    expect(await page.getByTestId('region-summary').textContent()).toMatch(/freehand outline with \d+ points/);

    await page.goto('/cases');
    await expect.poll(() => page.getByTestId('case-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await shot(page, 'cases');
    await expectNoSeriousA11yViolations(page, 'cases');
  });

  it('shows a DICOM case with window/level presets that re-render the image', async () => {
    const page = await signedIn('radiologist', { width: 2560, height: 1440 });
    await page.getByTestId('case-file-input').setInputFiles(CASE_DICOM);
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const image = page.getByRole('img', { name: 'Case image' });
    await expect.poll(() => image.getAttribute('src')).toMatch(/\/image$/);
    await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await shot(page, 'case-viewer-dicom-large-monitor');
    await page.getByTestId('window-controls').getByLabel('Preset').selectOption({ label: 'Soft tissue (40/400)' });
    await expect.poll(() => image.getAttribute('src')).toContain('?window=40,400');
    await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    // Dragging in window/level mode changes the window too.
    await page.getByText('Window/level', { exact: true }).click();
    const box = (await page.getByTestId('main-stage').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 - 40, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => image.getAttribute('src')).not.toContain('?window=40,400');
    expect(await image.getAttribute('src')).toMatch(/\?window=-?[\d.]+,[\d.]+$/);
  });
});

describe('explanation jobs', () => {
  it('shows a slow job running with its percentage, and cancelling it', async () => {
    const ml = await signedIn('ml_engineer');
    const me = await (await ml.request.get('/api/me')).json();
    const slow = makeSlowModel();
    const registered = await ml.request.post('/api/models', {
      headers: { 'x-csrf-token': me.csrfToken },
      multipart: {
        model: { name: 'slow.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(slow.bytes) },
        card: JSON.stringify(slow.card),
      },
    });
    expect(registered.status()).toBe(201);

    const page = await signedIn('radiologist');
    await page.getByTestId('case-file-input').setInputFiles(CASE_PNG);
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const form = page.getByTestId('explain-form');
    await form.getByLabel('Model', { exact: true }).selectOption({ label: 'slow-cnn 1.0.0 (3 labels)' });
    for (const name of [/^SmoothGrad —/, /^SmoothGrad² /, /^VarGrad /, /^Integrated Gradients /]) {
      await form.getByRole('checkbox', { name }).check();
    }
    await form.getByRole('button', { name: 'Explain this case' }).click();
    const progress = page.getByTestId('job-progress');
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 60_000 }).toBe('running');
    await shot(page, 'case-viewer-job-running');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 60_000 }).toBe('cancelled');
    expect(await progress.textContent()).toContain('Cancelled');
  });
});

describe('explanation failures', () => {
  it('shows a failed job with its reason', async () => {
    const ml = await signedIn('ml_engineer');
    const me = await (await ml.request.get('/api/me')).json();
    const flat = makeFlatModel();
    const registered = await ml.request.post('/api/models', {
      headers: { 'x-csrf-token': me.csrfToken },
      multipart: {
        model: { name: 'flat.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(flat.bytes) },
        card: JSON.stringify(flat.card),
      },
    });
    expect(registered.status()).toBe(201);

    const page = await signedIn('radiologist');
    await page.getByTestId('case-file-input').setInputFiles(CASE_PNG);
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const form = page.getByTestId('explain-form');
    await form.getByLabel('Model', { exact: true }).selectOption({ label: 'flat 1.0.0 (3 labels)' });
    await form.getByRole('checkbox', { name: /^Saliency/ }).uncheck();
    await form.getByRole('button', { name: 'Explain this case' }).click();
    const failure = page.locator('[data-testid="job-progress"][data-state="failed"] [role="alert"]');
    await expect.poll(() => failure.count(), { timeout: 60_000 }).toBe(1);
    expect(await failure.textContent()).toMatch(/no 4-D activation .*CAM methods/);
    await shot(page, 'case-viewer-job-failed');
  });
});

describe('audit (compliance)', () => {
  it('verifies the chain, filters, sorts, paginates and exports', async () => {
    const page = await signedIn('compliance');
    const status = page.getByTestId('chain-status');
    await expect.poll(() => status.getAttribute('data-valid'), { timeout: 30_000 }).toBe('true');
    await expect.poll(() => page.getByTestId('audit-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await shot(page, 'audit');
    await expectNoSeriousA11yViolations(page, 'audit');

    await page.getByTestId('filter-action').fill('review.create');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect
      .poll(async () => {
        const actions = await page.getByTestId('audit-table').locator('tbody tr td:nth-child(5)').allTextContents();
        return actions.length > 0 && actions.every((action) => action === 'review.create');
      })
      .toBe(true);
    await page.getByRole('button', { name: /^Seq/ }).click();
    expect(await page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    await shot(page, 'audit-filtered');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/action/);
    expect(csv).toContain('review.create');
    expect(csv).not.toContain('case.upload');
    const [fhir] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-fhir').click()]);
    expect(JSON.parse(readFileSync(await fhir.path(), 'utf8')).resourceType).toBe('Bundle');
  });
});

describe('audited source address', () => {
  it('records the connecting address, not an X-Forwarded-For the browser made up', async () => {
    const login = async (role: 'radiologist' | 'compliance', headers: Record<string, string> = {}) => {
      const { email, password } = stack.accounts[role];
      const res = await fetch(`${stack.webUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ email, password }),
      });
      expect(res.status).toBe(200);
      return res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
    };
    await login('radiologist', { 'x-forwarded-for': '203.0.113.66, 198.51.100.7' });
    const cookie = await login('compliance');
    const email = encodeURIComponent(stack.accounts.radiologist.email);
    const res = await fetch(`${stack.webUrl}/api/audit?action=auth.login&actorEmail=${email}&pageSize=1`, {
      headers: { cookie },
    });
    const { items } = (await res.json()) as { items: { sourceIp: string | null }[] };
    expect(items[0]?.sourceIp).toBeTruthy();
    expect(items[0]!.sourceIp).not.toMatch(/203\.0\.113\.66|198\.51\.100\.7/);
    expect(items[0]!.sourceIp).toMatch(/127\.0\.0\.1|::1/);
  });
});

describe('users (admin)', () => {
  it('creates an account, changes its role and disables it', async () => {
    const page = await signedIn('admin');
    await page.getByLabel('Email').fill('new.radiologist@browser.test');
    await page.getByLabel('Initial password').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    const row = page.getByTestId('user-table').locator('tr', { hasText: 'new.radiologist@browser.test' });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByLabel(/Role of/).selectOption('compliance');
    await expect.poll(() => row.getByLabel(/Role of/).inputValue()).toBe('compliance');
    await row.getByRole('button', { name: /Disable/ }).click();
    await expect.poll(() => row.textContent()).toContain('disabled');
    await shot(page, 'admin-users');
    await expectNoSeriousA11yViolations(page, 'admin-users');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    expect((await page.request.get('/api/me')).status()).toBe(401);
  });
});
