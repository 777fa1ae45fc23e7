//! Something shown once on the next page, carried there in short-lived `HttpOnly` cookies: the
//! personal links after circulating, a webhook's secret after registering it. A plain form post
//! (no WASM) ends in a redirect, so what the answer held must survive it; Prework keeps no copy.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::HeaderMap;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Browsers keep cookies of about 4 KB; a long value is split over as many as it needs.
const CHUNK: usize = 3_500;
const SECONDS: u32 = 300;

/// `Set-Cookie` values that carry `value` under `name` to the next page.
pub fn set<T: Serialize>(name: &str, value: &T, secure: bool) -> Vec<String> {
    let json = serde_json::to_vec(value).unwrap_or_default();
    let encoded = URL_SAFE_NO_PAD.encode(json);
    let secure = if secure { "; Secure" } else { "" };
    let chunks: Vec<&str> = encoded
        .as_bytes()
        .chunks(CHUNK)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect();
    let mut cookies: Vec<String> = chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            format!(
                "{name}_{i}={chunk}; Path=/; HttpOnly; SameSite=Strict; Max-Age={SECONDS}{secure}"
            )
        })
        .collect();
    // Clears a chunk a longer earlier value may have left behind.
    cookies.push(format!("{name}_{}=; Path=/; Max-Age=0", chunks.len()));
    cookies
}

/// Reads what was flashed under `name` (`None` when nothing was, or it does not parse), with
/// the `Set-Cookie` values that clear it.
pub fn take<T: DeserializeOwned>(headers: &HeaderMap, name: &str) -> (Option<T>, Vec<String>) {
    let mut chunks: Vec<(usize, String)> = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter_map(|(k, v)| {
            let index = k.strip_prefix(name)?.strip_prefix('_')?.parse().ok()?;
            Some((index, v.to_owned()))
        })
        .collect();
    chunks.sort();
    let clear = chunks
        .iter()
        .map(|(i, _)| format!("{name}_{i}=; Path=/; Max-Age=0"))
        .collect();
    let encoded: String = chunks.into_iter().map(|(_, v)| v).collect();
    let value = URL_SAFE_NO_PAD
        .decode(encoded)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok());
    (value, clear)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent_back(cookies: &[String]) -> HeaderMap {
        let pairs: Vec<&str> = cookies
            .iter()
            .filter(|c| !c.contains("Max-Age=0"))
            .map(|c| c.split(';').next().unwrap())
            .collect();
        let mut headers = HeaderMap::new();
        headers.insert(http::header::COOKIE, pairs.join("; ").parse().unwrap());
        headers
    }

    #[test]
    fn a_long_value_survives_the_round_trip_in_chunks() {
        let value: Vec<String> = (0..400).map(|i| format!("“item” {i:040}")).collect();
        let cookies = set("prework_test", &value, true);
        assert!(cookies.len() > 3, "the value needs several cookies");
        assert!(cookies.iter().all(|c| c.len() < 4_000));
        assert!(
            cookies
                .iter()
                .filter(|c| !c.contains("Max-Age=0"))
                .all(|c| c.contains("HttpOnly") && c.contains("Secure"))
        );
        let (back, clear) = take::<Vec<String>>(&sent_back(&cookies), "prework_test");
        assert_eq!(back, Some(value));
        assert_eq!(clear.len(), cookies.len() - 1);
        assert!(clear.iter().all(|c| c.ends_with("Max-Age=0")));
    }

    #[test]
    fn another_name_or_a_broken_value_reads_as_nothing() {
        let headers = sent_back(&set("prework_a", &"secret", false));
        assert_eq!(take::<String>(&headers, "prework_b").0, None);
        assert_eq!(take::<u32>(&headers, "prework_a").0, None);
        let mut broken = HeaderMap::new();
        broken.insert(http::header::COOKIE, "prework_a_0=%%%".parse().unwrap());
        assert_eq!(take::<String>(&broken, "prework_a").0, None);
    }
}
