//! The registration form: its fields checked by the shared rules as the partner types, and
//! the product catalog as checkboxes.

use leptos::prelude::*;
use portico_api::organizations::Motion;
use portico_api::places::{self, COUNTRIES};
use portico_api::registrations::{
    self as rules, LinkRegistrationRequest, PartnerRegistration, PartnerRole, RegistrationKind,
    RegistrationRequest,
};
use portico_api::validate;

use super::products::ProductChoice;
use super::{Channel, form_key, message, today};
use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error, show_field_errors};
use portico_ui::components::{
    FieldState, FormError, RadioGroup, SelectField, SubmitButton, TextArea, TextField,
};
use portico_ui::dom::{on_submit, spawn};
use portico_ui::format::sorted_regions;
use portico_ui::session::use_session;

use crate::text;

/// The form's fields, each checked by the shared rules.
#[derive(Clone, Copy)]
struct Fields {
    kind: FieldState,
    company_name: FieldState,
    company_domain: FieldState,
    country: FieldState,
    contact_name: FieldState,
    contact_email: FieldState,
    contact_title: FieldState,
    motion: FieldState,
    /// Chosen product ids, comma-separated.
    products: FieldState,
    estimated_value: FieldState,
    currency: FieldState,
    expected_close: FieldState,
    description: FieldState,
    partner_role: FieldState,
}

impl Fields {
    fn new() -> Fields {
        let kind = FieldState::plain("reg-kind", RegistrationKind::Deal.as_str());
        let is_deal = move || kind.get() == RegistrationKind::Deal.as_str();
        let products = FieldState::new("reg-products", move |v| {
            (is_deal() && v.is_empty()).then(|| text::register::CHOOSE_PRODUCT.to_owned())
        });
        kind.revalidates(products);
        Fields {
            kind,
            company_name: FieldState::new("reg-company-name", |v| message(rules::company_name(v))),
            company_domain: FieldState::new("reg-company-domain", |v| {
                message(validate::company_domain(v))
            }),
            country: FieldState::new("reg-country", |v| message(places::country(v))),
            contact_name: FieldState::new("reg-contact-name", |v| message(rules::contact_name(v))),
            contact_email: FieldState::new("reg-contact-email", |v| {
                message(rules::contact_email(v))
            }),
            contact_title: FieldState::new("reg-contact-title", |v| {
                (v.trim().chars().count() > rules::TITLE_MAX)
                    .then(|| text::register::AT_MOST_100.to_owned())
            }),
            motion: FieldState::new("reg-motion", |v| {
                Motion::parse(v)
                    .is_none()
                    .then(|| text::register::CHOOSE_MOTION_ERROR.to_owned())
            }),
            products,
            estimated_value: FieldState::new("reg-value", |v| {
                message(parse_value(v).and_then(|n| rules::estimated_value(Some(n))))
            }),
            currency: FieldState::new("reg-currency", |v| message(places::currency(v))),
            expected_close: FieldState::new("reg-close", |v| {
                message(rules::expected_close(v, today()))
            }),
            description: FieldState::new("reg-description", |v| message(rules::description(v))),
            partner_role: FieldState::new("reg-role", |v| {
                PartnerRole::parse(v)
                    .is_none()
                    .then(|| text::register::CHOOSE_ROLE.to_owned())
            }),
        }
    }

    fn is_deal(self) -> bool {
        self.kind.get() == RegistrationKind::Deal.as_str()
    }

    /// The fields in form order; deal terms only for a deal.
    fn visible(self) -> Vec<FieldState> {
        let mut fields = vec![
            self.kind,
            self.company_name,
            self.company_domain,
            self.country,
            self.contact_name,
            self.contact_email,
            self.contact_title,
            self.motion,
            self.products,
        ];
        if self.is_deal() {
            fields.extend([self.estimated_value, self.currency, self.expected_close]);
        }
        fields.extend([self.description, self.partner_role]);
        fields
    }

