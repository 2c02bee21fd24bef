//! `/settings/security`: the signed-in person's password and two-factor sign-in. Setting it up
//! shows a QR code and the key, takes a code from the app and the password, and then shows the
//! recovery codes once. Vendor staff whom the portal requires it of land here until it is on.

use crate::route::Route;
use leptos::prelude::*;
use portico_api::account::{
    AccountSecurity, ChangePassword, ConfirmTwoFactor, DisableTwoFactor, TwoFactorSetup, totp_code,
};

use crate::api;
use crate::components::field::{begin_submit, show_error};
use crate::components::password::new_password_fields;
use crate::components::record_page;
use crate::components::{
    ActionButton, CopyText, FieldState, FormError, SubmitButton, TextField, Time,
};
use crate::dom::{focus_soon, on_click, on_submit, set_title, spawn};
use crate::session::{Auth, use_session};
use crate::text;

#[component]
pub fn AccountSecurityPage() -> impl IntoView {
    set_title(text::account_security::TITLE);
    // Shown once, and kept while the status below is read again.
    let codes = RwSignal::new(None::<Vec<String>>);
    view! {
        <section class="page">
            <h1>{text::account_security::TITLE}</h1>
            {record_page(
                api::account_security,
                text::account_security::LOADING,
                move |security, reload| view! { <Sections security reload codes /> }.into_any(),
            )}
        </section>
    }
}

#[component]
fn Sections(
    security: AccountSecurity,
    reload: Callback<()>,
    codes: RwSignal<Option<Vec<String>>>,
) -> impl IntoView {
    let required = security.two_factor_setup_required;
    view! {
        {required
            .then(|| {
                view! {
                    <p id="two-factor-required" class="notice notice-warning" role="status">
                        {text::account_security::TWO_FACTOR_REQUIRED}
                    </p>
                }
            })}
        {security
            .set_password_until
            .map(|until| {
                view! {
                    <p class="notice notice-info">
                        {text::account_security::SIGN_IN_LINK_UNTIL}
                        <Time value=until />
                        {text::account_security::SIGN_IN_LINK_YOU_CAN}
                        <a href=Route::SetPassword.href()>
                            {text::account_security::SIGN_IN_LINK_LINK}
                        </a>
                        {text::account_security::SIGN_IN_LINK_AFTER_LINK}
                    </p>
                }
            })}
        <section class="panel" aria-labelledby="two-factor-heading">
            <h2 class="section-title" id="two-factor-heading">
                {text::account_security::TWO_FACTOR}
            </h2>
            <RecoveryCodesNotice codes />
            {if security.two_factor_enabled {
                view! { <TwoFactorOn left=security.recovery_codes_left reload /> }.into_any()
            } else {
                view! { <TwoFactorSetUp reload codes /> }.into_any()
            }}
        </section>
        {(!required).then(|| view! { <ChangePasswordForm /> })}
    }
}

/// The recovery codes, right after two-factor sign-in was turned on: the only time they show.
#[component]
fn RecoveryCodesNotice(codes: RwSignal<Option<Vec<String>>>) -> impl IntoView {
    let notice = move |list: Vec<String>| {
        focus_soon("recovery-codes-notice".to_owned());
        view! {
            <div id="recovery-codes-notice" class="notice notice-warning one-time-secret" tabindex="-1">
                <p>
                    <strong>{text::account_security::SAVE_CODES_NOW}</strong>
                    {text::account_security::CODES_SHOWN_ONCE}
                </p>
                <CopyText id="recovery-codes" text=list.join("  ") label=text::account_security::COPY_CODES />
                <button type="button" class="secondary small" on:click=on_click(move |_| codes.set(None))>
                    {text::account_security::SAVED_CODES}
                </button>
            </div>
        }
    };
    view! { <div aria-live="polite">{move || codes.get().map(notice)}</div> }
}

#[component]
fn TwoFactorOn(left: u32, reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let proof = FieldState::new("two-factor-off-proof", |v| {
        v.is_empty()
            .then(|| text::account_security::ENTER_PASSWORD_OR_CODE.to_owned())
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[proof]) {
            return;
        }
        // Six digits are a code from the app; a password is at least twelve characters.
        let typed = proof.get();
        let request = match totp_code(&typed) {
            Ok(code) => DisableTwoFactor {
                password: None,
                code: Some(code),
            },
            Err(_) => DisableTwoFactor {
                password: Some(typed),
                code: None,
            },
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::disable_two_factor(&csrf, &request).await;
            busy.set(false);
            match result {
                Ok(()) => reload.run(()),
                Err(e) => show_error(e, &[("password", proof), ("code", proof)], form_error),
            }
        });
    };
    view! {
        <p id="two-factor-status">
            {text::account_security::TWO_FACTOR_ON}
            {text::account_security::recovery_codes_left(left)}
        </p>
        <FormError error=form_error />
        <form class="form" id="two-factor-off-form" novalidate on:submit=on_submit(submit)>
            <TextField
                field=proof
                label=text::account_security::PASSWORD_OR_CODE
                kind="password"
                autocomplete="current-password"
            />
            <SubmitButton
                id="two-factor-disable"
                label=text::account_security::TURN_OFF
                busy_label=text::account_security::TURNING_OFF
                busy
            />
        </form>
    }
}

