// An attendee opening their link on a phone over slow 4G (150 ms, 1.6 Mbps down, Chromium's
// network emulation): when the brief paints, and when its islands have hydrated
// (`<html data-hydrated>`), from the start of navigation, and the bytes the brief's first load
// brings (written to target/bench/first-load.json for `make bench`'s table). The aim is hydrated
// under 1.5 s.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, circulatedMeeting } from '../tests/support.mjs';

const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

test('slow 4G: the attendee\'s brief and a pre-read paint and hydrate', async ({ browser, request }) => {
  const { meeting, preread, person } = await circulatedMeeting(request, {
    title: 'Slow 4G',
    markdown: '# Options\n\n' + 'A paragraph to read and comment on.\n\n'.repeat(30),
  });
  const link = new URL(person.link).pathname;
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  // note the moment `data-hydrated` appears (checked every 5 ms from the start of the page)
  await context.addInitScript(() => {
    const timer = setInterval(() => {
      if (document.documentElement?.dataset.hydrated) {
        window.__hydratedAt = performance.now();
        clearInterval(timer);
      }
    }, 5);
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  // every byte the first load of the brief brings over the wire (headers and compression included)
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
  });
  for (const [what, path] of [
    ['brief', link],
    ['pre-read', `/meetings/${meeting.id}/prereads/${preread.id}`],
  ]) {
    await page.goto(path);
    await expect(page.locator('html[data-hydrated]')).toHaveCount(1, { timeout: 30_000 });
    const t = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      hydrated: window.__hydratedAt,
    }));
    console.log(`slow 4G, ${what}: first paint ${(t.paint / 1000).toFixed(2)} s, hydrated ${(t.hydrated / 1000).toFixed(2)} s (aim: under 1.5 s)`);
    if (what === 'brief') {
      const dir = join(import.meta.dirname, '..', '..', 'target', 'bench');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'first-load.json'), JSON.stringify({ ...t, bytes }));
    }
  }
  await context.close();
});
