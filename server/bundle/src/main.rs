//! Builds the site the release server serves, from the WASM Cargo built: what `cargo leptos
//! build --release --split --precompress` does, as a step of its own so that neither
//! cargo-leptos nor the wasm-bindgen CLI has to be compiled on a fresh machine, and so that
//! `make build` can compile the server, the WASM and this tool at the same time.
//!
//! ```text
//! bundle --wasm <front.wasm> --style <main.css> --assets <public/> --site <target/site>
//!        --hash-file <target/release/hash.txt> --wasm-opt <end2end/wasm-opt.mjs>
//! ```
//!
//! In order: the lazy islands are split out of the WASM (`wasm_split_cli_support`, the library
//! cargo-leptos calls), wasm-bindgen writes the JS glue (`wasm-bindgen-cli-support`, the CLI's
//! own library), binaryen's `-Oz` shrinks every module and esbuild minifies the JS and the
//! stylesheet (both from npm), every file is named after its content
//! ([`names`]), and everything is precompressed with brotli and gzip ([`compress`]). The site
//! is built beside the old one and swapped in whole, and the hash file, which tells the server
//! the names, is written last: a server started at any moment finds a complete site.

mod compress;
mod names;

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The bundle's base name: `prework.<hash>.wasm`, as the server expects it.
const OUTPUT_NAME: &str = "prework";
/// The split WASM imports its chunk loader under this name, and the loader's final name must
/// fit in its place inside the WASM modules: 22 characters, the length of a content hash.
const LOADER_PLACEHOLDER: &str = "__wasm_split.______________________.js";
const MANIFEST: &str = "__wasm_split_manifest.json";

struct Args {
    wasm: PathBuf,
    style: PathBuf,
    assets: PathBuf,
    site: PathBuf,
    hash_file: PathBuf,
    wasm_opt: PathBuf,
}

fn main() -> Result<()> {
    let args = parse_args(std::env::args().skip(1))?;
    let started = std::time::Instant::now();
    let staging = with_suffix(&args.site, ".new");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    let pkg = staging.join("pkg");
    std::fs::create_dir_all(&pkg)?;

    let mut step = Steps::start();
    copy_dir(&args.assets, &staging)
        .with_context(|| format!("copying {}", args.assets.display()))?;
    let chunks = split(&args.wasm, &pkg)?;
    step.done("split");
    bindgen(&pkg, &args.wasm)?;
    step.done("wasm-bindgen");
    optimise(&args.wasm_opt, &pkg, &chunks)?;
    step.done("wasm-opt");
    let js = pkg.join(format!("{OUTPUT_NAME}.js"));
    minify(&js, &js)?;
    minify(&args.style, &pkg.join(format!("{OUTPUT_NAME}.css")))?;
    step.done("esbuild");
    let hashes = names::name_by_content(&pkg, OUTPUT_NAME, LOADER_PLACEHOLDER, MANIFEST, &chunks)?;
    compress::precompress(&staging)?;
    step.done("names and compression");

    // Swap the whole site in, then tell the server its names.
    let old = with_suffix(&args.site, ".old");
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    if args.site.exists() {
        std::fs::rename(&args.site, &old)?;
    }
    std::fs::rename(&staging, &args.site)?;
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    if let Some(dir) = args.hash_file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let hash_tmp = with_suffix(&args.hash_file, ".new");
    std::fs::write(&hash_tmp, hashes)?;
    std::fs::rename(&hash_tmp, &args.hash_file)?;
    eprintln!(
        "bundle: {} ready in {:.1} s ({})",
        args.site.display(),
        started.elapsed().as_secs_f64(),
        step.times.join(", ")
    );
    Ok(())
}

/// How long each step took, for the build log.
struct Steps {
    since: std::time::Instant,
    times: Vec<String>,
}

impl Steps {
    fn start() -> Self {
        Self {
            since: std::time::Instant::now(),
            times: Vec::new(),
        }
    }

    fn done(&mut self, what: &str) {
        let now = std::time::Instant::now();
        let took = now - std::mem::replace(&mut self.since, now);
        self.times
            .push(format!("{what} {:.1} s", took.as_secs_f64()));
    }
}