    /// The request's field names paired with the inputs that show their errors.
    fn names(self) -> [(&'static str, FieldState); 14] {
        [
            ("kind", self.kind),
            ("company_name", self.company_name),
            ("company_domain", self.company_domain),
            ("country", self.country),
            ("contact_name", self.contact_name),
            ("contact_email", self.contact_email),
            ("contact_title", self.contact_title),
            ("motion", self.motion),
            ("products", self.products),
            ("estimated_value", self.estimated_value),
            ("currency", self.currency),
            ("expected_close", self.expected_close),
            ("description", self.description),
            ("partner_role", self.partner_role),
        ]
    }

    fn request(self) -> RegistrationRequest {
        let deal = self.is_deal();
        let deal_only = |field: FieldState| deal.then(|| field.get());
        RegistrationRequest {
            kind: RegistrationKind::parse(&self.kind.get()).unwrap_or(RegistrationKind::Deal),
            company_name: self.company_name.get(),
            company_domain: self.company_domain.get(),
            country: self.country.get(),
            contact_name: self.contact_name.get(),
            contact_email: self.contact_email.get(),
            contact_title: Some(self.contact_title.get()).filter(|t| !t.trim().is_empty()),
            motion: Motion::parse(&self.motion.get()).unwrap_or(Motion::Referral),
            products: self
                .products
                .get()
                .split(',')
                .filter_map(|id| id.parse().ok())
                .collect(),
            estimated_value: deal_only(self.estimated_value).and_then(|v| parse_value(&v).ok()),
            currency: deal_only(self.currency),
            expected_close: deal_only(self.expected_close),
            description: self.description.get(),
            partner_role: PartnerRole::parse(&self.partner_role.get())
                .unwrap_or(PartnerRole::Sourced),
        }
    }
}

/// A whole amount as people type it: "250000", "250,000" or "250 000".
fn parse_value(input: &str) -> Result<i64, &'static str> {
    let digits: String = input
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '\''))
        .collect();
    if digits.is_empty() {
        return Err(text::register::ENTER_VALUE);
    }
    digits.parse().map_err(|_| text::register::VALUE_DIGITS)
}

