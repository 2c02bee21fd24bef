//! Reusable pieces: the page frame, route guards, form fields, checkbox groups, file uploads,
//! paginated lists, notices, action buttons, copyable text, CRM card links and what delivery
//! lists share.
//!
//! The pieces are plain (non-generic) components taking signals, so each is compiled once and
//! shared by every page: that keeps the WebAssembly bundle small.

pub mod action;
pub mod certifications;
pub mod channel_data;
pub mod checks;
pub mod copy;
pub mod dashboard;
pub mod field;
pub mod guard;
pub mod icon;
pub mod layout;
pub mod ledger;
pub mod nav_group;
pub mod not_found;
pub mod opportunity;
pub mod paged;
pub mod password;
pub mod record;
pub mod registration;
pub mod revoke;
pub mod table;
pub mod tags;
pub mod upload;
pub mod when_visible;

use leptos::prelude::*;

use portico_api::organizations::OrganizationRef;

use crate::dom::on_click;
use crate::format::{format_day, format_time, format_time_zoned};
use crate::route::Route;
use crate::text;

pub use action::ActionButton;
pub use certifications::PeopleCertifications;
pub use checks::CheckGroup;
pub use copy::{CopyText, OneTimeSecret, SecretMaker};
pub use dashboard::{HomeCard, Stat};
pub use field::{CheckBox, FieldState, RadioGroup, SelectField, TextArea, TextField};
pub use guard::RequireRole;
pub use icon::{Glyph, Icon};
pub use layout::Layout;
pub use ledger::{DisputeNote, EarningBadge, EntryCells};
pub use nav_group::NavGroup;
pub use not_found::NotFound;
pub use paged::{Paged, PagedList};
pub use record::{Loaded, record_page};
pub use registration::{ProtectionText, RegistrationFacts, StatusBadge, Timeline};
pub use revoke::RevokeInvitation;
pub use table::DataTable;
pub use tags::{Tags, tags};
pub use upload::{ASSET_FILES, FileUpload, REPORT_FILES, Upload};
pub use when_visible::WhenVisible;

/// A polite "working on it" line for content that is on its way.
#[component]
pub fn Loading(label: &'static str) -> impl IntoView {
    view! {
        <p class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {label}
        </p>
    }
}

/// A failed load: the reason, and a button to try again.
#[component]
pub fn ErrorNotice(message: String, retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="notice notice-error" role="alert">
            <p>{message}</p>
            <button type="button" class="secondary" on:click=on_click(move |_| retry.run(()))>
                {text::common::TRY_AGAIN}
            </button>
        </div>
    }
}

/// The form-level message (wrong password, conflict, …), announced as it appears.
#[component]
pub fn FormError(error: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <div id="form-error" class="form-error" role="alert">
            {error}
        </div>
    }
}

/// A submit button that says what it is doing and ignores clicks meanwhile.
#[component]
pub fn SubmitButton(
    #[prop(into)] id: String,
    label: &'static str,
    busy_label: &'static str,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let text = Signal::derive(move || if busy.get() { busy_label } else { label });
    let aria_busy = Signal::derive(move || busy.get().then_some("true"));
    view! {
        <div class="actions">
            <button id=id type="submit" class="primary" disabled=busy aria-busy=aria_busy>
                {text}
            </button>
        </div>
    }
}

/// A timestamp in a `<time>` element, machine-readable and, in the reader's zone,
/// human-readable; `zoned` names the zone, where it matters (deadlines).
#[component]
pub fn Time(value: String, #[prop(optional)] zoned: bool) -> impl IntoView {
    let text = if zoned {
        format_time_zoned(&value)
    } else {
        format_time(&value)
    };
    view! { <time datetime=value>{text}</time> }
}

/// An e-mail address that may wrap only after its `@`.
#[component]
pub fn EmailAddress(address: String) -> impl IntoView {
    let (local, domain) = match address.split_once('@') {
        Some((local, domain)) => (local.to_owned(), Some(format!("@{domain}"))),
        None => (address, None),
    };
    view! { <span class="email-address">{local}{domain.map(|d| view! { <wbr /> {d} })}</span> }
}

/// A partner organization's name, linking vendor staff to its deals in the pipeline.
#[component]
pub fn PartnerLink(partner: OrganizationRef) -> impl IntoView {
    let href = Route::ManagePipeline.with_query(&format!("organization_id={}", partner.id));
    view! { <a class="partner-link" href=href>{partner.name}</a> }
}

/// Every partner organization as select options, filled in once read. A list that cannot be
/// read stays empty: the select then offers only its "any partner" choice.
pub fn partner_choices() -> RwSignal<Vec<(String, String)>> {
    let choices = RwSignal::new(Vec::new());
    crate::dom::spawn(async move {
        if let Ok(list) = crate::api::partner_options().await {
            choices.set(list);
        }
    });
    choices
}

/// A description list of label and text pairs.
#[component]
pub fn Facts(facts: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <dl class="facts">
            {facts
                .into_iter()
                .map(|(label, text)| view! { <dt>{label}</dt><dd class="prose">{text}</dd> })
                .collect_view()}
        </dl>
    }
}

/// The date of an RFC 3339 timestamp, with the full time for machines.
#[component]
pub fn Day(value: String) -> impl IntoView {
    let day = format_day(&value);
    view! { <time datetime=value>{day}</time> }
}