fn parse_args(mut raw: impl Iterator<Item = String>) -> Result<Args> {
    let (mut wasm, mut style, mut assets, mut site, mut hash_file, mut wasm_opt) =
        (None, None, None, None, None, None);
    while let Some(flag) = raw.next() {
        let slot = match flag.as_str() {
            "--wasm" => &mut wasm,
            "--style" => &mut style,
            "--assets" => &mut assets,
            "--site" => &mut site,
            "--hash-file" => &mut hash_file,
            "--wasm-opt" => &mut wasm_opt,
            other => bail!("unknown argument {other:?}"),
        };
        let value = raw.next().with_context(|| format!("{flag} needs a path"))?;
        *slot = Some(PathBuf::from(value));
    }
    let need =
        |value: Option<PathBuf>, flag: &str| value.with_context(|| format!("{flag} is required"));
    Ok(Args {
        wasm: need(wasm, "--wasm")?,
        style: need(style, "--style")?,
        assets: need(assets, "--assets")?,
        site: need(site, "--site")?,
        hash_file: need(hash_file, "--hash-file")?,
        wasm_opt: need(wasm_opt, "--wasm-opt")?,
    })
}

/// Moves each `#[island(lazy)]` into a chunk of its own (`pkg/<chunk>.wasm`), writes the
/// loader beside them and the manifest the server reads to preload a page's chunks, and leaves
/// the main module for wasm-bindgen beside the input. Returns the chunks' file names.
fn split(wasm: &Path, pkg: &Path) -> Result<Vec<String>> {
    let input = std::fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let main_out = split_main(wasm);
    let main_module = format!("./{OUTPUT_NAME}.js");
    let link_name = format!("./{LOADER_PLACEHOLDER}");
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = pkg;
        options.main_out_path = &main_out;
        options.main_module = &main_module;
        options.link_name = &link_name;
        options
    })
    .map_err(|e| anyhow::anyhow!("splitting {}: {e:?}", wasm.display()))?;
    std::fs::write(
        pkg.join(MANIFEST),
        serde_json::to_string_pretty(&split.prefetch_map)?,
    )?;
    split
        .split_modules
        .iter()
        .map(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .map(str::to_owned)
                .with_context(|| format!("a chunk without a name: {}", path.display()))
        })
        .collect()
}

fn split_main(wasm: &Path) -> PathBuf {
    with_suffix(&wasm.with_extension(""), "_split.wasm")
}

/// The JS glue and the final main module: `pkg/prework.js` and `pkg/prework.wasm`. The split
/// module keeps the linker's exports (the chunks call into them) and its symbol names.
fn bindgen(pkg: &Path, wasm: &Path) -> Result<()> {
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(split_main(wasm))
        .out_name(OUTPUT_NAME)
        .web(true)?
        .typescript(false)
        .keep_lld_exports(true)
        .demangle(false)
        .generate(pkg)
        .context("wasm-bindgen")?;
    std::fs::rename(
        pkg.join(format!("{OUTPUT_NAME}_bg.wasm")),
        pkg.join(format!("{OUTPUT_NAME}.wasm")),
    )?;
    Ok(())
}

/// `wasm-opt -Oz` on the main module and, at the same time, on every chunk: binaryen from npm
/// (Debian's older wasm-opt produces a bundle that fails to hydrate, see STACK.md), driven by
/// `script` so that the chunks share one process.
fn optimise(script: &Path, pkg: &Path, chunks: &[String]) -> Result<()> {
    let main = vec![format!("{OUTPUT_NAME}.wasm")];
    let runs: Vec<_> = [&main, chunks]
        .into_iter()
        .filter(|files| !files.is_empty())
        .map(|files| {
            Command::new("node")
                .arg(script)
                .args(files.iter().map(|name| pkg.join(name)))
                .spawn()
                .with_context(|| format!("node {}", script.display()))
        })
        .collect::<Result<_>>()?;
    for mut run in runs {
        if !run.wait()?.success() {
            bail!("wasm-opt failed");
        }
    }
    Ok(())
}

/// esbuild's minifier, for the JS glue and the stylesheet (from npm, like wasm-opt).
fn minify(input: &Path, output: &Path) -> Result<()> {
    let status = Command::new("esbuild")
        .arg(input)
        .arg("--minify")
        .arg("--log-level=warning")
        // wasm-bindgen lists one import object per imported function, several under the
        // loader's one module name: harmless (they are the same module) and not ours to change.
        .arg("--log-override:duplicate-object-key=silent")
        .arg(format!("--outfile={}", output.display()))
        .arg("--allow-overwrite")
        .status()
        .context("esbuild (from npm, installed by `make node-tools`)")?;
    if !status.success() {
        bail!("esbuild failed on {}", input.display());
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            std::fs::create_dir_all(&target)?;
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
