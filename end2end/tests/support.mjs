// Shared helpers for the browser tests.
import { test as base, expect } from '@playwright/test';

/** A test whose page fails on any console error or uncaught exception (a broken WASM bundle
 *  shows up here: the page still renders server-side, but hydration throws). */
export const test = base.extend({
  // HTTP statuses a test expects from the server (the browser logs each as a console error),
  // e.g. [422] where a form is submitted with a mistake on purpose.
  expectedHttpErrors: [[], { option: true }],
  // Each test comes from an address of its own (the e2e server trusts the loopback proxy), so
  // the real per-address sign-up limits apply without parallel tests tripping over each other.
  extraHTTPHeaders: async ({}, use) => {
    const octet = () => Math.floor(Math.random() * 254) + 1;
    await use({ 'X-Forwarded-For': `10.${octet()}.${octet()}.${octet()}` });
  },
  page: async ({ page, expectedHttpErrors }, use) => {
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      const status = /status of (\d{3})/.exec(text)?.[1];
      if (status && expectedHttpErrors.includes(Number(status))) return;
      problems.push(`console: ${text} (on ${page.url()})`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    // Every document the page loaded, to tell which one a console error came from.
    const documents = [];
    page.on('response', (r) => {
      if (r.request().resourceType() !== 'document') return;
      const csp = r.headers()['content-security-policy'] ?? '';
      documents.push(`${r.request().method()} ${r.url()} ${r.status()} ${csp.slice(0, 20)}`);
    });
    await use(page);
    expect(problems, `the page logged no errors; documents: ${documents.join(' | ')}`).toEqual([]);
  },
});

export { expect };

/** Waits until the WASM has hydrated the page (the app marks <html data-hydrated>). */
export async function hydrated(page) {
  await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
}

/** A title no other test uses, so parallel tests never see each other's meetings. */
export function unique(prefix) {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page and fails on any violation (WCAG 2.1 A and AA, best practices). */
export async function expectAccessible(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }),
  );
  const violations = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(violations, `accessibility of ${label}`).toEqual([]);
}

/** Signs up a fresh organizer. */
export async function signUpFresh(page, name = 'Test Organizer') {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email address').fill(`${unique('org').replace(/\W/g, '')}@example.com`);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your meetings' })).toBeVisible();
}

/**
 * Through the API: a fresh organizer's `decide` meeting with one agenda item, one required
 * pre-read (`markdown`) and one decider, circulated. Returns the organizer's `auth` header, the
 * meeting, the pre-read and the person (with their personal `link`).
 */
export async function circulatedMeeting(request, { title = 'Circulated', markdown = '# Options\n\nA, B or C.' } = {}) {
  const signup = await request.post('/api/v1/auth/signup', {
    data: { name: 'Olga', email: `${unique('org').replace(/\W/g, '')}@example.com`, password: 'correct horse battery staple' },
  });
  const auth = { Authorization: `Bearer ${(await signup.json()).token}` };
  const meeting = await (
    await request.post('/api/v1/meetings', {
      headers: auth,
      data: { title: unique(title), purpose_kind: 'decide', outcome: 'A choice everyone signed', duration_minutes: 30, time_zone: 'UTC' },
    })
  ).json();
  await request.post(`/api/v1/meetings/${meeting.id}/agenda`, { headers: auth, data: { title: 'Choose', kind: 'decide', minutes: 20 } });
  const preread = await (
    await request.post(`/api/v1/meetings/${meeting.id}/prereads`, { headers: auth, data: { title: 'Options', markdown, required: true } })
  ).json();
  const person = await (
    await request.post(`/api/v1/meetings/${meeting.id}/attendees`, {
      headers: auth,
      data: { name: 'Dana', email: 'dana@example.com', role: 'decider', reason: 'she decides' },
    })
  ).json();
  expect((await request.post(`/api/v1/meetings/${meeting.id}/circulate`, { headers: auth })).status()).toBe(200);
  return { auth, meeting, preread, person };
}

/** Circulates from the Review step. A brief the verdict calls not ready needs the explicit
 *  "anyway" first (brief.spec.mjs tests that refusal itself; here it is only the way through). */
export async function circulateBrief(page) {
  const anyway = page.getByLabel('Circulate it anyway: I know it is not ready');
  if (await anyway.count()) await anyway.check();
  await page.getByRole('button', { name: 'Circulate the brief' }).click();
}
