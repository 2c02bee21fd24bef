//! The announcement form, for a new announcement and for an existing one: text, audience,
//! acknowledgment and schedule.

use leptos::prelude::*;
use portico_api::announcements::{AnnouncementInput, Audience, ManagerAnnouncement};
use portico_api::organizations::{Motion, OrganizationSummary, Tier};
use wasm_bindgen::JsValue;

use portico_ui::api;
use portico_ui::components::field::pairs;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{
    CheckBox, CheckGroup, FieldState, FormError, RadioGroup, SubmitButton, TextArea, TextField,
};
use portico_ui::dom::{on_submit, spawn};
use portico_ui::session::use_session;

use crate::text;

/// The form's fields, filled from an existing announcement or empty.
#[derive(Clone, Copy)]
struct Fields {
    title: FieldState,
    body: FieldState,
    kind: FieldState,
    tiers: RwSignal<Vec<&'static str>>,
    motions: RwSignal<Vec<&'static str>>,
    organizations: RwSignal<Vec<i64>>,
    audience: FieldState,
    requires_ack: RwSignal<bool>,
    when: FieldState,
    publish_at: FieldState,
}

impl Fields {
    fn new(existing: Option<&ManagerAnnouncement>) -> Fields {
        let f = Fields {
            title: FieldState::new("announcement-title", |v| {
                v.trim()
                    .is_empty()
                    .then(|| text::announcements::TITLE_MISSING.to_owned())
            }),
            body: FieldState::new("announcement-body", |v| {
                v.trim()
                    .is_empty()
                    .then(|| text::announcements::BODY_MISSING.to_owned())
            }),
            kind: FieldState::plain("audience-kind", "all"),
            tiers: RwSignal::new(Vec::new()),
            motions: RwSignal::new(Vec::new()),
            organizations: RwSignal::new(Vec::new()),
            audience: FieldState::plain("audience", ""),
            requires_ack: RwSignal::new(false),
            when: FieldState::plain("publish-when", "now"),
            publish_at: FieldState::plain("publish-at", ""),
        };
        if let Some(a) = existing {
            f.fill(a);
        }
        f
    }

    fn fill(self, a: &ManagerAnnouncement) {
        self.title.value.set(a.title.clone());
        self.body.value.set(a.body.clone());
        self.requires_ack.set(a.requires_ack);
        let kind = match &a.audience {
            Audience::All => "all",
            Audience::Segments { tiers, motions } => {
                self.tiers.set(tiers.iter().map(|t| t.as_str()).collect());
                self.motions
                    .set(motions.iter().map(|m| m.as_str()).collect());
                "segments"
            }
            Audience::Organizations { ids } => {
                self.organizations.set(ids.clone());
                "organizations"
            }
        };
        self.kind.value.set(kind.to_owned());
        if a.published_at.is_none() {
            self.when.value.set("later".to_owned());
            self.publish_at.value.set(local_input_value(&a.publish_at));
        }
    }

    fn audience(self) -> Audience {
        match self.kind.get().as_str() {
            "segments" => Audience::Segments {
                tiers: self
                    .tiers
                    .get_untracked()
                    .into_iter()
                    .filter_map(Tier::parse)
                    .collect(),
                motions: self
                    .motions
                    .get_untracked()
                    .into_iter()
                    .filter_map(Motion::parse)
                    .collect(),
            },
            "organizations" => Audience::Organizations {
                ids: self.organizations.get_untracked(),
            },
            _ => Audience::All,
        }
    }

    /// The request, or `None` after showing why the publishing time will not do.
    fn input(self) -> Option<AnnouncementInput> {
        let publish_at = match self.when.get().as_str() {
            "later" => {
                let at = rfc3339_from_local(&self.publish_at.get());
                if at.is_none() {
                    let message = text::announcements::PUBLISH_AT_MISSING;
                    self.publish_at.error.set(Some(message.to_owned()));
                }
                Some(at?)
            }
            _ => None,
        };
        Some(AnnouncementInput {
            title: self.title.get(),
            body: self.body.get(),
            audience: self.audience(),
            requires_ack: self.requires_ack.get_untracked(),
            publish_at,
        })
    }
}

/// A `datetime-local` value (the browser's time zone) as RFC 3339 in UTC.
fn rfc3339_from_local(value: &str) -> Option<String> {
    if value.is_empty() {
        return None;
    }
    let date = js_sys::Date::new(&JsValue::from_str(value));
    (!date.get_time().is_nan()).then(|| String::from(date.to_iso_string()))
}

