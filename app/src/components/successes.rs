//! Counting an action's successes, so a page refetches its data after a change went through
//! but not after a failure (which would redraw the form and lose what was typed).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub fn successes<S>(action: ServerAction<S>) -> Memo<usize>
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
    S::Error: Clone + Send + Sync + 'static,
{
    let version = action.version();
    let value = action.value();
    let tally = Memo::new(move |previous: Option<&(usize, usize)>| {
        let (seen, count) = previous.copied().unwrap_or((0, 0));
        let now = version.get();
        let succeeded = value.with(|v| matches!(v, Some(Ok(_))));
        if now != seen && succeeded {
            (now, count + 1)
        } else {
            (now, count)
        }
    });
    Memo::new(move |_| tally.get().1)
}
