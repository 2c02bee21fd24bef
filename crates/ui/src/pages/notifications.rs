//! `/settings/notifications`: by which channels each kind of message reaches the signed-in
//! person, and for a partner organization's administrators, the organization's Slack channel.

use leptos::prelude::*;
use portico_api::Role;
use portico_api::notifications::{
    Category, Channel, ChannelChoice, Preferences, SetPreferences, SlackChannel, SlackChannelInput,
};

use crate::api;
use crate::components::field::{begin_submit, show_error};
use crate::components::record_page;
use crate::components::{
    ActionButton, DataTable, FieldState, FormError, SubmitButton, TextField, Time,
};
use crate::dom::{on_submit, set_title, spawn};
use crate::session::use_session;
use crate::text;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    set_title(text::notifications::TITLE);
    // The guard shows this page only to a signed-in user.
    let Some(me) = untrack(|| use_session().me()) else {
        return ().into_any();
    };
    let role = me.user.role;
    // Vendor staff have no Slack channel.
    let slack = !role.is_vendor();
    let slack_admin = me
        .organization
        .filter(|_| role == Role::PartnerAdmin)
        .map(|o| o.id);
    // Whether the organization has a Slack channel: read with the choices, changed below.
    let connected = RwSignal::new(false);
    view! {
        <section class="page">
            <h1>{text::notifications::TITLE}</h1>
            <p class="muted">
                {text::notifications::INTRO}
            </p>
            <section aria-labelledby="channels-heading">
                <h2 class="section-title" id="channels-heading">
                    {text::notifications::CHANNELS}
                </h2>
                {record_page(
                    api::notification_preferences,
                    text::notifications::LOADING_CHOICES,
                    move |preferences, _| {
                        view! { <Choices preferences slack connected admin=slack_admin.is_some() /> }
                            .into_any()
                    },
                )}
            </section>
            {slack_admin.map(|organization_id| view! { <SlackSection organization_id connected /> })}
        </section>
    }
    .into_any()
}

/// One category's checkboxes.
#[derive(Clone, Copy)]
struct Choice {
    category: Category,
    email: RwSignal<bool>,
    slack: RwSignal<bool>,
}

impl Choice {
    fn new(c: &ChannelChoice) -> Choice {
        Choice {
            category: c.category,
            email: RwSignal::new(c.email),
            slack: RwSignal::new(c.slack),
        }
    }

    fn get(self) -> ChannelChoice {
        ChannelChoice {
            category: self.category,
            email: self.email.get_untracked(),
            slack: self.slack.get_untracked(),
        }
    }
}

/// What a category's messages are about.
fn about(category: Category) -> &'static str {
    match category {
        Category::Announcement => text::notifications::ABOUT_ANNOUNCEMENT,
        Category::RegistrationDecision => text::notifications::ABOUT_REGISTRATION_DECISION,
        Category::ProtectionReminder => text::notifications::ABOUT_PROTECTION_REMINDER,
        Category::ApprovalSla => text::notifications::ABOUT_APPROVAL_SLA,
        Category::TierChange => text::notifications::ABOUT_TIER_CHANGE,
        Category::CertificationExpiry => text::notifications::ABOUT_CERTIFICATION_EXPIRY,
        Category::EarningQuestion => text::notifications::ABOUT_EARNING_QUESTION,
        Category::SignInLink | Category::Invitation | Category::AccountSecurity => "",
    }
}

/// The table of categories and channels, and its Save button.
#[component]
fn Choices(
    preferences: Preferences,
    /// Whether to offer Slack (partners only).
    slack: bool,
    connected: RwSignal<bool>,
    /// Whether the person can connect the organization's channel on this page.
    admin: bool,
) -> impl IntoView {
    let session = use_session();
    connected.set(preferences.slack_connected);
    let choices: Vec<Choice> = preferences.choices.iter().map(Choice::new).collect();
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let submit = {
        let choices = choices.clone();
        move || {
            if !begin_submit(busy, form_error, &[]) {
                return;
            }
            status.set(None);
            let body = SetPreferences {
                choices: choices.iter().map(|c| c.get()).collect(),
            };
            busy.set(true);
            let csrf = session.csrf();
            let choices = choices.clone();
            spawn(async move {
                let result = api::save_notification_preferences(&csrf, &body).await;
                busy.set(false);
                match result {
                    Ok(saved) => {
                        for choice in &choices {
                            if let Some(now) =
                                saved.choices.iter().find(|n| n.category == choice.category)
                            {
                                choice.email.set(now.email);
                                choice.slack.set(now.slack);
                            }
                        }
                        connected.set(saved.slack_connected);
                        status.set(Some(text::notifications::SAVED));
                    }
                    Err(e) => form_error.set(Some(e.message)),
                }
            });
        }
    };
    let headers: &'static [&'static str] = if slack {
        &text::notifications::HEADERS_WITH_SLACK
    } else {
        &text::notifications::HEADERS
    };
    let nowhere = if admin {
        text::notifications::NO_CHANNEL_ADMIN
    } else {
        text::notifications::NO_CHANNEL
    };
    view! {
        <FormError error=form_error />
        <form class="form" id="notifications-form" novalidate on:submit=on_submit(submit)>
            <DataTable id="notifications-table" labelled_by="channels-heading" headers>
                {choices
                    .iter()
                    .map(|c| {
                        view! {
                            <tr>
                                <th scope="row">
                                    {c.category.label()}
                                    <p class="muted">{about(c.category)}</p>
                                </th>
                                <ChannelBox category=c.category channel=Channel::Email on=c.email />
                                {slack.then(|| match c.category.personal() {
                                    true => view! { <td>{text::notifications::EMAIL_ONLY}</td> }.into_any(),
                                    false => view! { <ChannelBox category=c.category channel=Channel::Slack on=c.slack /> }.into_any(),
                                })}
                            </tr>
                        }
                    })
                    .collect_view()}
            </DataTable>
            {slack.then(|| view! { <p class="notice notice-info" hidden=connected>{nowhere}</p> })}
            <p id="notifications-status" class="muted status-line" role="status">{status}</p>
            <SubmitButton
                id="notifications-save"
                label=text::common::SAVE
                busy_label=text::common::SAVING
                busy
            />
        </form>
    }
}

