// What Prework sends reaches people: an attendee opens the personal link from the invitation
// the server actually delivered (into its Maildir), in a fresh browser with no session.
import { test, expect, unique } from './support.mjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Decodes a quoted-printable body enough to read links and text. */
function decode(raw) {
  const joined = raw.replace(/=\r\n/g, '');
  const bytes = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The delivered messages to `address`, waiting (bounded) until there is one. */
async function inbox(address) {
  const dir = join(process.env.PREWORK_E2E_MAILDIR, 'new');
  for (let i = 0; i < 100; i++) {
    let files = [];
    try {
      files = readdirSync(dir);
    } catch {}
    const mails = files.map((f) => readFileSync(join(dir, f), 'utf8')).filter((m) => m.includes(`<${address}>`));
    if (mails.length > 0) return mails.map(decode);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing was delivered to ${address} within 10 s`);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('an attendee opens the link in the invitation they received', async ({ browser, request }) => {
      const title = unique('Budget review');
      const email = `${unique('org').replace(/\W/g, '')}@example.com`;
      const signup = await request.post('/api/v1/auth/signup', {
        data: { name: 'Olga', email, password: 'correct horse battery staple' },
      });
      expect(signup.status()).toBe(201);
      const auth = { Authorization: `Bearer ${(await signup.json()).token}` };
      const meeting = await (
        await request.post('/api/v1/meetings', {
          headers: auth,
          data: { title, purpose_kind: 'decide', outcome: 'A budget everyone signed', duration_minutes: 30, time_zone: 'UTC' },
        })
      ).json();
      const attendee = `${unique('dana').replace(/\W/g, '')}@example.com`;
      // Dana works every day, from two hours before now to two hours after (UTC, a window that
      // may cross midnight), so the invitation is sent at once whatever minute the test runs at
      const hour = new Date().getUTCHours();
      const at = (h) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
      const added = await request.post(`/api/v1/meetings/${meeting.id}/attendees`, {
        headers: auth,
        data: {
          name: 'Dana', email: attendee, role: 'decider', reason: 'she owns the budget',
          work_start: at(hour - 2), work_end: at(hour + 2), work_days: [1, 2, 3, 4, 5, 6, 7],
        },
      });
      expect(added.status()).toBe(201);
      expect((await request.post(`/api/v1/meetings/${meeting.id}/circulate`, { headers: auth })).status()).toBe(200);

      const [invitation] = await inbox(attendee);
      expect(invitation).toContain(`Subject: Prepare for: ${title}`);
      expect(invitation).toContain('You are here as decider. Why you: she owns the budget.');
      const link = /http:\/\/[^\s"<>]+\/i\/pwa_[A-Za-z0-9_-]+/.exec(invitation)?.[0];
      expect(link, 'the invitation carries a personal link').toBeTruthy();

      // a fresh browser: no cookie, nothing but the link
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(new URL(link).pathname);
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(page.getByText('You are here as decider because she owns the budget')).toBeVisible();
      await context.close();
    });
  });
}
