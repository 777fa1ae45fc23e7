//! Routers built while others serve pages must not stall those pages (see `router::routes`).

use crate::support::*;

fn serve_pages(rounds: usize) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let t = app::ssr::testing::TestDb::sqlite().await;
        let router = app(&t);
        for _ in 0..rounds {
            let pages: Vec<_> = (0..10)
                .map(|_| {
                    let router = router.clone();
                    tokio::spawn(async move {
                        let answer = Client::new(&router).page("/signup").await;
                        assert_eq!(answer.status.as_u16(), 200);
                    })
                })
                .collect();
            for page in pages {
                page.await.unwrap();
            }
        }
        t.cleanup().await;
    });
}

#[test]
fn routers_built_during_renders_do_not_stall_them() {
    for _ in 0..4 {
        let threads: Vec<_> = (0..6)
            .map(|i| std::thread::spawn(move || serve_pages(1 + i * 3)))
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
    }
}
