//! `/manage/security`: the portal's sign-in rules, for administrators: whether managers and
//! administrators must use two-factor sign-in.

use leptos::prelude::*;
use portico_api::account::SecuritySettings;

use portico_ui::api;
use portico_ui::components::field::begin_submit;
use portico_ui::components::record_page;
use portico_ui::components::{FormError, SubmitButton};
use portico_ui::dom::{on_submit, set_title, spawn};
use portico_ui::session::use_session;

use crate::text;

#[component]
pub fn SecuritySettingsPage() -> impl IntoView {
    set_title(text::security_settings::TITLE);
    view! {
        <section class="page narrow">
            <h1>{text::security_settings::TITLE}</h1>
            {record_page(
                api::security_settings,
                text::security_settings::LOADING,
                |settings, _| view! { <SettingsForm settings /> }.into_any(),
            )}
        </section>
    }
}

#[component]
fn SettingsForm(settings: SecuritySettings) -> impl IntoView {
    let session = use_session();
    let required = RwSignal::new(settings.vendor_two_factor_required);
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[]) {
            return;
        }
        status.set(None);
        let body = SecuritySettings {
            vendor_two_factor_required: required.get_untracked(),
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::save_security_settings(&csrf, &body).await;
            busy.set(false);
            match result {
                Ok(saved) => {
                    required.set(saved.vendor_two_factor_required);
                    status.set(Some(text::security_settings::SAVED));
                }
                Err(e) => form_error.set(Some(e.message)),
            }
        });
    };
    view! {
        <FormError error=form_error />
        <form class="form" id="security-settings-form" novalidate on:submit=on_submit(submit)>
            <div class="field field-wide">
                <label class="choice" for="require-vendor-two-factor">
                    <input
                        type="checkbox"
                        id="require-vendor-two-factor"
                        aria-describedby="require-vendor-two-factor-hint"
                        prop:checked=required
                        on:change=move |ev| required.set(event_target_checked(&ev))
                    />
                    {text::security_settings::REQUIRE_TWO_FACTOR}
                </label>
                <p class="hint" id="require-vendor-two-factor-hint">
                    {text::security_settings::REQUIRE_TWO_FACTOR_HINT}
                </p>
            </div>
            <p id="security-settings-status" class="status-line" role="status">{status}</p>
            <SubmitButton
                id="security-settings-save"
                label=text::security_settings::SAVE
                busy_label=text::security_settings::SAVING
                busy
            />
        </form>
    }
}
