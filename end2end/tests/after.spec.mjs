// After the meeting, with and without JavaScript, on a laptop and a phone: the organizer holds a
// meeting with two action items; their owner marks one done from her personal link; once the
// meeting has ended three people say whether it was worth it from their links (the link opens
// the page, only its button records); the organizer reads the answers together; the team's
// lead reads the insights, charts and tables.
import { test, expect, unique, expectAccessible, hydrated } from './support.mjs';

const PASSWORD = 'correct horse battery staple';

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('action items, "was it worth it?" and the lead’s insights', async ({ page, browser, request }, info) => {
      test.setTimeout(180_000);
      const settle = async (on = page) => {
        if (javaScriptEnabled) await hydrated(on);
      };
      const a11y = async (on, label) => {
        if (javaScriptEnabled) await expectAccessible(on, label);
      };
      // the team, its meeting and its people, through the API
      const email = `${unique('lead').replace(/\W/g, '')}@example.com`;
      const signup = await request.post('/api/v1/auth/signup', { data: { name: 'Lena', email, password: PASSWORD } });
      const auth = { Authorization: `Bearer ${(await signup.json()).token}` };
      const teamName = unique('Platform');
      const team = await (
        await request.post('/api/v1/teams', {
          headers: auth,
          data: { name: teamName, norms: { min_response_hours: 0, min_lead_hours: 0, hourly_rate: 90 } },
        })
      ).json();
      // a one-minute meeting starting in 40 s: it will have ended before the answers are due
      const startsAt = Date.now() + 40_000;
      const title = unique('Vendor choice');
      const meeting = await (
        await request.post('/api/v1/meetings', {
          headers: auth,
          data: {
            title, purpose_kind: 'decide', outcome: 'A vendor everyone signed', duration_minutes: 1,
            time_zone: 'UTC', starts_at: new Date(startsAt).toISOString(), team_id: team.id,
          },
        })
      ).json();
      const m = meeting.id;
      expect((await request.post(`/api/v1/meetings/${m}/agenda`, { headers: auth, data: { title: 'Choose', kind: 'decide', minutes: 1 } })).status()).toBe(201);
      await request.post(`/api/v1/meetings/${m}/prereads`, { headers: auth, data: { title: 'Options', markdown: 'A or B?', required: true } });
      const people = {};
      for (const [name, role] of [['Ana', 'decider'], ['Ben', 'contributor'], ['Cy', 'contributor']]) {
        const p = await request.post(`/api/v1/meetings/${m}/attendees`, {
          headers: auth,
          data: { name, email: `${name.toLowerCase()}@example.com`, role, reason: 'Needed' },
        });
        expect(p.status()).toBe(201);
        people[name] = await p.json();
      }
      expect((await request.post(`/api/v1/meetings/${m}/circulate`, { headers: auth })).status()).toBe(200);

      // the organizer holds it with two action items
      await page.goto('/login');
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your meetings' })).toBeVisible();
      await page.goto(`/meetings/${m}/verdict`);
      await settle();
      await page.getByRole('link', { name: 'Hold it' }).click();
      await expect(page.getByRole('heading', { name: 'Hold it?' })).toBeVisible();
      await settle();
      await page.getByLabel('Action item 1: what').fill('Send the contract');
      await page.locator('#a1_owner').selectOption({ label: 'Ana' });
      await page.locator('#a1_due').fill('2026-12-18');
      await page.getByLabel('Action item 2: what').fill('Book the kickoff');
      await page.locator('#a2_owner').selectOption({ label: 'Ben' });
      await page.locator('#a2_due').fill('2027-01-05');
      await a11y(page, 'the decision with its action items');
      await page.getByRole('button', { name: 'Yes, hold it' }).click();
      const record = page.getByRole('region', { name: 'Outcome record' });
      await expect(record).toContainText('Send the contract: Ana, due 2026-12-18');
      await expect(record).toContainText('Book the kickoff: Ben, due 2027-01-05');
      const items = page.getByRole('region', { name: 'Action items' });
      await expect(items.getByText('Send the contract', { exact: true })).toBeVisible();
      await settle();
      await a11y(page, 'the verdict page with its action items');

      // Ana marks hers done from her link; Ben's is not hers to mark
      const anaContext = await browser.newContext({ javaScriptEnabled });
      const ana = await anaContext.newPage();
      await ana.goto(`/i/${people.Ana.token}`);
      await expect(ana.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await settle(ana);
      const hers = ana.getByRole('region', { name: 'Action items' });
      await expect(hers.getByRole('button', { name: 'Mark done: Book the kickoff' })).toHaveCount(0);
      await hers.getByRole('button', { name: 'Mark done: Send the contract' }).click();
      await expect(hers.getByRole('button', { name: 'Open it again: Send the contract' })).toBeVisible();
      await expect(hers.locator('.tag.done')).toHaveCount(1);
      await a11y(ana, 'the brief with an action item done');

      // once it has ended, three people answer from the links of their message
      const wait = startsAt + 60_000 + 2_000 - Date.now();
      if (wait > 0) await page.waitForTimeout(wait);
      for (const [name, score, better] of [['Ana', 4, null], ['Ben', 2, 'It could have been async'], ['Cy', 5, null]]) {
        const context = name === 'Ana' ? anaContext : await browser.newContext({ javaScriptEnabled });
        const them = await context.newPage();
        await them.goto(`/i/${people[name].token}?feedback=${score}`);
        await expect(them.getByRole('heading', { level: 1, name: 'Was it worth it?' })).toBeVisible();
        await settle(them);
        await expect(them.getByRole('radio', { checked: true })).toHaveAttribute('value', String(score));
        if (better) await them.getByLabel(better).check();
        if (name === 'Ana') await a11y(them, 'the feedback page');
        await them.getByRole('button', { name: 'Send my answer' }).click();
        await expect(them.getByText('Thank you: your answer is recorded').first()).toBeVisible();
        await context.close();
      }

      // the organizer reads them together: 11 / 3
      await page.goto(`/meetings/${m}/feedback`);
      await expect(page.getByText('3 of 3 people who met answered.')).toBeVisible();
      await expect(page.getByText('On average 3.7 of 5.')).toBeVisible();
      await settle();
      await a11y(page, 'the answers together');

      // the lead's insights on the team page
      await page.goto(`/teams/${team.id}`);
      await expect(page.getByRole('heading', { name: 'Insights: the last 12 weeks' })).toBeVisible();
      await settle();
      const insights = page.getByRole('region', { name: 'Insights: the last 12 weeks' });
      await expect(insights.getByRole('img', { name: /^Attendee-hours per week/ })).toBeVisible();
      await expect(insights.getByRole('img', { name: /^Hours a week in meetings per member/ })).toBeVisible();
      await expect(insights.getByRole('link', { name: 'Download the weeks as CSV' })).toBeVisible();
      await a11y(page, 'the team page with its insights');
      await insights.screenshot({ path: `test-results/insights-${info.project.name}-js-${javaScriptEnabled ? 'on' : 'off'}.png` });
    });
  });
}
