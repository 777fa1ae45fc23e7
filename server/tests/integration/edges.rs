//! Abuse at the edges, over a real socket (the bounds live in the connection, not the router):
//! a request head trickled or never sent, a body trickled a byte at a time, a 1 MB header value,
//! 10,000 nested JSON arrays, a body of 1 MiB + 1 byte, and 1,000 idle connections. After each,
//! the server still answers `/healthz`. Transport only, so SQLite alone.

use app::ssr::testing::TestDb;
use server::listen::{Bounds, serve};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Short bounds, so the tests wait seconds, not the production half-minute.
const BOUNDS: Bounds = Bounds {
    head: Duration::from_secs(1),
    request: Duration::from_secs(2),
    drain: Duration::from_secs(1),
};

async fn started(t: &TestDb) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = server::router(t.state());
    tokio::spawn(serve(listener, router, BOUNDS, std::future::pending()));
    addr
}

/// Sends `request` whole and reads the answer until the server closes or `limit` passes.
async fn exchange(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    read_all(&mut stream, Duration::from_secs(10)).await
}

async fn read_all(stream: &mut TcpStream, limit: Duration) -> String {
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(limit, stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

async fn healthy(addr: SocketAddr) {
    let answer = exchange(
        addr,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn a_client_that_sends_no_head_or_trickles_it_is_cut_off() {
    let t = TestDb::sqlite().await;
    let addr = started(&t).await;
    // connects and says nothing
    let started_at = Instant::now();
    let mut silent = TcpStream::connect(addr).await.unwrap();
    let answer = read_all(&mut silent, Duration::from_secs(10)).await;
    let waited = started_at.elapsed();
    assert!(
        waited < Duration::from_secs(5),
        "closed after {waited:?}: {answer}"
    );
    // sends its head a byte every 200 ms: cut off at the bound, not served
    let started_at = Instant::now();
    let mut slow = TcpStream::connect(addr).await.unwrap();
    let head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    let mut cut = false;
    for byte in head {
        if slow.write_all(&[*byte]).await.is_err() {
            cut = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        if started_at.elapsed() > Duration::from_secs(8) {
            break;
        }
    }
    let answer = read_all(&mut slow, Duration::from_secs(3)).await;
    assert!(
        cut || !answer.contains("200 OK"),
        "a trickled head was served: {answer}"
    );
    assert!(started_at.elapsed() < Duration::from_secs(12));
    healthy(addr).await;
    t.cleanup().await;
}

#[tokio::test]
async fn a_body_sent_a_byte_at_a_time_gets_408() {
    let t = TestDb::sqlite().await;
    let addr = started(&t).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
        )
        .await
        .unwrap();
    let started_at = Instant::now();
    while started_at.elapsed() < Duration::from_secs(6) {
        if stream.write_all(b" ").await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let answer = read_all(&mut stream, Duration::from_secs(3)).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    healthy(addr).await;
    t.cleanup().await;
}

#[tokio::test]
async fn huge_headers_deep_json_and_big_bodies_are_refused_and_the_server_stays_up() {
    let t = TestDb::sqlite().await;
    let addr = started(&t).await;

    // a 1 MB header value
    let mut request = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ".to_vec();
    request.extend(std::iter::repeat_n(b'a', 1_000_000));
    request.extend(b"\r\nConnection: close\r\n\r\n");
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let _ = stream.write_all(&request).await;
    let answer = read_all(&mut stream, Duration::from_secs(5)).await;
    assert!(
        !answer.contains("200 OK"),
        "{}",
        &answer[..answer.len().min(200)]
    );
    healthy(addr).await;

    // 10,000 nested JSON arrays
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let request = format!(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{deep}",
        deep.len()
    );
    let answer = exchange(addr, request.as_bytes()).await;
    assert!(
        answer.starts_with("HTTP/1.1 400") || answer.starts_with("HTTP/1.1 422"),
        "{}",
        &answer[..answer.len().min(300)]
    );
    assert!(answer.contains("\"error\""), "the error envelope: {answer}");
    healthy(addr).await;

    // a body of 1 MiB + 1 byte
    let big = "x".repeat(1024 * 1024 + 1);
    let request = format!(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{big}",
        big.len()
    );
    let answer = exchange(addr, request.as_bytes()).await;
    assert!(
        answer.starts_with("HTTP/1.1 413"),
        "{}",
        &answer[..answer.len().min(300)]
    );
    healthy(addr).await;
    t.cleanup().await;
}

#[tokio::test]
async fn a_thousand_idle_connections_do_not_stop_the_health_check() {
    let t = TestDb::sqlite().await;
    let addr = started(&t).await;
    let mut idle = Vec::new();
    for _ in 0..1_000 {
        idle.push(TcpStream::connect(addr).await.unwrap());
    }
    let started_at = Instant::now();
    healthy(addr).await;
    assert!(started_at.elapsed() < Duration::from_secs(2));
    // and the idle ones are let go once their head is late
    tokio::time::sleep(BOUNDS.head * 2).await;
    let mut closed = 0;
    for stream in &mut idle {
        let mut byte = [0u8; 1];
        if let Ok(Ok(0)) =
            tokio::time::timeout(Duration::from_millis(50), stream.read(&mut byte)).await
        {
            closed += 1;
        }
    }
    assert_eq!(closed, 1_000);
    t.cleanup().await;
}
