//! Precompression: every file of the site gets a `.br` (brotli at quality 11) and a `.gz`
//! (gzip at level 9) beside it, which the server's static files hand to browsers that accept
//! them, so no request pays for compressing the bundle.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

pub fn precompress(dir: &Path) -> Result<()> {
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    // Brotli 11 is slow on the WASM: the files are compressed on every core at once.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(file) = files.get(i) else {
                            return Ok(());
                        };
                        compress(file)
                            .with_context(|| format!("compressing {}", file.display()))?;
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().expect("a compression thread panicked"))
    })
}

fn compress(file: &Path) -> Result<()> {
    let bytes = std::fs::read(file)?;
    let mut brotli = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        size_hint: bytes.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &params)?;
    std::fs::write(with_extension(file, "br"), brotli)?;

    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&bytes)?;
    std::fs::write(with_extension(file, "gz"), gzip.finish()?)?;
    Ok(())
}

fn walk(dir: &Path, into: &mut Vec<std::path::PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, into)?;
        } else if !matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz")) {
            into.push(path);
        }
    }
    Ok(())
}

fn with_extension(file: &Path, extension: &str) -> std::path::PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    name.into()
}
