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

/// A form to hand to `ActionForm`'s `node_ref`: it is cleared after each success of the
/// action counted by `successes` (the page redraws in place and would keep what was typed).
pub fn clear_after(successes: Memo<usize>) -> NodeRef<leptos::html::Form> {
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::watch(
        move || successes.get(),
        move |_, _, _| {
            if let Some(form) = form.get_untracked() {
                form.reset();
            }
        },
        false,
    );
    form
}
