//! The bundle's file names. A release build (`make build`'s bundler) names the stylesheet,
//! the JS and the WASM after their content (`prework.<hash>.css`) and writes the hashes to
//! `hash.txt` beside the server binary, so a page always names the files it was built with and
//! browsers may keep them for a year. Without that file (tests, a debug build) the names are
//! plain and are revalidated on every use.

use std::path::PathBuf;
use std::sync::OnceLock;

/// The bundle's base name (`prework.<hash>.wasm`), as the bundler names it.
pub const OUTPUT_NAME: &str = "prework";

/// What `/pkg/` holds, read once per process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assets {
    /// The stylesheet's file name in `/pkg/`.
    pub stylesheet: String,
    /// Names that carry a content hash: they never change meaning, so they may be cached
    /// forever. Empty without a hash file.
    hashed: Vec<String>,
}

impl Assets {
    /// The names of this process's bundle.
    pub fn get() -> &'static Assets {
        static ASSETS: OnceLock<Assets> = OnceLock::new();
        ASSETS.get_or_init(|| {
            let hashes = std::fs::read_to_string(hash_file()).ok();
            Assets::from_hashes(OUTPUT_NAME, hashes.as_deref())
        })
    }

    /// `hashes` is the text of the hash file: one `<extension>: <hash>` per line.
    pub fn from_hashes(output_name: &str, hashes: Option<&str>) -> Assets {
        let hashed: Vec<String> = hashes
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.split_once(':'))
            .map(|(ext, hash)| (ext.trim(), hash.trim()))
            .filter(|(ext, hash)| {
                matches!(*ext, "css" | "js" | "wasm")
                    && !hash.is_empty()
                    && hash
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            })
            .map(|(ext, hash)| format!("{output_name}.{hash}.{ext}"))
            .collect();
        let stylesheet = hashed
            .iter()
            .find(|name| name.ends_with(".css"))
            .cloned()
            .unwrap_or_else(|| format!("{output_name}.css"));
        Assets { stylesheet, hashed }
    }

    /// Whether the file under `/pkg/` with this name carries a content hash: one the hash file
    /// names, or (in a build that hashes names) a lazily loaded chunk, which the bundler names
    /// `<stem>.<hash>.<extension>` the same way (22 characters of URL-safe Base64).
    pub fn is_hashed(&self, file: &str) -> bool {
        if self.hashed.iter().any(|name| name == file) {
            return true;
        }
        let parts: Vec<&str> = file.split('.').collect();
        self.hashes_names()
            && parts.len() >= 3
            && parts[1..parts.len() - 1].iter().any(|part| {
                part.len() == 22
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            })
    }

    /// The stylesheet's address, for a `<link rel="stylesheet">`.
    pub fn stylesheet_href(&self) -> String {
        format!("/pkg/{}", self.stylesheet)
    }

    /// Whether the build named its files by content (Leptos' `hash_files` option: its script
    /// tags then read the same file).
    pub fn hashes_names(&self) -> bool {
        !self.hashed.is_empty()
    }
}

/// Where the bundler writes the hashes and Leptos' `HydrationScripts` reads them: beside the
/// running binary.
fn hash_file() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .unwrap_or_else(|| PathBuf::from("hash.txt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_come_from_the_hash_file() {
        let a = Assets::from_hashes(
            "prework",
            Some("js: AbC-_1\nwasm: Xy2\ncss: Qq9\n\nmanifest: zz\n"),
        );
        assert_eq!(a.stylesheet_href(), "/pkg/prework.Qq9.css");
        assert!(a.is_hashed("prework.AbC-_1.js"));
        assert!(a.is_hashed("prework.Xy2.wasm"));
        assert!(!a.is_hashed("prework.css"));
        assert!(!a.is_hashed("prework.zz.json"));
        assert!(a.hashes_names());
        // lazily loaded chunks, named by the bundler the same way
        assert!(a.is_hashed("chunk_7.mFykziurGYcKXdHL_M6mfQ.wasm"));
        assert!(a.is_hashed("__wasm_split.3MWS78zh-0I-GzeT51oBJw.js"));
        assert!(!a.is_hashed("chunk_7.wasm"));
        assert!(!a.is_hashed("chunk_7.short.wasm"));
    }

    #[test]
    fn without_a_hash_file_names_are_plain() {
        let a = Assets::from_hashes("prework", None);
        assert_eq!(a.stylesheet_href(), "/pkg/prework.css");
        assert!(!a.is_hashed("prework.css"));
        assert!(!a.hashes_names());
        assert!(!a.is_hashed("chunk_7.mFykziurGYcKXdHL_M6mfQ.wasm"));
    }

    #[test]
    fn a_hash_that_could_leave_the_directory_is_ignored() {
        let a = Assets::from_hashes("prework", Some("css: ../../etc/passwd\njs: ok"));
        assert_eq!(a.stylesheet_href(), "/pkg/prework.css");
        assert!(a.is_hashed("prework.ok.js"));
    }
}
