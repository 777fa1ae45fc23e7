//! The GOV.UK-style error summary: a focused box at the top of a form that links to each field.

use crate::error::AppError;
use leptos::prelude::*;

/// Lists what went wrong, each field error linking to its control (`#<field>`).
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|error| {
            let items = if error.field_errors().is_empty() {
                vec![view! { <li>{error.to_string()}</li> }.into_any()]
            } else {
                error
                    .field_errors()
                    .iter()
                    .map(|e| {
                        view! {
                            <li>
                                <a href=format!("#{}", e.field)>{e.message.clone()}</a>
                            </li>
                        }
                        .into_any()
                    })
                    .collect()
            };
            view! {
                // focused when the page loads with it (a form posted without JavaScript comes
                // back with its errors): the reader starts at what to fix
                <div
                    class="error-summary"
                    role="alert"
                    aria-labelledby="error-summary-title"
                    tabindex="-1"
                    autofocus=true
                >
                    <h2 id="error-summary-title">"There is a problem"</h2>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}