#[component]
fn TwoFactorSetUp(reload: Callback<()>, codes: RwSignal<Option<Vec<String>>>) -> impl IntoView {
    let session = use_session();
    let setup = RwSignal::new(None::<TwoFactorSetup>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let start = Callback::new(move |()| {
        busy.set(true);
        error.set(None);
        let csrf = session.csrf();
        spawn(async move {
            match api::start_two_factor(&csrf).await {
                Ok(made) => {
                    setup.set(Some(made));
                    focus_soon("two-factor-code".to_owned());
                }
                Err(e) => error.set(Some(e.message)),
            }
            busy.set(false);
        });
    });
    let label = Signal::derive(move || {
        if setup.with(Option::is_some) {
            text::account_security::START_AGAIN.to_owned()
        } else {
            text::account_security::SET_UP.to_owned()
        }
    });
    view! {
        <p id="two-factor-status">
            {text::account_security::TWO_FACTOR_OFF}
        </p>
        <ActionButton
            id="two-factor-start"
            label
            busy_label=text::account_security::PREPARING
            busy
            run=start
        />
        <p class="error-text" role="alert">{error}</p>
        {move || setup.get().map(|made| view! { <ConfirmSetup made reload codes /> })}
    }
}

#[component]
fn ConfirmSetup(
    made: TwoFactorSetup,
    reload: Callback<()>,
    codes: RwSignal<Option<Vec<String>>>,
) -> impl IntoView {
    let session = use_session();
    let code = FieldState::new("two-factor-code", |v| totp_code(v).err().map(str::to_owned));
    let password = FieldState::new("two-factor-password", |v| {
        v.is_empty()
            .then(|| text::account_security::ENTER_PASSWORD.to_owned())
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[code, password]) {
            return;
        }
        let request = ConfirmTwoFactor {
            code: code.get(),
            password: password.get(),
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::confirm_two_factor(&csrf, &request).await;
            busy.set(false);
            match result {
                Ok(made) => {
                    codes.set(Some(made.codes));
                    // The portal's requirement is met: the rest of the app opens up.
                    session.auth.update(|auth| {
                        if let Auth::SignedIn(me) = auth {
                            me.two_factor_setup_required = false;
                        }
                    });
                    reload.run(());
                }
                Err(e) => show_error(e, &[("code", code), ("password", password)], form_error),
            }
        });
    };
    view! {
        <ol class="steps">
            <li>
                <p>{text::account_security::SCAN_QR}</p>
                <img
                    id="two-factor-qr"
                    src=made.qr_code
                    alt=text::account_security::QR_ALT
                    width="200"
                    height="200"
                />
                <p>{text::account_security::TYPE_KEY}</p>
                <CopyText id="two-factor-secret" text=made.secret label=text::account_security::COPY_KEY />
            </li>
            <li>
                <p>{text::account_security::ENTER_CODE}</p>
                <FormError error=form_error />
                <form class="form" id="two-factor-confirm-form" novalidate on:submit=on_submit(submit)>
                    <TextField
                        field=code
                        label=text::account_security::CODE
                        autocomplete="one-time-code"
                    />
                    <TextField
                        field=password
                        label=text::account_security::YOUR_PASSWORD
                        kind="password"
                        autocomplete="current-password"
                    />
                    <SubmitButton
                        id="two-factor-confirm"
                        label=text::account_security::TURN_ON
                        busy_label=text::account_security::TURNING_ON
                        busy
                    />
                </form>
            </li>
        </ol>
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let session = use_session();
    let current = FieldState::new("current-password", |v| {
        v.is_empty()
            .then(|| text::account_security::ENTER_CURRENT_PASSWORD.to_owned())
    });
    let (new, confirm) = new_password_fields("new-password");
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[current, new, confirm]) {
            return;
        }
        status.set(None);
        let request = ChangePassword {
            current_password: current.get(),
            new_password: new.get(),
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::change_password(&csrf, &request).await;
            busy.set(false);
            let fields = [("current_password", current), ("new_password", new)];
            match result {
                Ok(()) => {
                    for field in [current, new, confirm] {
                        field.value.set(String::new());
                    }
                    status.set(Some(text::account_security::PASSWORD_CHANGED));
                }
                Err(e) => show_error(e, &fields, form_error),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="password-heading">
            <h2 class="section-title" id="password-heading">
                {text::account_security::PASSWORD}
            </h2>
            <FormError error=form_error />
            <form class="form" id="change-password-form" novalidate on:submit=on_submit(submit)>
                <TextField
                    field=current
                    label=text::account_security::CURRENT_PASSWORD
                    kind="password"
                    autocomplete="current-password"
                />
                <TextField
                    field=new
                    label=text::account_security::NEW_PASSWORD
                    kind="password"
                    autocomplete="new-password"
                    hint=text::fields::NEW_PASSWORD_HINT
                />
                <TextField
                    field=confirm
                    label=text::account_security::CONFIRM_NEW_PASSWORD
                    kind="password"
                    autocomplete="new-password"
                />
                <SubmitButton
                    id="change-password"
                    label=text::account_security::CHANGE_PASSWORD
                    busy_label=text::account_security::CHANGING
                    busy
                />
            </form>
            <p id="password-status" class="status-line" role="status">{status}</p>
            <p class="muted">
                {text::account_security::FORGOT_BEFORE_LINK}
                <a href=Route::SetPassword.href()>{text::account_security::FORGOT_LINK}</a>
                {text::account_security::FORGOT_AFTER_LINK}
            </p>
        </section>
    }
}
