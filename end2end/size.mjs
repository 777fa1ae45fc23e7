// The WASM budget: the hydrate bundle every page loads (the entry WASM, its JS glue and the
// loader of lazy islands) at most 90 KB after brotli at quality 11. Islands that only some
// pages have (the live verdict, the Markdown preview, the purpose hints, the agenda totals) are
// lazy: their code is split into chunks that load with the page that shows them, and each is
// printed with what it adds. Prints raw, gzip and brotli sizes (and writes the bundle's to
// target/bench/bundle.json for `make bench`'s table); exits 1 over the budget. Run by
// `make test` (after the release build) and `make bench`.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const BUDGET = 90 * 1024;
const root = join(import.meta.dirname, '..');
const pkg = process.argv[2] ?? join(root, 'target', 'site', 'pkg');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const sizes = new Map();
function measure(file) {
  if (!sizes.has(file)) {
    const raw = readFileSync(join(pkg, file));
    sizes.set(file, {
      raw: raw.length,
      gzip: gzipSync(raw, { level: 9 }).length,
      brotli: brotliCompressSync(raw, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
      }).length,
    });
  }
  return sizes.get(file);
}
const row = (name, s) =>
  console.log(`${name.padEnd(58)} raw ${kb(s.raw).padStart(9)}  gzip ${kb(s.gzip).padStart(8)}  brotli ${kb(s.brotli).padStart(8)}`);
const sum = (files) =>
  files.map(measure).reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });

// A release build names its files by content and lists the hashes beside the server binary.
const hashFile = join(root, 'target', 'release', 'hash.txt');
const hashes = Object.fromEntries(
  existsSync(hashFile) && !process.argv[2]
    ? readFileSync(hashFile, 'utf8').split('\n').map((l) => l.split(':').map((p) => p.trim())).filter(([k, v]) => k && v)
    : [],
);
const entry = hashes.wasm
  ? [`prework.${hashes.wasm}.wasm`, `prework.${hashes.js}.js`, ...(hashes.split ? [`__wasm_split.${hashes.split}.js`] : [])]
  : readdirSync(pkg).filter((f) => /^(prework[._].*\.(wasm|js)|__wasm_split\..*\.js)$/.test(f));
if (!entry.some((f) => f.endsWith('.wasm')) || !entry.every((f) => existsSync(join(pkg, f)))) {
  console.error(`no release bundle in ${pkg}: build first (make build)`);
  process.exit(2);
}

console.log('every page loads:');
for (const file of entry) row(`  ${file}`, measure(file));
const total = sum(entry);
row('  hydrate bundle', total);

// Lazy islands: each loader's chunks, as the split manifest lists them.
const manifestFile = hashes.manifest ? `__wasm_split_manifest.${hashes.manifest}.json` : '__wasm_split_manifest.json';
if (existsSync(join(pkg, manifestFile))) {
  const manifest = JSON.parse(readFileSync(join(pkg, manifestFile), 'utf8'));
  console.log('a page with a lazy island loads besides (chunks shared between islands load once):');
  for (const [loader, chunks] of Object.entries(manifest).sort()) {
    const files = chunks.map((c) => `${c}.wasm`).filter((f) => existsSync(join(pkg, f)));
    row(`  ${loader.replace(/_loader_\d+$/, '')}`, sum(files));
  }
}

console.log(`hydrate bundle (brotli 11): ${kb(total.brotli)}; budget ${kb(BUDGET)}`);
// for `make bench`'s table (server/benches/load)
mkdirSync(join(root, 'target', 'bench'), { recursive: true });
writeFileSync(join(root, 'target', 'bench', 'bundle.json'), JSON.stringify({ ...total, budget: BUDGET }));
if (total.brotli > BUDGET) {
  console.error(`over the budget by ${kb(total.brotli - BUDGET)}`);
  process.exit(1);
}