/// An RFC 3339 time as a `datetime-local` value in the browser's time zone.
fn local_input_value(rfc3339: &str) -> String {
    let d = js_sys::Date::new(&JsValue::from_str(rfc3339));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

#[component]
pub(super) fn AnnouncementForm(
    existing: Option<ManagerAnnouncement>,
    saved: Callback<ManagerAnnouncement>,
) -> impl IntoView {
    let session = use_session();
    let f = Fields::new(existing.as_ref());
    let id = existing.as_ref().map(|a| a.id);
    let published = existing.as_ref().is_some_and(|a| a.published_at.is_some());
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[f.title, f.body]) {
            return;
        }
        let Some(request) = f.input() else {
            return;
        };
        if let Err(errors) = request.validate() {
            for (field, message) in errors {
                if field == "audience" {
                    f.audience.error.set(Some(message));
                }
            }
            return;
        }
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = match id {
                Some(id) => api::edit_announcement(&csrf, id, &request).await,
                None => api::create_announcement(&csrf, &request).await,
            };
            busy.set(false);
            match result {
                Ok(a) => saved.run(a),
                Err(e) => show_error(
                    e,
                    &[
                        ("title", f.title),
                        ("body", f.body),
                        ("audience", f.audience),
                        ("publish_at", f.publish_at),
                    ],
                    form_error,
                ),
            }
        });
    };
    let (label, busy_label) = if id.is_none() {
        (
            text::announcements::PUBLISH,
            text::announcements::PUBLISHING,
        )
    } else {
        (
            text::announcements::SAVE_CHANGES,
            text::announcements::SAVING,
        )
    };
    view! {
        <FormError error=form_error />
        <form class="form form-grid" id="announcement-form" novalidate on:submit=on_submit(submit)>
            <TextField field=f.title label=text::announcements::TITLE_LABEL autocomplete="off" />
            <TextArea
                field=f.body
                label=text::announcements::BODY
                hint=text::announcements::BODY_HINT
            />
            {(!published).then(|| view! { <AudienceFields f /> })}
            {(!published).then(|| view! {
                <CheckBox
                    id="requires-ack"
                    label=text::announcements::REQUIRES_ACK
                    checked=f.requires_ack
                    class="field-wide"
                />
                <RadioGroup
                    field=f.when
                    legend=text::announcements::WHEN
                    options=vec![
                        ("now", text::announcements::PUBLISH_NOW),
                        ("later", text::announcements::AT_SET_TIME),
                    ]
                />
                <div hidden=move || f.when.value.get() != "later">
                    <TextField
                        field=f.publish_at
                        label=text::announcements::PUBLISH_AT
                        kind="datetime-local"
                        optional=true
                    />
                </div>
            })}
            <SubmitButton id="announcement-save" label busy_label busy />
        </form>
    }
}

#[component]
fn AudienceFields(f: Fields) -> impl IntoView {
    let organizations = RwSignal::new(None::<Result<Vec<OrganizationSummary>, String>>);
    spawn(async move {
        organizations.set(Some(api::all_organizations().await.map_err(|e| e.message)));
    });
    let pick = move |id: i64, on: bool| {
        f.organizations.update(|ids| {
            ids.retain(|i| *i != id);
            if on {
                ids.push(id);
            }
        });
        f.audience.error.set(None);
    };
    view! {
        <fieldset class="field-wide audience" id="audience" tabindex="-1">
            <legend>{text::announcements::WHO_FOR}</legend>
            <RadioGroup
                field=f.kind
                legend=text::announcements::AUDIENCE
                options=vec![
                    ("all", text::announcements::ALL_PARTNERS),
                    ("segments", text::announcements::SEGMENTS),
                    ("organizations", text::announcements::CHOSEN_ORGANIZATIONS),
                ]
            />
            <div hidden=move || f.kind.value.get() != "segments">
                <CheckGroup
                    id="audience-tiers"
                    legend=text::announcements::TIERS
                    hint=text::announcements::TIERS_HINT
                    options=pairs(&Tier::ALL, Tier::as_str, Tier::label)
                    chosen=f.tiers
                />
                <CheckGroup
                    id="audience-motions"
                    legend=text::announcements::MOTIONS
                    hint=text::announcements::MOTIONS_HINT
                    options=pairs(&Motion::ALL, Motion::as_str, Motion::label)
                    chosen=f.motions
                />
            </div>
            <div hidden=move || f.kind.value.get() != "organizations">
                <fieldset class="choices">
                    <legend>{text::announcements::ORGANIZATIONS}</legend>
                    {move || match organizations.get() {
                        None => view! { <p>{text::announcements::LOADING_ORGANIZATIONS}</p> }.into_any(),
                        Some(Err(message)) => view! { <p class="error-text">{message}</p> }.into_any(),
                        Some(Ok(list)) => list.into_iter().map(|o| {
                            let box_id = format!("audience-org-{}", o.id);
                            let checked = Signal::derive(move || f.organizations.with(|ids| ids.contains(&o.id)));
                            view! {
                                <label class="choice" for=box_id.clone()>
                                    <input type="checkbox" id=box_id.clone() prop:checked=checked
                                        on:change=move |ev| pick(o.id, event_target_checked(&ev)) />
                                    {o.name}
                                </label>
                            }
                        }).collect_view().into_any(),
                    }}
                </fieldset>
            </div>
            <p class="field-error" id="audience-error" aria-live="polite">{f.audience.error}</p>
        </fieldset>
    }
}