/// One category and channel's checkbox, named for screen readers, e.g. "Registration
/// decisions by e-mail".
#[component]
fn ChannelBox(category: Category, channel: Channel, on: RwSignal<bool>) -> impl IntoView {
    let id = format!("notify-{}-{}", category.as_str(), channel.as_str());
    let name = match channel {
        Channel::Email => text::notifications::by_email(category.label()),
        Channel::Slack => text::notifications::in_slack(category.label()),
    };
    view! {
        <td class="check-cell">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=on
                on:change=move |ev| on.set(event_target_checked(&ev))
            />
            <label for=id class="visually-hidden">{name}</label>
        </td>
    }
}

// The organization's Slack channel.

#[component]
fn SlackSection(organization_id: i64, connected: RwSignal<bool>) -> impl IntoView {
    view! {
        <section class="panel slack-channel" aria-labelledby="slack-heading">
            <h2 class="section-title" id="slack-heading">
                {text::notifications::SLACK_CHANNEL}
            </h2>
            <p class="muted">
                {text::notifications::SLACK_INTRO}
            </p>
            {record_page(
                move || api::slack_channel(organization_id),
                text::notifications::LOADING_SLACK,
                move |channel, _| {
                    view! { <SlackSettings organization_id channel connected /> }.into_any()
                },
            )}
        </section>
    }
}

/// The connected channel, the form that connects or replaces it, and Disconnect.
#[component]
fn SlackSettings(
    organization_id: i64,
    channel: Option<SlackChannel>,
    connected: RwSignal<bool>,
) -> impl IntoView {
    let session = use_session();
    connected.set(channel.is_some());
    let current = RwSignal::new(channel);
    let url = FieldState::new("slack-url", |v| {
        let input = SlackChannelInput { url: v.to_owned() };
        input.validate().err().and_then(|mut e| e.remove("url"))
    });
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[url]) {
            return;
        }
        status.set(None);
        let body = SlackChannelInput {
            url: url.get().trim().to_owned(),
        };
        busy.set(true);
        let csrf = session.csrf();
        spawn(async move {
            let result = api::connect_slack(&csrf, organization_id, &body).await;
            busy.set(false);
            match result {
                Ok(saved) => {
                    url.value.set(String::new());
                    current.set(Some(saved));
                    connected.set(true);
                    status.set(Some(text::notifications::CONNECTED));
                }
                Err(e) => show_error(e, &[("url", url)], form_error),
            }
        });
    };
    let disconnecting = RwSignal::new(false);
    let disconnect = Callback::new(move |()| {
        disconnecting.set(true);
        form_error.set(None);
        status.set(None);
        let csrf = session.csrf();
        spawn(async move {
            let result = api::disconnect_slack(&csrf, organization_id).await;
            disconnecting.set(false);
            match result {
                Ok(()) => {
                    current.set(None);
                    connected.set(false);
                    status.set(Some(text::notifications::DISCONNECTED));
                }
                Err(e) => form_error.set(Some(e.message)),
            }
        });
    });
    let form_heading = move || {
        if current.with(Option::is_some) {
            text::notifications::USE_ANOTHER
        } else {
            text::notifications::CONNECT_A_CHANNEL
        }
    };
    view! {
        {move || match current.get() {
            Some(SlackChannel { url_hint, updated_at }) => {
                view! {
                    <p id="slack-current">
                        {text::notifications::CONNECTED_TO}
                        <code class="break-anywhere">{url_hint}</code>
                        {text::notifications::CONNECTED_SINCE}
                        <Time value=updated_at />
                        {text::notifications::CONNECTED_END}
                    </p>
                    <div class="actions">
                        <ActionButton
                            id="slack-disconnect"
                            label=text::notifications::DISCONNECT
                            busy_label=text::notifications::DISCONNECTING
                            busy=disconnecting
                            run=disconnect
                            question=text::notifications::DISCONNECT_QUESTION
                            confirm_label=text::notifications::CONFIRM_DISCONNECT
                        />
                    </div>
                }
                    .into_any()
            }
            None => view! { <p id="slack-current">{text::notifications::NO_CHANNEL_CONNECTED}</p> }.into_any(),
        }}
        <p class="muted status-line" role="status">{status}</p>
        <h3 id="slack-form-heading">{form_heading}</h3>
        <FormError error=form_error />
        <form class="form" id="slack-form" aria-labelledby="slack-form-heading" novalidate on:submit=on_submit(submit)>
            <TextField
                field=url
                label=text::notifications::WEBHOOK_URL
                kind="url"
                autocomplete="off"
                hint=text::notifications::WEBHOOK_URL_HINT
            />
            <SubmitButton
                id="slack-save"
                label=text::notifications::CONNECT
                busy_label=text::notifications::CONNECTING
                busy
            />
        </form>
    }
}
