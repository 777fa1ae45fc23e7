// Page weight: an attendee's first visit to the brief (HTML, CSS, JS and WASM, as the server
// sends them compressed) stays within 150 KB, so it fits a phone on a slow connection.
import { test, expect, circulatedMeeting } from './support.mjs';

const BUDGET = 150 * 1024;

test('an attendee\'s first load of the brief weighs at most 150 KB', async ({ browser, request }) => {
  const { meeting, person } = await circulatedMeeting(request, {
    title: 'Weigh-in',
    markdown: '# Options\n\nA, B or C.\n\n- A is cheap\n- B is fast\n- C is both',
  });

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
