// Every page on a phone (390 px wide), as the organizer and as an attendee, with JavaScript on
// and off: nothing makes the page pan sideways (a wide Markdown table or a long address scrolls
// in its own box), and the controls people tap are targets of at least 24 px (WCAG 2.2, 2.5.8).
import { test, expect, hydrated, unique } from './support.mjs';

const PASSWORD = 'correct horse battery staple';
const WIDE_TABLE = [
  '# Options',
  '',
  'The vendors, side by side:',
  '',
  '| Vendor | Monthly price | Support hours | Contract length | Data residency | Notes |',
  '|:-------|-------------:|:-------------:|-----------------|----------------|-------|',
  '| Acme Incorporated International | 12,400 | 24/7 with a named engineer | 36 months | Frankfurt and Dublin | Cheapest at scale |',
  '| Globex Corporation | 13,100 | office hours only | 12 months | Virginia | Fastest to set up |',
  '',
  '```',
  'curl -X POST https://api.example.com/v1/very/long/path/that/does/not/wrap/anywhere/at/all?with=parameters&and=more',
  '```',
  '',
  'Pick one.',
].join('\n');

async function setUp(request) {
  const email = `${unique('phone').replace(/\W/g, '')}@example.com`;
  const signup = await request.post('/api/v1/auth/signup', { data: { name: 'Olga Organizer', email, password: PASSWORD } });
  expect(signup.status()).toBe(201);
  const headers = { Authorization: `Bearer ${(await signup.json()).token}` };
  const post = async (path, data) => {
    const r = await request.post(path, { headers, data });
    expect(r.status(), `${path}: ${await r.text()}`).toBeLessThan(300);
    return r.json();
  };
  const meeting = await post('/api/v1/meetings', {
    title: unique('A rather long meeting title about the vendor choice for next year'),
    purpose_kind: 'decide', outcome: 'A signed choice between the two vendors', duration_minutes: 30,
    time_zone: 'Europe/Paris', starts_at: '2099-12-03T09:00:00Z',
  });
  const m = meeting.id;
  const dana = await post(`/api/v1/meetings/${m}/attendees`, {
    name: 'Dana Decider-Longname', email: 'dana.decider.with.a.very.long.address@subdomain.example.org',
    role: 'decider', reason: 'she signs the contract and owns the budget for the whole department',
  });
  await post(`/api/v1/meetings/${m}/attendees`, { name: 'Kai', email: 'kai@example.com', role: 'informed', reason: 'books the spend' });
  await post(`/api/v1/meetings/${m}/agenda`, { title: 'Choose the vendor', kind: 'decide', minutes: 20, owner_id: dana.id });
  const preread = await post(`/api/v1/meetings/${m}/prereads`, { title: 'Options', markdown: WIDE_TABLE, required: true });
  await post(`/api/v1/meetings/${m}/polls`, { question: 'Which vendor?', options: ['Acme Incorporated International', 'Globex'] });
  await post('/api/v1/webhooks', { url: 'https://hooks.example.com/a/rather/long/path/for/the/webhook/receiver', events: ['decision.made'] });
  await post(`/api/v1/meetings/${m}/circulate`, {});
  const team = await post('/api/v1/teams', { name: unique('A team with a name long enough to wrap on a phone'), norms: { no_meeting_days: [5] } });
  await post(`/api/v1/teams/${team.id}/members`, { email: 'someone.with.a.very.long.address@subdomain.example.org', name: 'Someone New', role: 'organizer' });
  return { email, m, preread: preread.id, link: dana.link, team: team.id };
}

/** Fails when the page is wider than the screen, naming the widest elements. */
async function fitsTheScreen(page, label) {
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .filter((el) => !el.closest('table, pre, .chart-scroll'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scroll: root.scrollWidth, client: root.clientWidth, wide };
  });
  expect(overflow.scroll, `${label} pans sideways: ${overflow.wide.join(', ')}`).toBeLessThanOrEqual(overflow.client);
}

/** Fails when a radio button, checkbox or comment link is smaller than 24 × 24 px. */
async function targetsAreLargeEnough(page, label) {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('input[type=radio], input[type=checkbox], .comment-link')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el: `${el.tagName.toLowerCase()}#${el.id}.${el.className}`, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 23.5 || r.height < 23.5)
      .map(({ el, r }) => `${el} ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
  expect(small, `small targets on ${label}`).toEqual([]);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`on a phone with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

    test('no page pans sideways and every control is a large enough target', async ({ page, browser, request }) => {
      const { email, m, preread, link, team } = await setUp(request);
      const visit = async (p, path, label) => {
        await p.goto(path);
        await expect(p.locator('main h1').first()).toBeVisible();
        if (javaScriptEnabled) await hydrated(p);
        await fitsTheScreen(p, label);
        await targetsAreLargeEnough(p, label);
      };
      await page.goto('/login');
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your meetings' })).toBeVisible();
      // the list shows the start in the meeting's own zone, named
      await expect(page.locator('.meeting-list-item').first()).toContainText('Thu 3 Dec, 10:00 (Europe/Paris)');
      // the header stays within two rows
      const header = await page.locator('.site-header').boundingBox();
      expect(header.height, 'the header on a phone').toBeLessThan(100);
      for (const [path, label] of [
        ['/', 'the dashboard'],
        ['/settings', 'the settings'],
        ['/teams', 'the teams'],
        [`/teams/${team}`, 'a team'],
        ['/meetings/new', 'a new meeting'],
        [`/meetings/${m}`, 'the brief'],
        [`/meetings/${m}/purpose`, 'the purpose step'],
        [`/meetings/${m}/people`, 'the people step'],
        [`/meetings/${m}/agenda`, 'the agenda step'],
        [`/meetings/${m}/prereads`, 'the pre-reads step'],
        [`/meetings/${m}/prereads/${preread}`, 'a pre-read'],
        [`/meetings/${m}/prereads/${preread}/edit`, 'the pre-read editor'],
        [`/meetings/${m}/review`, 'the review'],
        [`/meetings/${m}/verdict`, 'the verdict'],
      ]) {
        await visit(page, path, `${label} (organizer)`);
      }
      for (const [path, label] of [['/signup', 'sign up'], ['/login', 'sign in']]) {
        const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 }, isMobile: true });
        await visit(await context.newPage(), path, label);
        await context.close();
      }
      const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 }, isMobile: true });
      const guest = await context.newPage();
      await guest.goto(new URL(link).pathname);
      await expect(guest).toHaveURL(new RegExp(`/meetings/${m}$`));
      for (const [path, label] of [
        [`/meetings/${m}`, 'the brief'],
        [`/meetings/${m}/prereads/${preread}`, 'a pre-read'],
        [`/meetings/${m}/verdict`, 'the verdict'],
        ['/', 'the invitations'],
      ]) {
        await visit(guest, path, `${label} (attendee)`);
      }
      await context.close();
    });
  });
}
