// Page weight: an attendee's first visit to the brief (HTML, CSS, JS and WASM, as the server
// sends them compressed) stays within 150 KB, so it fits a phone on a slow connection.
import { test, expect, unique } from './support.mjs';

const BUDGET = 150 * 1024;

test('an attendee\'s first load of the brief weighs at most 150 KB', async ({ browser, request }) => {
  const signup = await request.post('/api/v1/auth/signup', {
    data: { name: 'Olga', email: `${unique('org').replace(/\W/g, '')}@example.com`, password: 'correct horse battery staple' },
  });
  const auth = { Authorization: `Bearer ${(await signup.json()).token}` };
  const meeting = await (
    await request.post('/api/v1/meetings', {
      headers: auth,
      data: { title: unique('Weigh-in'), purpose_kind: 'decide', outcome: 'A budget everyone signed', duration_minutes: 30, time_zone: 'UTC' },
    })
  ).json();
  await request.post(`/api/v1/meetings/${meeting.id}/prereads`, {
    headers: auth,
    data: { title: 'Options', markdown: '# Options\n\nA, B or C.\n\n- A is cheap\n- B is fast\n- C is both', required: true },
  });
  const person = await (
    await request.post(`/api/v1/meetings/${meeting.id}/attendees`, {
      headers: auth,
      data: { name: 'Dana', email: 'dana@example.com', role: 'decider', reason: 'she decides' },
    })
  ).json();
  expect((await request.post(`/api/v1/meetings/${meeting.id}/circulate`, { headers: auth })).status()).toBe(200);

  // a fresh browser with an empty cache; every response's body as sent on the wire
  const context = await browser.newContext();
  const page = await context.newPage();
  const loads = [];
  page.on('requestfinished', async (req) => {
    const sizes = await req.sizes();
    loads.push({ url: req.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  });
  await page.goto(new URL(person.link).pathname);
  await expect(page.getByRole('heading', { level: 1, name: meeting.title })).toBeVisible();
  await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
  await page.waitForLoadState('networkidle');
  const total = loads.reduce((sum, l) => sum + l.bytes, 0);
  for (const l of loads) console.log(`${String(l.bytes).padStart(8)}  ${new URL(l.url).pathname}`);
  console.log(`first load of the brief: ${(total / 1024).toFixed(1)} KB of ${BUDGET / 1024} KB`);
  expect(total, 'the first load of the brief, in bytes').toBeLessThanOrEqual(BUDGET);
  await context.close();
});
