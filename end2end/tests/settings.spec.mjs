// The organizer's settings: working hours and webhooks, with and without JavaScript. A webhook
// registered on the page receives a real signed event on a loopback server this test runs.
import { test, expect, unique, expectAccessible, hydrated } from './support.mjs';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';

/** An HTTP server on a free loopback port that keeps what it is sent. */
async function receiver() {
  const received = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/hook`, received, close: () => server.close() };
}

async function until(check, what) {
  for (let i = 0; i < 200; i++) {
    const value = check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} within 20 s`);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled, expectedHttpErrors: [422] });

    test('an organizer sets their working hours and registers a webhook that receives signed events', async ({ page, request }) => {
      const email = `${unique('olga').replace(/\W/g, '')}@example.com`;
      const password = 'correct horse battery staple';
      await page.goto('/signup');
      await page.getByLabel('Your name').fill('Olga');
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your meetings' })).toBeVisible();

      await page.getByRole('link', { name: 'Settings' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
      if (javaScriptEnabled) {
        await hydrated(page);
        // axe runs as a script in the page: only with JavaScript on
        await expectAccessible(page, 'the settings page');
      }

      // hours: Berlin, 08:00 to 16:00, Monday to Thursday
      await page.getByLabel('Time zone').selectOption('Europe/Berlin');
      await page.getByLabel('Working day starts (optional)').fill('08:00');
      await page.getByLabel('Working day ends (optional)').fill('16:00');
      await page.getByRole('checkbox', { name: 'Friday' }).uncheck();
      await page.getByRole('button', { name: 'Save hours' }).click();
      await expect(page.getByText('Your working hours are saved.')).toBeVisible();

      const login = await request.post('/api/v1/auth/login', { data: { email, password } });
      const auth = { Authorization: `Bearer ${(await login.json()).token}` };
      const me = await (await request.get('/api/v1/me', { headers: auth })).json();
      expect(me).toMatchObject({ name: 'Olga', time_zone: 'Europe/Berlin', work_start: '08:00', work_end: '16:00', work_days: [1, 2, 3, 4] });

      // no working day at all: a clear error, the other answers kept, nothing saved
      await page.goto('/settings');
      if (javaScriptEnabled) await hydrated(page);
      await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Berlin');
      for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday']) {
        await page.getByRole('checkbox', { name: day }).uncheck();
      }
      await page.getByLabel('Working day starts (optional)').fill('07:30');
      await page.getByRole('button', { name: 'Save hours' }).click();
      await expect(page.getByRole('link', { name: 'Choose at least one working day' })).toBeVisible();
      await expect(page.getByLabel('Working day starts (optional)')).toHaveValue('07:30');
      const unchanged = await (await request.get('/api/v1/me', { headers: auth })).json();
      expect(unchanged.work_start).toBe('08:00');
      expect(unchanged.work_days).toEqual([1, 2, 3, 4]);

      // a webhook, its secret shown once
      const hook = await receiver();
      try {
        await page.goto('/settings');
        if (javaScriptEnabled) await hydrated(page);
        await expect(page.getByText('No webhooks yet.')).toBeVisible();
        await page.getByLabel('URL').fill(hook.url);
        await page.getByRole('checkbox', { name: 'meeting.circulated' }).check();
        await page.getByRole('button', { name: 'Add webhook' }).click();
        const secretField = page.getByLabel('Signing secret');
        await expect(secretField).toHaveValue(/^whsec_[0-9a-f]{48}$/);
        const secret = await secretField.inputValue();
        await expect(page.getByRole('cell', { name: hook.url, exact: true })).toBeVisible();
        await page.reload();
        await expect(page.getByRole('cell', { name: hook.url, exact: true })).toBeVisible();
        await expect(page.getByLabel('Signing secret')).toHaveCount(0);

        // circulating a meeting sends the event, signed with that secret
        const meeting = await (
          await request.post('/api/v1/meetings', {
            headers: auth,
            data: { title: unique('Hooked'), purpose_kind: 'decide', outcome: 'A decision', duration_minutes: 30, time_zone: 'UTC' },
          })
        ).json();
        await request.post(`/api/v1/meetings/${meeting.id}/attendees`, {
          headers: auth,
          data: { name: 'Dana', role: 'decider', reason: 'she decides' },
        });
        expect((await request.post(`/api/v1/meetings/${meeting.id}/circulate`, { headers: auth })).status()).toBe(200);
        const event = await until(() => hook.received.find((r) => r.body.includes(meeting.id)), 'the webhook received the event');
        const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(event.headers['prework-signature']);
        expect(createHmac('sha256', secret).update(`${t}.${event.body}`).digest('hex')).toBe(v1);
        expect(JSON.parse(event.body).event).toBe('meeting.circulated');

        // deleting it
        await page.getByRole('button', { name: `Delete the webhook to ${hook.url}` }).click();
        await expect(page.getByText('No webhooks yet.')).toBeVisible();
        const left = await (await request.get('/api/v1/webhooks', { headers: auth })).json();
        expect(left.webhooks).toEqual([]);
      } finally {
        hook.close();
      }
    });

    test('a webhook address that is not http(s) is refused, the answers kept', async ({ page }) => {
      await page.goto('/signup');
      await page.getByLabel('Your name').fill('Olga');
      await page.getByLabel('Email address').fill(`${unique('olga').replace(/\W/g, '')}@example.com`);
      await page.getByLabel('Password').fill('correct horse battery staple');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your meetings' })).toBeVisible();
      await page.goto('/settings');
      if (javaScriptEnabled) await hydrated(page);
      await page.getByLabel('URL').fill('ftp://files.example.com/drop');
      await page.getByRole('checkbox', { name: 'decision.made' }).check();
      await page.getByRole('button', { name: 'Add webhook' }).click();
      await expect(page.locator('.error-summary')).toBeVisible();
      await expect(page.getByLabel('URL')).toHaveValue('ftp://files.example.com/drop');
      await expect(page.getByRole('checkbox', { name: 'decision.made' })).toBeChecked();
      await expect(page.getByText('No webhooks yet.')).toBeVisible();
    });
  });
}