#[component]
pub(super) fn RegistrationForm(
    done: RwSignal<Option<PartnerRegistration>>,
    channel: Channel,
    /// The currency of the organization's country, when it has one.
    currency: Signal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let fields = Fields::new();
    // The currency this browser used last wins over the organization's; one already chosen
    // stays when the organization's arrives late (with a link's form).
    let remembered = portico_ui::deal::last_currency();
    Effect::new(move |_| {
        let start = remembered.clone().or_else(|| currency.get());
        if let Some(code) = start
            && fields.currency.value.get_untracked().is_empty()
        {
            fields.currency.value.set(code);
        }
    });
    let submitter_name =
        FieldState::new("reg-submitter-name", |v| message(validate::person_name(v)));
    let submitter_email = FieldState::new("reg-submitter-email", |v| message(validate::email(v)));
    let via_link = matches!(channel, Channel::Link(_));
    let channel = StoredValue::new(channel);
    let key = StoredValue::new(form_key());
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let is_deal = Memo::new(move |_| fields.kind.value.get() == RegistrationKind::Deal.as_str());

    let submitter = [
        ("submitter_name", submitter_name),
        ("submitter_email", submitter_email),
    ];
    let names = move || {
        let mut names = fields.names().to_vec();
        if via_link {
            names.extend(submitter);
        }
        names
    };
    let submit = move || {
        let mut visible = fields.visible();
        if via_link {
            visible.splice(0..0, [submitter_name, submitter_email]);
        }
        if !begin_submit(busy, form_error, &visible) {
            return;
        }
        let request = fields.request();
        if let Err(errors) = request.validate(today()) {
            show_field_errors(&errors, &names());
            return;
        }
        let csrf = session.csrf();
        let key = key.get_value();
        let channel = channel.get_value();
        busy.set(true);
        spawn(async move {
            let result = match &channel {
                Channel::Portal => api::submit_registration(&csrf, &key, &request).await,
                Channel::Link(token) => {
                    let body = LinkRegistrationRequest {
                        submitter_name: submitter_name.get(),
                        submitter_email: submitter_email.get(),
                        registration: request,
                    };
                    api::submit_via_link(&csrf, token, &key, &body).await
                }
            };
            busy.set(false);
            match result {
                Ok(registration) => {
                    if let Some(code) = &registration.currency {
                        portico_ui::deal::remember_currency(code);
                    }
                    done.set(Some(registration));
                }
                Err(e) => show_error(e, &names(), form_error),
            }
        });
    };

    let countries = sorted_regions(COUNTRIES);
    let motions = Motion::ALL
        .iter()
        .map(|m| (m.as_str().to_owned(), m.label().to_owned()))
        .collect::<Vec<_>>();
    let currencies = portico_ui::deal::currency_options();
    let min_close = Signal::derive(|| today().to_string());
    view! {
        <p class="muted">
            {text::register::KINDS_BEFORE_DEAL} <strong>{text::register::KINDS_DEAL}</strong>
            {text::register::KINDS_BEFORE_LEAD} <strong>{text::register::KINDS_LEAD}</strong>
            {text::register::KINDS_AFTER_LEAD}
        </p>
        <FormError error=form_error />
        <form class="form" novalidate on:submit=on_submit(submit)>
            {via_link
                .then(|| {
                    view! {
                        <fieldset class="form-section form-grid">
                            <legend>{text::register::YOU}</legend>
                            <TextField field=submitter_name label=text::register::YOUR_NAME autocomplete="name" />
                            <TextField
                                field=submitter_email
                                label=text::register::YOUR_EMAIL
                                kind="email"
                                autocomplete="email"
                            />
                        </fieldset>
                    }
                })}
            <RadioGroup
                field=fields.kind
                legend=text::register::KIND
                options=vec![("deal", text::register::DEAL), ("lead", text::register::LEAD)]
            />
            <fieldset class="form-section form-grid">
                <legend>{text::register::CUSTOMER}</legend>
                <TextField field=fields.company_name label=text::register::COMPANY_NAME autocomplete="off" />
                <TextField
                    field=fields.company_domain
                    label=text::register::DOMAIN
                    hint=text::register::DOMAIN_HINT
                    autocomplete="off"
                />
                <SelectField field=fields.country label=text::register::COUNTRY options=countries placeholder=text::register::CHOOSE_COUNTRY />
            </fieldset>
            <fieldset class="form-section form-grid">
                <legend>{text::register::CONTACT}</legend>
                <TextField field=fields.contact_name label=text::register::CONTACT_NAME autocomplete="off" />
                <TextField field=fields.contact_email label=text::register::CONTACT_EMAIL kind="email" autocomplete="off" />
                <TextField field=fields.contact_title label=text::register::CONTACT_TITLE optional=true autocomplete="off" />
            </fieldset>
            <fieldset class="form-section form-grid">
            <legend>{text::register::OPPORTUNITY}</legend>
            <SelectField field=fields.motion label=text::register::MOTION options=motions placeholder=text::register::CHOOSE_MOTION />
            <ProductChoice
                field=fields.products
                optional=Signal::derive(move || !is_deal.get())
                channel=channel.get_value()
            />
            {move || {
                is_deal
                    .get()
                    .then(|| {
                        view! {
                            <TextField
                                field=fields.estimated_value
                                label=text::register::VALUE
                                hint=text::register::VALUE_HINT
                                autocomplete="off"
                            />
                            <SelectField
                                field=fields.currency
                                label=text::register::CURRENCY
                                options=currencies.clone()
                                placeholder=text::register::CHOOSE_CURRENCY
                            />
                            <TextField
                                field=fields.expected_close
                                label=text::register::CLOSE
                                kind="date"
                                hint=text::register::CLOSE_HINT
                                min=min_close
                            />
                        }
                    })
            }}
            <TextArea field=fields.description label=text::register::USE_CASE hint=text::register::USE_CASE_HINT />
            <RadioGroup
                field=fields.partner_role
                legend=text::register::ROLE
                options=vec![
                    ("sourced", PartnerRole::Sourced.label()),
                    ("influenced", PartnerRole::Influenced.label()),
                ]
            />
            </fieldset>
            <SubmitButton id="register-submit" label=text::register::SUBMIT busy_label=text::register::SUBMITTING busy />
        </form>
    }
}
