import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:3300';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
const page = await ctx.newPage();
await page.goto(base + '/signup');
await page.getByLabel('Your name').fill('Olivia');
await page.getByLabel('Email address').fill(`olivia${Date.now()}@example.com`);
await page.getByLabel('Password').fill('correct horse battery staple');
await page.getByRole('button', { name: 'Create account' }).click();
await page.getByRole('heading', { name: 'Your meetings' }).waitFor();
const api = async (method, path, data) => {
  const r = await page.request.fetch(base + path, { method, data, headers: { Origin: base } });
  if (!r.ok()) throw new Error(`${method} ${path} ${r.status()} ${await r.text()}`);
  return r.json();
};
const m = await api('POST', '/api/v1/meetings', { title: 'Q3 vendor choice', purpose_kind: 'brainstorm', outcome: 'Three options worth a pilot', duration_minutes: 60, time_zone: 'Europe/Paris', starts_at: '2026-12-02T14:00:00Z', hourly_rate: 90 });
const people = [['Dana', 'decider', null], ['Ana', 'facilitator', 'America/New_York'], ['Ben', 'contributor', null], ['Chen', 'contributor', 'Asia/Singapore'], ['Eve', 'contributor', null], ['Finn', 'facilitator', null], ['Gus', 'contributor', null], ['Kai', 'informed', null]];
const ids = {};
for (const [name, role, tz] of people) {
  const a = await api('POST', `/api/v1/meetings/${m.id}/attendees`, { name, email: `${name.toLowerCase()}@example.com`, role, reason: 'knows the vendors', time_zone: tz });
  ids[name] = a;
}
await api('POST', `/api/v1/meetings/${m.id}/agenda`, { title: 'Ideas for the pilot', kind: 'discuss', minutes: 30 });
const done = await api('POST', `/api/v1/meetings/${m.id}/agenda`, { title: 'Budget envelope', kind: 'decide', minutes: 15 });
await api('PATCH', `/api/v1/agenda/${done.id}`, { resolved_async: true, resolution: 'Up to 120k, agreed in writing' });
await api('POST', `/api/v1/meetings/${m.id}/circulate`, {});
const p = await api('POST', `/api/v1/meetings/${m.id}/prereads`, { title: 'Vendor options', markdown: '# Options\n\nWe looked at two vendors this quarter.\n\nAcme costs **40% more** but includes support.\n\n| Vendor | Price |\n|---|---|\n| Acme | 120k |\n| Globex | 85k |\n' });
const ana = await ctx.request.fetch(base + `/api/v1/prereads/${p.id}/comments`, { method: 'POST', data: { block_id: p.blocks[2].id, kind: 'concern', body: 'Is the support worth 35k a year?' }, headers: { Authorization: `Bearer ${ids.Ana.token}` } });
await page.goto(`${base}/meetings/${m.id}/verdict`);
await page.waitForSelector('h1');
await page.screenshot({ path: '/tmp/verdict.png', fullPage: true });
await page.goto(`${base}/meetings/${m.id}/prereads/${p.id}`);
await page.screenshot({ path: '/tmp/preread.png', fullPage: true });
await page.goto(`${base}/`);
await page.screenshot({ path: '/tmp/dashboard.png' });
await browser.close();
