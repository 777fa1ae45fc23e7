// The WASM budget: the hydrate bundle (WASM + its JS glue) at most 90 KB after brotli at
// quality 11. Prints raw, gzip and brotli sizes of each file against that budget; exits 1 when
// the bundle is over the ceiling enforced today (a ratchet on the way down to the budget: it
// only ever moves towards 90 KB). Run by `make test` (after the release build) and `make bench`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const BUDGET = 90 * 1024;
// Islands took the bundle from 621 KB to 128 KB; the ceiling keeps it from growing back while
// the rest of the way to the budget is made.
const CEILING = 132 * 1024;
const pkg = process.argv[2] ?? join(import.meta.dirname, '..', 'target', 'site', 'pkg');
const files = readdirSync(pkg).filter((f) => /\.(wasm|js)$/.test(f));
if (!files.some((f) => f.endsWith('.wasm'))) {
  console.error(`no .wasm in ${pkg}: build first (make build)`);
  process.exit(2);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let total = 0;
for (const file of files.sort()) {
  const raw = readFileSync(join(pkg, file));
  const gz = gzipSync(raw, { level: 9 }).length;
  const br = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  }).length;
  total += br;
  console.log(`${file.padEnd(40)} raw ${kb(raw.length).padStart(10)}  gzip ${kb(gz).padStart(9)}  brotli ${kb(br).padStart(9)}`);
}
console.log(`hydrate bundle (brotli 11): ${kb(total)}; budget ${kb(BUDGET)}, enforced ceiling ${kb(CEILING)}`);
if (total > BUDGET) console.log(`over the budget by ${kb(total - BUDGET)}`);
if (total > CEILING) {
  console.error(`over the enforced ceiling by ${kb(total - CEILING)}`);
  process.exit(1);
}
