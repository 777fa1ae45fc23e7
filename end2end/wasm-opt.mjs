// `wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int` on every file named,
// in place, in one process. npm's binaryen is itself WebAssembly run by Node: each `wasm-opt`
// command pays about a second to start, which the bundle's two dozen lazy-island chunks would
// pay each (25 s, against 5 s here). Used by the release build (server/bundle); never Debian's
// binaryen (STACK.md).
// Usage: node end2end/wasm-opt.mjs <file.wasm>...
import { readFileSync, writeFileSync } from 'node:fs';

// The splitter leaves a names subsection binaryen does not know (and drops anyway); its
// warning, once per chunk, says nothing about our code.
const quiet = (write) => (chunk, ...rest) =>
  String(chunk).startsWith('warning: unknown name subsection') ? true : write(chunk, ...rest);
process.stderr.write = quiet(process.stderr.write.bind(process.stderr));
process.stdout.write = quiet(process.stdout.write.bind(process.stdout));
const { default: binaryen } = await import('binaryen');

binaryen.setOptimizeLevel(2);
binaryen.setShrinkLevel(2);
// The names section is for debugging; a release keeps none (as the command line does).
binaryen.setDebugInfo(false);

for (const file of process.argv.slice(2)) {
  const module = binaryen.readBinary(readFileSync(file));
  module.setFeatures(
    module.getFeatures() | binaryen.Features.BulkMemory | binaryen.Features.NontrappingFPToInt,
  );
  if (!module.validate()) {
    console.error(`wasm-opt: ${file} is not valid WebAssembly`);
    process.exit(1);
  }
  module.optimize();
  writeFileSync(file, module.emitBinary());
  module.dispose();
}
