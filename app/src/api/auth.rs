//! Server functions for signing up, in and out. They set the session cookie themselves and
//! redirect, so the forms work without WASM.

use crate::error::AppError;
use crate::model::{Credentials, NewAccount, User};
use leptos::prelude::*;

/// The signed-in organizer, if any.
#[server(prefix = "/rpc", endpoint = "current_user")]
pub async fn current_user() -> Result<Option<User>, AppError> {
    use crate::ssr::{domain::people::accounts, web::rpc};
    rpc::run(|call| async move { accounts::current_user(&call.state, &call.actor).await }).await
}

/// The person whose personal links this browser opened, when no organizer is signed in.
#[server(prefix = "/rpc", endpoint = "guest_name")]
pub async fn guest_name() -> Result<Option<String>, AppError> {
    use crate::ssr::{domain::people::accounts, web::rpc};
    rpc::run(|call| async move { accounts::guest_name(&call.state, &call.actor).await }).await
}

#[server(prefix = "/rpc", endpoint = "sign_up")]
pub async fn sign_up(account: NewAccount) -> Result<User, AppError> {
    use crate::ssr::domain::people::accounts::{self, Channel};
    use crate::ssr::web::rpc;
    // a mistake keeps the name and the address in the form, never the password
    let kept = crate::model::forms::AccountKept {
        name: account.name.clone(),
        email: account.email.clone(),
    };
    rpc::run_form(&kept, |call| async move {
        let signed_in = accounts::sign_up(
            &call.state,
            account,
            call.client_ip(),
            Channel::Browser,
            &call.actor,
        )
        .await?;
        call.set_session_cookie(&signed_in.token);
        leptos_axum::redirect("/");
        Ok(signed_in.user)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "log_in")]
pub async fn log_in(credentials: Credentials, next: Option<String>) -> Result<User, AppError> {
    use crate::ssr::domain::people::accounts::{self, Channel};
    use crate::ssr::web::rpc;
    rpc::run(|call| async move {
        let signed_in = accounts::log_in(
            &call.state,
            credentials,
            call.client_ip(),
            Channel::Browser,
            &call.actor,
        )
        .await?;
        call.set_session_cookie(&signed_in.token);
        // back to the page that asked them to sign in
        let next = next.as_deref().and_then(crate::model::forms::local_path);
        leptos_axum::redirect(next.unwrap_or("/"));
        Ok(signed_in.user)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "log_out")]
pub async fn log_out() -> Result<(), AppError> {
    use crate::ssr::{domain::people::accounts, web::rpc};
    rpc::run(|call| async move {
        // Signing out of a browser that holds no session is already done.
        if call.actor.is_cookie() {
            accounts::log_out(&call.state, &call.actor).await?;
        }
        call.clear_session_cookie();
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}
