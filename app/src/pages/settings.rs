//! `/settings`: the organizer's own working hours (when Prework may write to them) and their
//! webhooks (what it tells other tools).

use crate::api::meetings::time_zones;
use crate::api::profile::{SaveProfile, get_profile};
use crate::api::webhooks::{CreateWebhook, DeleteWebhook, list_webhooks, take_webhook_secret};
use crate::components::{
    Checkbox, CheckboxGroup, ErrorSummary, ReturnHere, SelectField, TextField, WorkingHours,
    clear_after, successes, use_kept,
};
use crate::error::AppError;
use crate::model::Profile;
use crate::model::delivery::{Webhook, WebhookEvent, WebhookFormat, WebhookWithSecret};
use crate::model::forms::{DaysForm, ProfileForm, WebhookForm};
use crate::pages::error_page;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let create = ServerAction::<CreateWebhook>::new();
    let delete = ServerAction::<DeleteWebhook>::new();
    let (created, deleted) = (successes(create), successes(delete));
    let profile = Resource::new(|| (), |_| get_profile());
    let zones = Resource::new(|| (), |_| time_zones());
    let hooks = Resource::new(move || (created.get(), deleted.get()), |_| list_webhooks());
    // Filled only after a plain form post registered a webhook (see `create_webhook`).
    let flashed = Resource::new(|| (), |_| take_webhook_secret());
    view! {
        <Title text="Settings" />
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                let zones = zones.await.unwrap_or_default();
                match profile.await {
                    Ok(profile) => {
                        let flashed = flashed.await.ok().flatten();
                        view! {
                            <h1>"Settings"</h1>
                            <HoursSection profile zones />
                            <WebhooksSection hooks create delete flashed />
                        }
                            .into_any()
                    }
                    Err(AppError::Forbidden) => {
                        error_page(AppError::Unauthenticated, "change your settings")
                    }
                    Err(e) => error_page(e, "change your settings"),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HoursSection(profile: Profile, zones: Vec<String>) -> impl IntoView {
    let action = ServerAction::<SaveProfile>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let saved_before = use_query_map().with_untracked(|q| q.get_str("saved") == Some("hours"));
    let saved = move || match action.value().get() {
        Some(result) => result.is_ok(),
        None => saved_before,
    };
    let stored = ProfileForm {
        name: profile.name,
        time_zone: profile.time_zone.unwrap_or_default(),
        work_start: profile
            .work_start
            .map(|t| t.to_string())
            .unwrap_or_default(),
        work_end: profile.work_end.map(|t| t.to_string()).unwrap_or_default(),
        days: Some(DaysForm::of(profile.work_days.days())),
    };
    let form = use_kept::<ProfileForm>(SaveProfile::PATH).unwrap_or(stored);
    let zone_options = std::iter::once((String::new(), "Each meeting's own".to_owned()))
        .chain(zones.into_iter().map(|z| (z.clone(), z.replace('_', " "))))
        .collect();
    view! {
        <section class="settings-section" aria-labelledby="hours-heading">
            <h2 id="hours-heading">"Your working hours"</h2>
            <p class="lead">
                "Prework writes to you only inside these hours: a blocker, a digest or a meeting's verdict due at night waits for your next working morning."
            </p>
            <p class="notice" role="status">
                {move || saved().then_some("Your working hours are saved.")}
            </p>
            <ErrorSummary error />
            <ActionForm action>
                <ReturnHere />
                <TextField
                    error
                    id="name"
                    name="profile[name]"
                    label="Your name"
                    autocomplete="name"
                    value=form.name
                />
                <SelectField
                    error
                    id="time_zone"
                    name="profile[time_zone]"
                    label="Time zone"
                    options=zone_options
                    selected=form.time_zone
                />
                <WorkingHours
                    error
                    start_name="profile[work_start]"
                    end_name="profile[work_end]"
                    days_prefix="profile"
                    start=form.work_start
                    end=form.work_end
                    days=form.days.unwrap_or_default()
                />
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    "Save hours"
                </button>
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
fn WebhooksSection(
    hooks: Resource<Result<Vec<Webhook>, AppError>>,
    create: ServerAction<CreateWebhook>,
    delete: ServerAction<DeleteWebhook>,
    flashed: Option<WebhookWithSecret>,
) -> impl IntoView {
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    // The secret of the webhook just registered: from the answer with WASM, else the flash.
    let fresh = move || match create.value().get() {
        Some(Ok(Some(created))) => Some(created),
        Some(_) => None,
        None => flashed.clone(),
    };
    let form = use_kept::<WebhookForm>(CreateWebhook::PATH).unwrap_or_default();
    let boxes = WebhookEvent::ALL
        .into_iter()
        .map(|e| Checkbox {
            name: format!("webhook[{}]", WebhookForm::field(e)),
            label: format!("{} ({})", e.label(), e.as_str()),
            checked: form.ticked(e),
        })
        .collect();
    let formats = vec![
        (
            WebhookFormat::Json.as_str().to_owned(),
            "Signed JSON (for your own code, Zapier, n8n)".to_owned(),
        ),
        (
            WebhookFormat::Slack.as_str().to_owned(),
            "Text for Slack, Teams or Mattermost".to_owned(),
        ),
    ];
    let reset = clear_after(successes(create));
    view! {
        <section class="settings-section" id="webhooks" aria-labelledby="webhooks-heading">
            <h2 id="webhooks-heading">"Webhooks"</h2>
            <p class="lead">
                "Tell another tool what happens in your meetings. Each JSON event is signed: the header Prework-Signature carries t=<unix time>,v1=<HMAC-SHA256 of \"t.body\" under the webhook's secret>. Anonymous meetings name nobody in any event."
            </p>
            {move || fresh().map(|created| view! { <SecretOnce created /> })}
            <ErrorSummary error=delete_error />
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match hooks.await {
                        Ok(list) if list.is_empty() => {
                            view! { <p class="empty">"No webhooks yet."</p> }.into_any()
                        }
                        Ok(list) => view! { <WebhookList list delete /> }.into_any(),
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
            <h3>"Add a webhook"</h3>
            <ErrorSummary error />
            <ActionForm action=create node_ref=reset>
                <ReturnHere />
                <TextField
                    error
                    id="url"
                    name="webhook[url]"
                    label="URL"
                    hint="https://… Addresses inside private networks are refused."
                    kind="url"
                    autocomplete="off"
                    value=form.url
                />
                <CheckboxGroup
                    error
                    id="events"
                    legend="Events"
                    hint="A webhook covers every meeting you organize."
                    boxes
                />
                <SelectField
                    error
                    id="format"
                    name="webhook[format]"
                    label="Format"
                    options=formats
                    selected=form.format
                />
                <button type="submit" class="button" disabled=move || create.pending().get()>
                    "Add webhook"
                </button>
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
fn SecretOnce(created: WebhookWithSecret) -> impl IntoView {
    view! {
        <div class="secret-once" role="status">
            <p>
                <strong>"Webhook added for " {created.webhook.url}</strong>
                ". Copy its signing secret now: it is shown only this once."
            </p>
            <label for="webhook-secret">"Signing secret"</label>
            <input
                id="webhook-secret"
                class="link-field"
                type="text"
                readonly=true
                value=created.secret
            />
            <crate::islands::CopyButton
                target="webhook-secret".to_owned()
                what="the signing secret".to_owned()
            />
        </div>
    }
    .into_any()
}

#[component]
fn WebhookList(list: Vec<Webhook>, delete: ServerAction<DeleteWebhook>) -> impl IntoView {
    let reactivate = ServerAction::<crate::api::webhooks::ReactivateWebhook>::new();
    view! {
        <table class="webhooks-table">
            <caption class="visually-hidden">"Your webhooks"</caption>
            <thead>
                <tr>
                    <th scope="col">"URL"</th>
                    <th scope="col">"Events"</th>
                    <th scope="col">"Format"</th>
                    <th scope="col">"State"</th>
                    <th scope="col">
                        <span class="visually-hidden">"Actions"</span>
                    </th>
                </tr>
            </thead>
            <tbody>
                {list
                    .into_iter()
                    .map(|hook| {
                        let events = hook
                            .events
                            .iter()
                            .map(|e| e.label())
                            .collect::<Vec<_>>()
                            .join("; ");
                        let state = if hook.active {
                            "On"
                        } else {
                            "Off after 20 failures in a row"
                        };
                        let label = format!("Delete the webhook to {}", hook.url);
                        let turn_on = format!("Turn the webhook to {} back on", hook.url);
                        let off = !hook.active;
                        view! {
                            <tr>
                                <td class="webhook-url">{hook.url}</td>
                                <td>{events}</td>
                                <td>{hook.format.as_str()}</td>
                                <td>{state}</td>
                                <td>
                                    {off
                                        .then(|| {
                                            view! {
                                                <ActionForm action=reactivate attr:class="inline-form">
                                                    <ReturnHere />
                                                    <input type="hidden" name="id" value=hook.id.to_string() />
                                                    <button
                                                        type="submit"
                                                        class="link-button"
                                                        aria-label=turn_on
                                                    >
                                                        "Turn back on"
                                                    </button>
                                                </ActionForm>
                                            }
                                                .into_any()
                                        })} <ActionForm action=delete attr:class="inline-form">
                                        <ReturnHere />
                                        <input type="hidden" name="id" value=hook.id.to_string() />
                                        <button type="submit" class="link-button" aria-label=label>
                                            "Delete"
                                        </button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                            .into_any()
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
