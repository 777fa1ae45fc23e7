// The first slice: create a meeting in the browser and find it again, with JavaScript on and off.
import { test, expect, hydrated, unique } from './support.mjs';

/** Every test works as its own organizer. */
async function signUpFresh(page) {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Test Organizer');
  await page.getByLabel('Email address').fill(`${unique('org').replace(/\W/g, '')}@example.com`);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your meetings' })).toBeVisible();
}

const INFORM = 'Share information. It rarely needs a meeting: a written update usually does it.';
const DECIDE = /Reach a decision/;

test.describe('with JavaScript on', () => {
  test.beforeEach(async ({ page }) => signUpFresh(page));
  test.use({ javaScriptEnabled: true });

  test('creates a meeting, explains purposes live, and keeps it after a reload', async ({ page }) => {
    const title = unique('Vendor choice');
    await page.goto('/');
    await hydrated(page);
    await page.getByRole('main').getByRole('link', { name: 'New meeting' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'New meeting' })).toBeVisible();

    const explanation = page.locator('#purpose_kind-explanation');
    await expect(explanation).toHaveText(DECIDE);
    await page.getByLabel('Purpose', { exact: true }).selectOption('inform');
    await expect(explanation).toHaveText(INFORM);

    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Desired outcome').fill('A signed choice of vendor');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}\/people$/);
    await page.goto(page.url().replace(/\/people$/, ''));
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByText('By the end we will have: A signed choice of vendor')).toBeVisible();

    await page.goto('/');
    await expect(page.getByRole('link', { name: title })).toBeVisible();
  });

  test('an island that wakes after the field changed starts from what it holds', async ({ page }) => {
    // A slow phone: the purpose is changed before the lazy island's chunks arrive.
    let release, asked;
    const held = new Promise((resolve) => (release = resolve));
    const loading = new Promise((resolve) => (asked = resolve));
    await page.route(/\/pkg\/(split_|chunk_)[^/]*\.wasm$/, async (route) => {
      asked();
      await held;
      await route.continue();
    });
    await page.goto('/meetings/new');
    await loading;
    const explanation = page.locator('#purpose_kind-explanation');
    await expect(explanation).toHaveText(DECIDE);
    await page.getByLabel('Purpose', { exact: true }).selectOption('inform');
    release();
    await expect(explanation).toHaveText(INFORM);
  });

  test.describe('a form with mistakes', () => {
    test.use({ expectedHttpErrors: [422] });

  test('shows every error at once and links to the field', async ({ page }) => {
    await page.goto('/meetings/new');
    await hydrated(page);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('There is a problem');
    await expect(summary.getByRole('link', { name: 'Enter a title' })).toHaveAttribute('href', '#title');
    await expect(summary.getByRole('link', { name: /Enter the desired outcome/ })).toBeVisible();
  });
  });
});

test.describe('with JavaScript off', () => {
  test.beforeEach(async ({ page }) => signUpFresh(page));
  test.use({ javaScriptEnabled: false });

  test('creates a meeting through the plain form and keeps it after a reload', async ({ page }) => {
    const title = unique('Roadmap review');
    await page.goto('/');
    await page.getByRole('main').getByRole('link', { name: 'New meeting' }).click();
    await expect(page.locator('#purpose_kind-explanation')).toHaveText(DECIDE);
    await page.getByLabel('Purpose', { exact: true }).selectOption('plan');
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Desired outcome').fill('An agreed order of work');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}\/people$/);
    await page.goto(page.url().replace(/\/people$/, ''));
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await page.goto('/');
    await expect(page.getByRole('link', { name: title })).toBeVisible();
  });

  test('reports errors from the server', async ({ page }) => {
    await page.goto('/meetings/new');
    await page.getByLabel('Title').fill('Only a title');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter the desired outcome');
  });
});

test('the release bundle is served as compressed WebAssembly, named and cached by content', async ({ request }) => {
  const home = await (await request.get('/')).text();
  const names = [...home.matchAll(/\/pkg\/prework\.[A-Za-z0-9_-]+\.(?:wasm|js|css)/g)].map((m) => m[0]);
  const wasm = names.find((n) => n.endsWith('.wasm'));
  expect(wasm, 'the page names a hashed WASM file').toBeTruthy();
  expect(names.some((n) => n.endsWith('.css')), 'the page names a hashed stylesheet').toBe(true);
  for (const encoding of ['br', 'gzip']) {
    const res = await request.get(wasm, { headers: { 'accept-encoding': encoding } });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/wasm');
    expect(res.headers()['content-encoding']).toBe(encoding);
  }
  for (const name of new Set(names)) {
    const res = await request.get(name);
    expect(res.status(), name).toBe(200);
    expect(res.headers()['cache-control'], name).toBe('public, max-age=31536000, immutable');
  }
  // An unknown name is not cached for good: it could be a file of the next build.
  const missing = await request.get('/pkg/prework.wasm');
  expect(missing.headers()['cache-control']).toBe('no-cache');
});
