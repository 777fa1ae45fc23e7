//! Names by content, so the server may tell browsers to keep `/pkg/` files for a year.
//!
//! The stylesheet and the split manifest are named after their own bytes. The code is not so
//! simple: the main JS imports the chunk loader, the loader imports the main JS and fetches the
//! chunks, and each chunk imports the loader, so no file's final bytes are known before the
//! others' names. These files therefore share one name, the hash of all their bytes as
//! wasm-bindgen and wasm-opt left them: a change to any of them renames all of them, and no
//! name ever stands for two contents. (cargo-leptos names each file by its bytes before the
//! names inside it are filled in, so a changed chunk could keep its loader's old name.)
//!
//! The hash file lists the names the way Leptos reads it (`js`, `wasm`, `css`, `manifest`,
//! `split`), 22 characters of URL-safe Base64 each.

use anyhow::{Context, Result, ensure};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Renames the files of `pkg` after their content and returns the hash file's text.
pub fn name_by_content(
    pkg: &Path,
    output_name: &str,
    loader: &str,
    manifest: &str,
    chunks: &[String],
) -> Result<String> {
    let js_name = format!("{output_name}.js");
    let wasm_name = format!("{output_name}.wasm");
    let css_name = format!("{output_name}.css");
    let read =
        |name: &str| std::fs::read(pkg.join(name)).with_context(|| format!("reading {name}"));

    let mut code = vec![
        (js_name.clone(), read(&js_name)?),
        (wasm_name.clone(), read(&wasm_name)?),
        (loader.to_owned(), read(loader)?),
    ];
    for chunk in chunks {
        code.push((chunk.clone(), read(chunk)?));
    }
    let mut snippets = Vec::new();
    collect(&pkg.join("snippets"), &mut snippets)?;
    let id = hash(
        code.iter()
            .map(|(name, bytes)| (name.as_bytes(), bytes.as_slice()))
            .chain(
                snippets
                    .iter()
                    .map(|(name, bytes)| (name.as_bytes(), bytes.as_slice())),
            ),
    );

    let named = |name: &str| -> String {
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
        format!("{stem}.{id}.{extension}")
    };
    let loader_named = loader.replace(PLACEHOLDER, &id);
    ensure!(
        loader_named.len() == loader.len() && loader_named != loader,
        "the loader's name {loader} must hold a {}-character placeholder",
        PLACEHOLDER.len()
    );
    // Every name the code files use for each other, old and new.
    let mut renames: Vec<(String, String)> = vec![
        (js_name.clone(), named(&js_name)),
        (wasm_name.clone(), named(&wasm_name)),
        (format!("{output_name}_bg.wasm"), named(&wasm_name)),
        (loader.to_owned(), loader_named.clone()),
    ];
    renames.extend(chunks.iter().map(|chunk| (chunk.clone(), named(chunk))));
    // Longest first, so that no name is replaced inside a longer one.
    renames.sort_by_key(|(old, _)| std::cmp::Reverse(old.len()));

    for (name, bytes) in code {
        let new_name = if name == loader {
            loader_named.clone()
        } else {
            named(&name)
        };
        let bytes = if name.ends_with(".js") {
            let mut text =
                String::from_utf8(bytes).with_context(|| format!("{name} is not UTF-8"))?;
            for (old, new) in &renames {
                text = text.replace(&format!("./{old}"), &format!("./{new}"));
            }
            text.into_bytes()
        } else {
            // A module names the loader it imports in its import section: the new name has
            // the same length, so it is written over the old one in place.
            replace_bytes(bytes, loader.as_bytes(), loader_named.as_bytes())
        };
        std::fs::write(pkg.join(&new_name), bytes)?;
        std::fs::remove_file(pkg.join(&name))?;
    }

    // The manifest lists each island's chunks without their extension.
    let mut manifest_text = String::from_utf8(read(manifest)?)?;
    let mut by_stem: Vec<(String, String)> = chunks
        .iter()
        .map(|chunk| {
            let stem = chunk.trim_end_matches(".wasm");
            (format!("\"{stem}\""), format!("\"{stem}.{id}\""))
        })
        .collect();
    by_stem.sort_by_key(|(old, _)| std::cmp::Reverse(old.len()));
    for (old, new) in &by_stem {
        manifest_text = manifest_text.replace(old, new);
    }
    let manifest_id = hash([(manifest.as_bytes(), manifest_text.as_bytes())]);
    let (manifest_stem, _) = manifest.rsplit_once('.').context("the manifest's name")?;
    std::fs::write(
        pkg.join(format!("{manifest_stem}.{manifest_id}.json")),
        manifest_text,
    )?;
    std::fs::remove_file(pkg.join(manifest))?;

    let css = read(&css_name)?;
    let css_id = hash([(css_name.as_bytes(), css.as_slice())]);
    std::fs::rename(
        pkg.join(&css_name),
        pkg.join(format!("{output_name}.{css_id}.css")),
    )?;

    Ok(format!(
        "js: {id}\nwasm: {id}\ncss: {css_id}\nmanifest: {manifest_id}\nsplit: {id}\n"
    ))
}

