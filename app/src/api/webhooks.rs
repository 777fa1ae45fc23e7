//! Server functions for the organizer's webhooks. A new webhook's secret is shown once: it
//! travels to the settings page in a flash cookie, so it shows with or without WASM.

use crate::error::AppError;
use crate::model::delivery::{Webhook, WebhookWithSecret};
use crate::model::forms::WebhookForm;
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "list_webhooks")]
pub async fn list_webhooks() -> Result<Vec<Webhook>, AppError> {
    use crate::ssr::notify::webhooks;
    use crate::ssr::web::rpc;
    rpc::run(|call| async move { webhooks::list(&call.state, &call.actor).await }).await
}

/// Registers a webhook. With WASM the answer carries the secret to show; a plain form post is
/// redirected to the settings page with the secret in a flash cookie instead.
#[server(prefix = "/rpc", endpoint = "create_webhook")]
pub async fn create_webhook(webhook: WebhookForm) -> Result<Option<WebhookWithSecret>, AppError> {
    use crate::ssr::notify::webhooks;
    use crate::ssr::web::forms::ReadForm;
    use crate::ssr::web::rpc;
    rpc::run_form(&webhook.clone(), |call| async move {
        let owner = call.actor.organizer()?;
        let input = webhook.into_input()?;
        let created = webhooks::create(&call.state, &call.actor, input).await?;
        if !call.plain_form() {
            return Ok(Some(created));
        }
        let secure = call.state.config.secure_cookies();
        for cookie in webhooks::flash_secret(&created, owner, secure) {
            call.add_cookie(&cookie);
        }
        leptos_axum::redirect("/settings#webhooks");
        Ok(None)
    })
    .await
}

/// The webhook just registered, with its secret, read once.
#[server(prefix = "/rpc", endpoint = "take_webhook_secret")]
pub async fn take_webhook_secret() -> Result<Option<WebhookWithSecret>, AppError> {
    use crate::ssr::notify::webhooks;
    use crate::ssr::web::rpc;
    rpc::run(|call| async move {
        let user = call.actor.organizer()?;
        let Some(headers) = call.headers() else {
            return Ok(None);
        };
        let (created, clear) = webhooks::take_secret(user, headers);
        for cookie in clear {
            call.add_cookie(&cookie);
        }
        Ok(created)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "delete_webhook")]
pub async fn delete_webhook(id: uuid::Uuid) -> Result<(), AppError> {
    use crate::ssr::notify::webhooks;
    use crate::ssr::web::rpc;
    rpc::run(|call| async move { webhooks::delete(&call.state, &call.actor, id).await }).await
}

/// Turns a webhook switched off after 20 failures in a row back on.
#[server(prefix = "/rpc", endpoint = "reactivate_webhook")]
pub async fn reactivate_webhook(id: uuid::Uuid) -> Result<(), AppError> {
    use crate::ssr::notify::webhooks;
    use crate::ssr::web::rpc;
    rpc::run(|call| async move {
        webhooks::reactivate(&call.state, &call.actor, id).await?;
        leptos_axum::redirect("/settings#webhooks");
        Ok(())
    })
    .await
}