/// What stands for the content hash in a name until it is known.
const PLACEHOLDER: &str = "______________________";

/// 16 bytes of SHA-256 over each name and content, in URL-safe Base64: 22 characters, the
/// length of [`PLACEHOLDER`] and of the names the server recognises as hashed.
fn hash<'a>(parts: impl IntoIterator<Item = (&'a [u8], &'a [u8])>) -> String {
    let mut hasher = Sha256::new();
    for (name, bytes) in parts {
        // Lengths first, so that no two different lists hash alike.
        hasher.update((name.len() as u64).to_le_bytes());
        hasher.update(name);
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    URL_SAFE_NO_PAD.encode(&hasher.finalize()[..16])
}

fn replace_bytes(mut bytes: Vec<u8>, old: &[u8], new: &[u8]) -> Vec<u8> {
    debug_assert_eq!(old.len(), new.len());
    let mut at = 0;
    while let Some(found) = bytes[at..].windows(old.len()).position(|w| w == old) {
        let start = at + found;
        bytes[start..start + old.len()].copy_from_slice(new);
        at = start + old.len();
    }
    bytes
}

/// Every file under `dir` (wasm-bindgen's `snippets/`), by path, in a stable order.
fn collect(dir: &Path, into: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect(&path, into)?;
        } else {
            into.push((path.display().to_string(), std::fs::read(&path)?));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_fits_the_placeholder() {
        let id = hash([(b"a".as_slice(), b"b".as_slice())]);
        assert_eq!(id.len(), PLACEHOLDER.len());
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        // the name is part of what is hashed
        assert_ne!(id, hash([(b"b".as_slice(), b"b".as_slice())]));
        assert_ne!(
            hash([(b"ab".as_slice(), b"".as_slice())]),
            hash([(b"a".as_slice(), b"b".as_slice())])
        );
    }

    #[test]
    fn bytes_are_replaced_everywhere_in_place() {
        let out = replace_bytes(b"xxABxAByAB".to_vec(), b"AB", b"CD");
        assert_eq!(out, b"xxCDxCDyCD");
    }

    #[test]
    fn every_code_file_takes_one_name_and_points_at_the_others() {
        let dir = std::env::temp_dir().join(format!("bundle-names-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let loader = "__wasm_split.______________________.js";
        let write = |name: &str, text: &[u8]| std::fs::write(dir.join(name), text).unwrap();
        write(
            "p.js",
            b"import * as l from './__wasm_split.______________________.js';",
        );
        write("p.wasm", b"\0asm ./__wasm_split.______________________.js");
        write(
            loader,
            b"import {initSync} from './p.js'; fetch('./c_1.wasm'); fetch('./cc_1.wasm')",
        );
        write(
            "c_1.wasm",
            b"\0asm ./__wasm_split.______________________.js",
        );
        write("cc_1.wasm", b"\0asm other");
        write("m.json", b"{\"Island\": [\"c_1\", \"cc_1\"]}");
        write("p.css", b"body{}");
        let chunks = vec!["c_1.wasm".to_owned(), "cc_1.wasm".to_owned()];

        let hashes = name_by_content(&dir, "p", loader, "m.json", &chunks).unwrap();
        let field = |key: &str| {
            hashes
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{key}: ")))
                .unwrap()
                .to_owned()
        };
        let id = field("js");
        assert_eq!(field("wasm"), id);
        assert_eq!(field("split"), id);
        let read = |name: String| std::fs::read_to_string(dir.join(name)).unwrap();
        assert_eq!(
            read(format!("__wasm_split.{id}.js")),
            format!(
                "import {{initSync}} from './p.{id}.js'; fetch('./c_1.{id}.wasm'); fetch('./cc_1.{id}.wasm')"
            )
        );
        assert_eq!(
            read(format!("p.{id}.js")),
            format!("import * as l from './__wasm_split.{id}.js';")
        );
        assert_eq!(
            read(format!("c_1.{id}.wasm")),
            format!("\0asm ./__wasm_split.{id}.js")
        );
        assert_eq!(
            read(format!("p.{id}.wasm")),
            format!("\0asm ./__wasm_split.{id}.js")
        );
        assert_eq!(
            read(format!("m.{}.json", field("manifest"))),
            format!("{{\"Island\": [\"c_1.{id}\", \"cc_1.{id}\"]}}")
        );
        assert_eq!(read(format!("p.{}.css", field("css"))), "body{}");
        assert!(!dir.join("p.js").exists() && !dir.join(loader).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
