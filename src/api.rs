//! The typed client for the server's JSON API: one async function per endpoint.
//!
//! Every function returns the server's error as an [`ApiError`] for the page to show. A 401 from
//! any endpoint other than sign-in, `GET /api/me` and sign-out means the session has ended; the
//! client then calls the hook registered with [`on_session_expired`] so the app can send the
//! person back to the sign-in page; a 403 `two_factor_setup_required` calls the one registered
//! with [`on_two_factor_required`].

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::window;
use portico_api::account::{
    AccountSecurity, ChangePassword, ConfirmTwoFactor, DisableTwoFactor, RecoveryCodes,
    SecuritySettings, SetPassword, TwoFactorSetup,
};
use portico_api::accounts::{Account, AccountInput, ImportSummary};
use portico_api::announcements::{
    AnnouncementInput, AnnouncementVersion, FeedAnnouncement, ManagerAnnouncement, Reminded,
    Unacknowledged, Unread,
};
use portico_api::assets::{
    AssetDetail, AssetMetadata, AssetQuery, AssetSearch, AssetUsageDetail, AssetView,
    Certifications, ContentUsage, ManagedAsset, PartnerContentUsage, UPLOAD_MAX_BYTES,
};
use portico_api::auth::{
    MagicLinkRequest, MagicLinkSent, RedeemSignInLink, SecondFactorRequest, SecondFactorRequired,
};
use portico_api::card_links::{CardLink, CardLinkRequest, IssuedCardLink, RevokeCardLink};
use portico_api::integrations::{
    CreatedEndpoint, CrmSystem, Delivery, DeliveryState, EndpointInput, Integration,
    IntegrationSecret, IntegrationSettings, Replayed, WebhookEndpoint, WebhookSecret,
};
use portico_api::invitations::{
    AcceptInvitation, CreateInvitation, CreatedInvitation, Invitation, InvitationPreview,
};
use portico_api::notifications::{
    Category, MailboxEntry, MailboxMessage, MessageDelivery, Notification, Preferences,
    SetPreferences, SlackChannel, SlackChannelInput, Unsubscribed,
};
use portico_api::organizations::OrganizationSummary;
use portico_api::pipeline::{
    ManagerOpportunityDetail, NewOpportunity, NoteRequest, OpportunityDetail, OpportunityPatch,
    PartnerOpportunityDetail, PipelinePage, PipelineReview, ProgramNumbers, SharedNote,
};
use portico_api::registrations::{
    CreateProduct, CreatedRegistrationLink, DecisionRequest, ExtensionRequest, InfoRequest,
    InfoResponse, LinkForm, LinkRegistrationRequest, ManagerRegistration,
    ManagerRegistrationDetail, PartnerRegistration, PartnerRegistrationDetail, Product,
    RegistrationLinkStatus, RegistrationRequest, RegistrationStatus,
};
use portico_api::users::{UpdateUser, UserAdminView};
use portico_api::{ErrorBody, FieldErrors, LoginRequest, Me, Page};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    File, FormData, Headers, ProgressEvent, Request, RequestInit, Response, XmlHttpRequest,
};

use crate::url::encode;

/// What went wrong with a request, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status, or 0 when the server could not be reached.
    pub status: u16,
    /// The server's stable code, e.g. `validation_failed`; `network` or `bad_response` when
    /// the failure happened before a proper answer arrived.
    pub code: String,
    pub message: String,
    pub fields: FieldErrors,
}

impl ApiError {
    fn local(code: &str, message: &str) -> ApiError {
        ApiError {
            status: 0,
            code: code.to_owned(),
            message: message.to_owned(),
            fields: FieldErrors::new(),
        }
    }

    fn network() -> ApiError {
        ApiError::local(
            "network",
            "The server could not be reached. Check your connection and try again.",
        )
    }

    fn bad_response(status: u16) -> ApiError {
        ApiError {
            status,
            ..ApiError::local(
                "bad_response",
                "The server sent an answer this page does not understand. Please try again.",
            )
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.status == 404
    }
}

/// Page size for the lists; the server serves at most 100.
pub const PAGE_SIZE: u32 = 25;

thread_local! {
    static ON_EXPIRED: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
    static ON_TWO_FACTOR_REQUIRED: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Registers what to do when the portal turns out to require two-factor sign-in first.
pub fn on_two_factor_required(hook: impl Fn() + 'static) {
    ON_TWO_FACTOR_REQUIRED.with(|h| *h.borrow_mut() = Some(Rc::new(hook)));
}

/// Registers what to do when a request finds the session gone.
pub fn on_session_expired(hook: impl Fn() + 'static) {
    ON_EXPIRED.with(|h| *h.borrow_mut() = Some(Rc::new(hook)));
}

fn session_expired() {
    if let Some(hook) = ON_EXPIRED.with(|h| h.borrow().clone()) {
        hook();
    }
}

/// Whether a 401 answer means "your session ended" (most endpoints) or is an ordinary answer
/// the caller handles itself (wrong password, not signed in yet).
#[derive(Clone, Copy, PartialEq, Eq)]
enum On401 {
    Expire,
    Return,
}

/// A request to the API: method, path and, for writes, the CSRF token and a JSON body.
struct Call<'a> {
    method: &'static str,
    url: &'a str,
    csrf: &'a str,
    /// The body and its media type.
    body: Option<(String, &'static str)>,
    /// A retried write with the same key is applied once.
    idempotency_key: Option<&'a str>,
}

impl<'a> Call<'a> {
    fn get(url: &'a str) -> Call<'a> {
        Call {
            method: "GET",
            url,
            csrf: "",
            body: None,
            idempotency_key: None,
        }
    }

    fn write(method: &'static str, url: &'a str, csrf: &'a str) -> Call<'a> {
        Call {
            method,
            url,
            csrf,
            body: None,
            idempotency_key: None,
        }
    }

    fn json<B: Serialize>(self, body: &B) -> Call<'a> {
        Call {
            body: json_text(body).map(|text| (text, "application/json")),
            ..self
        }
    }

    fn request(&self) -> Result<Request, JsValue> {
        let headers = Headers::new()?;
        let init = RequestInit::new();
        init.set_method(self.method);
        if !self.csrf.is_empty() {
            headers.set("X-CSRF-Token", self.csrf)?;
        }
        if let Some(key) = self.idempotency_key {
            headers.set("Idempotency-Key", key)?;
        }
        if let Some((body, media_type)) = &self.body {
            headers.set("Content-Type", media_type)?;
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        Request::new_with_str_and_init(self.url, &init)
    }
}

/// JSON text as serde_json writes it (`null` for `None`, objects for maps), built by the
/// browser's own JSON. Serializing the contract's plain structs cannot fail.
fn json_text<B: Serialize>(body: &B) -> Option<String> {
    body.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
        .and_then(|v| js_sys::JSON::stringify(&v).ok())
        .and_then(|v| v.as_string())
}

/// A complete answer from the server.
struct Answer {
    status: u16,
    body: JsValue,
}

async fn fetch(call: &Call<'_>) -> Result<Answer, JsValue> {
    let response: Response = JsFuture::from(window().fetch_with_request(&call.request()?))
        .await?
        .dyn_into()?;
    let text = JsFuture::from(response.text()?).await?;
    let body = text
        .as_string()
        .and_then(|t| js_sys::JSON::parse(&t).ok())
        .unwrap_or(JsValue::UNDEFINED);
    Ok(Answer {
        status: response.status(),
        body,
    })
}

async fn send(call: Call<'_>, on_401: On401) -> Result<Answer, ApiError> {
    let answer = fetch(&call).await.map_err(|_| ApiError::network())?;
    checked(answer, on_401)
}

/// A 2xx answer as it came; any other as the server's error.
fn checked(answer: Answer, on_401: On401) -> Result<Answer, ApiError> {
    if (200..300).contains(&answer.status) {
        return Ok(answer);
    }
    let status = answer.status;
    let error = match serde_wasm_bindgen::from_value::<ErrorBody>(answer.body) {
        Ok(body) => ApiError {
            status,
            code: body.error.code,
            message: body.error.message,
            fields: body.error.fields,
        },
        Err(_) => ApiError::bad_response(status),
    };
    if status == 401 && on_401 == On401::Expire {
        session_expired();
    }
    if error.code == "two_factor_setup_required"
        && let Some(hook) = ON_TWO_FACTOR_REQUIRED.with(|h| h.borrow().clone())
    {
        hook();
    }
    Err(error)
}

fn json<T: DeserializeOwned>(answer: Answer) -> Result<T, ApiError> {
    serde_wasm_bindgen::from_value(answer.body).map_err(|_| ApiError::bad_response(answer.status))
}

/// One member of an answer's JSON object, as an answer of its own.
fn member(answer: &Answer, name: &str) -> Answer {
    Answer {
        status: answer.status,
        body: js_sys::Reflect::get(&answer.body, &JsValue::from_str(name))
            .unwrap_or(JsValue::UNDEFINED),
    }
}

fn list_url(path: &str, cursor: Option<&str>, limit: u32) -> String {
    match cursor {
        Some(cursor) => format!("{path}?limit={limit}&cursor={}", encode(cursor, false)),
        None => format!("{path}?limit={limit}"),
    }
}

/// Where a right password or sign-in link led.
pub enum SignIn {
    Done(Me),
    /// Two-factor sign-in is on: a code comes next.
    SecondFactor(SecondFactorRequired),
}

fn sign_in(answer: Answer) -> Result<SignIn, ApiError> {
    if answer.status == 202 {
        json(answer).map(SignIn::SecondFactor)
    } else {
        json(answer).map(SignIn::Done)
    }
}

/// `POST /api/auth/login`
pub async fn login(csrf: &str, body: &LoginRequest) -> Result<SignIn, ApiError> {
    let call = Call::write("POST", "/api/auth/login", csrf).json(body);
    sign_in(send(call, On401::Return).await?)
}

/// `POST /api/auth/second-factor`
pub async fn second_factor(csrf: &str, body: &SecondFactorRequest) -> Result<Me, ApiError> {
    let call = Call::write("POST", "/api/auth/second-factor", csrf).json(body);
    json(send(call, On401::Return).await?)
}

/// `GET /api/account/security`
pub async fn account_security() -> Result<AccountSecurity, ApiError> {
    json(send(Call::get("/api/account/security"), On401::Expire).await?)
}

/// `POST /api/account/password`
pub async fn change_password(csrf: &str, body: &ChangePassword) -> Result<(), ApiError> {
    let call = Call::write("POST", "/api/account/password", csrf).json(body);
    send(call, On401::Expire).await?;
    Ok(())
}

/// `POST /api/account/password/set`
pub async fn set_password(csrf: &str, body: &SetPassword) -> Result<(), ApiError> {
    let call = Call::write("POST", "/api/account/password/set", csrf).json(body);
    send(call, On401::Expire).await?;
    Ok(())
}

/// `POST /api/account/two-factor/setup`
pub async fn start_two_factor(csrf: &str) -> Result<TwoFactorSetup, ApiError> {
    let call = Call::write("POST", "/api/account/two-factor/setup", csrf);
    json(send(call, On401::Expire).await?)
}

/// `POST /api/account/two-factor/confirm`
pub async fn confirm_two_factor(
    csrf: &str,
    body: &ConfirmTwoFactor,
) -> Result<RecoveryCodes, ApiError> {
    let call = Call::write("POST", "/api/account/two-factor/confirm", csrf).json(body);
    json(send(call, On401::Expire).await?)
}

/// `POST /api/account/two-factor/disable`
pub async fn disable_two_factor(csrf: &str, body: &DisableTwoFactor) -> Result<(), ApiError> {
    let call = Call::write("POST", "/api/account/two-factor/disable", csrf).json(body);
    send(call, On401::Expire).await?;
    Ok(())
}

/// `GET /api/settings/security`
pub async fn security_settings() -> Result<SecuritySettings, ApiError> {
    json(send(Call::get("/api/settings/security"), On401::Expire).await?)
}

/// `PUT /api/settings/security`
pub async fn save_security_settings(
    csrf: &str,
    body: &SecuritySettings,
) -> Result<SecuritySettings, ApiError> {
    let call = Call::write("PUT", "/api/settings/security", csrf).json(body);
    json(send(call, On401::Expire).await?)
}

/// `POST /api/auth/logout`
pub async fn logout(csrf: &str) -> Result<(), ApiError> {
    send(Call::write("POST", "/api/auth/logout", csrf), On401::Return).await?;
    Ok(())
}

/// `GET /api/me`; a 401 here just means nobody is signed in.
pub async fn me() -> Result<Me, ApiError> {
    json(send(Call::get("/api/me"), On401::Return).await?)
}

/// `GET /api/organizations`
pub async fn organizations(
    cursor: Option<&str>,
    limit: u32,
) -> Result<Page<OrganizationSummary>, ApiError> {
    let url = list_url("/api/organizations", cursor, limit);
    json(send(Call::get(&url), On401::Expire).await?)
}

/// Every partner organization, following the cursor to the end.
pub async fn all_organizations() -> Result<Vec<OrganizationSummary>, ApiError> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = organizations(cursor.as_deref(), 100).await?;
        all.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(all),
        }
    }
}

/// `POST /api/invitations`
pub async fn create_invitation(
    csrf: &str,
    body: &CreateInvitation,
) -> Result<CreatedInvitation, ApiError> {
    let call = Call::write("POST", "/api/invitations", csrf).json(body);
    json(send(call, On401::Expire).await?)
}

/// `GET /api/invitations`: pending invitations.
pub async fn invitations(cursor: Option<&str>) -> Result<Page<Invitation>, ApiError> {
    let url = list_url("/api/invitations", cursor, PAGE_SIZE);
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `GET /api/invitations/{token}`
pub async fn invitation_preview(token: &str) -> Result<InvitationPreview, ApiError> {
    let url = format!("/api/invitations/{}", encode(token, false));
    json(send(Call::get(&url), On401::Return).await?)
}

/// `POST /api/invitations/{token}/accept`: creates the account and signs it in.
pub async fn accept_invitation(
    csrf: &str,
    token: &str,
    body: &AcceptInvitation,
) -> Result<Me, ApiError> {
    let url = format!("/api/invitations/{}/accept", encode(token, false));
    let call = Call::write("POST", &url, csrf).json(body);
    json(send(call, On401::Return).await?)
}

/// `GET /api/users`
pub async fn users(cursor: Option<&str>) -> Result<Page<UserAdminView>, ApiError> {
    let url = list_url("/api/users", cursor, PAGE_SIZE);
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `PATCH /api/users/{id}`
pub async fn update_user(
    csrf: &str,
    id: i64,
    body: &UpdateUser,
) -> Result<UserAdminView, ApiError> {
    let url = format!("/api/users/{id}");
    let call = Call::write("PATCH", &url, csrf).json(body);
    json(send(call, On401::Expire).await?)
}

/// `GET /api/products`
pub async fn products() -> Result<Vec<Product>, ApiError> {
    json(send(Call::get("/api/products"), On401::Expire).await?)
}

/// `POST /api/products`
pub async fn create_product(csrf: &str, body: &CreateProduct) -> Result<Product, ApiError> {
    json(
        send(
            Call::write("POST", "/api/products", csrf).json(body),
            On401::Expire,
        )
        .await?,
    )
}

/// `POST /api/products/{id}/archive`
pub async fn archive_product(csrf: &str, id: i64) -> Result<Product, ApiError> {
    let url = format!("/api/products/{id}/archive");
    json(send(Call::write("POST", &url, csrf), On401::Expire).await?)
}

/// `POST /api/registrations`; `key` identifies the form, so a resend registers once.
pub async fn submit_registration(
    csrf: &str,
    key: &str,
    body: &RegistrationRequest,
) -> Result<PartnerRegistration, ApiError> {
    let call = Call {
        idempotency_key: Some(key),
        ..Call::write("POST", "/api/registrations", csrf).json(body)
    };
    json(send(call, On401::Expire).await?)
}

/// `GET /api/registrations` as a partner: the organization's own, newest first.
pub async fn my_registrations(cursor: Option<&str>) -> Result<Page<PartnerRegistration>, ApiError> {
    let url = list_url("/api/registrations", cursor, PAGE_SIZE);
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `GET /api/registrations` as a manager; `queue` lists the undecided, oldest first.
pub async fn all_registrations(
    queue: bool,
    status: Option<RegistrationStatus>,
    organization_id: Option<i64>,
    cursor: Option<&str>,
) -> Result<Page<ManagerRegistration>, ApiError> {
    let mut url = list_url("/api/registrations", cursor, PAGE_SIZE);
    if queue {
        url.push_str("&queue=true");
    }
    if let Some(status) = status {
        url.push_str(&format!("&status={}", status.as_str()));
    }
    if let Some(id) = organization_id {
        url.push_str(&format!("&organization_id={id}"));
    }
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `GET /api/registrations/{id}` as a partner.
pub async fn my_registration(id: i64) -> Result<PartnerRegistrationDetail, ApiError> {
    json(
        send(
            Call::get(&format!("/api/registrations/{id}")),
            On401::Expire,
        )
        .await?,
    )
}

/// `GET /api/registrations/{id}` as a manager.
pub async fn registration_for_manager(id: i64) -> Result<ManagerRegistrationDetail, ApiError> {
    json(
        send(
            Call::get(&format!("/api/registrations/{id}")),
            On401::Expire,
        )
        .await?,
    )
}

/// `POST /api/registrations/{id}/decision`, or its extension's decision when `extension`.
pub async fn decide_registration(
    csrf: &str,
    id: i64,
    extension: bool,
    body: &DecisionRequest,
) -> Result<ManagerRegistration, ApiError> {
    let path = if extension {
        "extension/decision"
    } else {
        "decision"
    };
    let url = format!("/api/registrations/{id}/{path}");
    json(send(Call::write("POST", &url, csrf).json(body), On401::Expire).await?)
}

/// `POST /api/registrations/{id}/withdraw`
pub async fn withdraw_registration(csrf: &str, id: i64) -> Result<PartnerRegistration, ApiError> {
    let url = format!("/api/registrations/{id}/withdraw");
    json(send(Call::write("POST", &url, csrf), On401::Expire).await?)
}

/// `POST /api/registrations/{id}/extension`
pub async fn request_extension(
    csrf: &str,
    id: i64,
    body: &ExtensionRequest,
) -> Result<PartnerRegistration, ApiError> {
    let url = format!("/api/registrations/{id}/extension");
    json(send(Call::write("POST", &url, csrf).json(body), On401::Expire).await?)
}

/// `POST /api/registrations/{id}/info-request`
pub async fn ask_partner(
    csrf: &str,
    id: i64,
    body: &InfoRequest,
) -> Result<ManagerRegistration, ApiError> {
    let url = format!("/api/registrations/{id}/info-request");
    json(send(Call::write("POST", &url, csrf).json(body), On401::Expire).await?)
}

/// `POST /api/registrations/{id}/info-response`
pub async fn answer_question(
    csrf: &str,
    id: i64,
    body: &InfoResponse,
) -> Result<PartnerRegistration, ApiError> {
    let url = format!("/api/registrations/{id}/info-response");
    json(send(Call::write("POST", &url, csrf).json(body), On401::Expire).await?)
}

/// `GET /api/notifications`, newest first.
pub async fn notifications(cursor: Option<&str>) -> Result<Page<Notification>, ApiError> {
    let url = list_url("/api/notifications", cursor, PAGE_SIZE);
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `GET /api/me/notifications`: the signed-in user's channels per category.
pub async fn notification_preferences() -> Result<Preferences, ApiError> {
    json(send(Call::get("/api/me/notifications"), On401::Expire).await?)
}

/// `PUT /api/me/notifications`
pub async fn save_notification_preferences(
    csrf: &str,
    body: &SetPreferences,
) -> Result<Preferences, ApiError> {
    let call = Call::write("PUT", "/api/me/notifications", csrf).json(body);
    json(send(call, On401::Expire).await?)
}

/// `POST /api/unsubscribe`: turns one category's e-mail off. Needs no session, as the link's
/// signature is the proof; someone signed in still sends the CSRF token.
pub async fn unsubscribe(
    csrf: &str,
    user: i64,
    category: Category,
    sig: &str,
) -> Result<Unsubscribed, ApiError> {
    let url = format!(
        "/api/unsubscribe?user={user}&category={}&sig={}",
        category.as_str(),
        encode(sig, false)
    );
    json(send(Call::write("POST", &url, csrf), On401::Return).await?)
}

/// `GET /api/organizations/{id}/slack`: `None` when no channel is connected.
pub async fn slack_channel(organization_id: i64) -> Result<Option<SlackChannel>, ApiError> {
    let url = format!("/api/organizations/{organization_id}/slack");
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `PUT /api/organizations/{id}/slack`: connects the channel, or replaces it.
pub async fn connect_slack(
    csrf: &str,
    organization_id: i64,
    body: &SlackChannelInput,
) -> Result<SlackChannel, ApiError> {
    let url = format!("/api/organizations/{organization_id}/slack");
    json(send(Call::write("PUT", &url, csrf).json(body), On401::Expire).await?)
}

/// `DELETE /api/organizations/{id}/slack`
pub async fn disconnect_slack(csrf: &str, organization_id: i64) -> Result<(), ApiError> {
    let url = format!("/api/organizations/{organization_id}/slack");
    send(Call::write("DELETE", &url, csrf), On401::Expire).await?;
    Ok(())
}

/// `GET /api/registration-link`
pub async fn registration_link() -> Result<RegistrationLinkStatus, ApiError> {
    json(send(Call::get("/api/registration-link"), On401::Expire).await?)
}

/// `POST /api/registration-link`: a new link; the old one stops working.
pub async fn rotate_registration_link(csrf: &str) -> Result<CreatedRegistrationLink, ApiError> {
    json(
        send(
            Call::write("POST", "/api/registration-link", csrf),
            On401::Expire,
        )
        .await?,
    )
}

/// `GET /api/public/registration-links/{token}`
pub async fn link_form(token: &str) -> Result<LinkForm, ApiError> {
    let url = format!("/api/public/registration-links/{}", encode(token, false));
    json(send(Call::get(&url), On401::Return).await?)
}

/// `POST /api/public/registration-links/{token}/registrations`
pub async fn submit_via_link(
    csrf: &str,
    token: &str,
    key: &str,
    body: &LinkRegistrationRequest,
) -> Result<PartnerRegistration, ApiError> {
    let url = format!(
        "/api/public/registration-links/{}/registrations",
        encode(token, false)
    );
    let call = Call {
        idempotency_key: Some(key),
        ..Call::write("POST", &url, csrf).json(body)
    };
    json(send(call, On401::Return).await?)
}

/// `GET /api/accounts`, filtered by part of the name or domain.
pub async fn accounts(query: &str, cursor: Option<&str>) -> Result<Page<Account>, ApiError> {
    let url = list_url("/api/accounts", cursor, PAGE_SIZE);
    let url = if query.is_empty() {
        url
    } else {
        format!("{url}&q={}", encode(query, false))
    };
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `POST /api/accounts`
pub async fn create_account(csrf: &str, body: &AccountInput) -> Result<Account, ApiError> {
    let call = Call::write("POST", "/api/accounts", csrf).json(body);
    json(send(call, On401::Expire).await?)
}

/// `PUT /api/accounts/{id}`
pub async fn update_account(csrf: &str, id: i64, body: &AccountInput) -> Result<Account, ApiError> {
    let url = format!("/api/accounts/{id}");
    json(send(Call::write("PUT", &url, csrf).json(body), On401::Expire).await?)
}

/// `POST /api/accounts/import` with the file's text; `merge` imports rows naming one account
/// as one, with alternative names.
pub async fn import_accounts(
    csrf: &str,
    csv: String,
    merge: bool,
) -> Result<ImportSummary, ApiError> {
    let url = if merge {
        "/api/accounts/import?merge_duplicates=true"
    } else {
        "/api/accounts/import"
    };
    let call = Call {
        body: Some((csv, "text/csv")),
        ..Call::write("POST", url, csrf)
    };
    json(send(call, On401::Expire).await?)
}

// The pipeline's answers differ by the caller's side. They are read as the side's own type
// rather than through the contract's untagged and flattened enums, whose buffering
// deserializers would weigh more in the bundle than every pipeline page together.

/// `GET /api/pipeline?{query}` (already encoded); `manager` for vendor staff.
pub async fn pipeline(
    manager: bool,
    query: &str,
    cursor: Option<&str>,
) -> Result<PipelinePage, ApiError> {
    let mut url = list_url("/api/pipeline", cursor, PAGE_SIZE);
    if !query.is_empty() {
        url.push('&');
        url.push_str(query);
    }
    let answer = send(Call::get(&url), On401::Expire).await?;
    Ok(if manager {
        PipelinePage::Manager(json(answer)?)
    } else {
        PipelinePage::Partner(json(answer)?)
    })
}

/// An opportunity detail's `notes`; the opportunity's own fields sit beside them, and its
/// type ignores them, so the same answer is read again as the opportunity.
fn notes(answer: &Answer) -> Result<Vec<SharedNote>, ApiError> {
    json(member(answer, "notes"))
}

/// `GET /api/opportunities/{id}`; `manager` for vendor staff.
pub async fn opportunity(manager: bool, id: i64) -> Result<OpportunityDetail, ApiError> {
    let answer = send(
        Call::get(&format!("/api/opportunities/{id}")),
        On401::Expire,
    )
    .await?;
    let notes = notes(&answer)?;
    Ok(if manager {
        OpportunityDetail::Manager(ManagerOpportunityDetail {
            opportunity: json(answer)?,
            notes,
        })
    } else {
        OpportunityDetail::Partner(PartnerOpportunityDetail {
            opportunity: json(answer)?,
            notes,
        })
    })
}

/// `POST /api/opportunities` (managers): a deal without a registration.
pub async fn create_opportunity(
    csrf: &str,
    body: &NewOpportunity,
) -> Result<ManagerOpportunityDetail, ApiError> {
    let call = Call::write("POST", "/api/opportunities", csrf).json(body);
    let answer = send(call, On401::Expire).await?;
    Ok(ManagerOpportunityDetail {
        notes: notes(&answer)?,
        opportunity: json(answer)?,
    })
}

/// `PATCH /api/opportunities/{id}`; the page loads the opportunity again afterwards.
pub async fn update_opportunity(
    csrf: &str,
    id: i64,
    body: &OpportunityPatch,
) -> Result<(), ApiError> {
    let url = format!("/api/opportunities/{id}");
    send(Call::write("PATCH", &url, csrf).json(body), On401::Expire).await?;
    Ok(())
}

/// `POST /api/opportunities/{id}/notes`
pub async fn add_note(csrf: &str, id: i64, body: &NoteRequest) -> Result<SharedNote, ApiError> {
    let url = format!("/api/opportunities/{id}/notes");
    json(send(Call::write("POST", &url, csrf).json(body), On401::Expire).await?)
}

/// `GET /api/pipeline/review`, with the server's default for stale deals when `stale_days` is
/// absent.
pub async fn pipeline_review(stale_days: Option<u32>) -> Result<PipelineReview, ApiError> {
    let url = match stale_days {
        Some(days) => format!("/api/pipeline/review?stale_days={days}"),
        None => "/api/pipeline/review".to_owned(),
    };
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `GET /api/program/numbers`, in the most used currency when `currency` is absent.
pub async fn program_numbers(currency: Option<&str>) -> Result<ProgramNumbers, ApiError> {
    let url = match currency {
        Some(code) => format!("/api/program/numbers?currency={}", encode(code, false)),
        None => "/api/program/numbers".to_owned(),
    };
    json(send(Call::get(&url), On401::Expire).await?)
}

// Asset answers nest the card flattened beside the rendered body; like the opportunity
// detail, they are read member by member rather than through the contract's flattened and
// untagged types.

/// An `AssetView`: the card's fields with the rendered body beside them.
fn asset_view(answer: Answer) -> Result<AssetView, ApiError> {
    Ok(AssetView {
        body_html: json(member(&answer, "body_html"))?,
        updated_at: json(member(&answer, "updated_at"))?,
        card: json(answer)?,
    })
}

fn managed_asset(answer: Answer) -> Result<ManagedAsset, ApiError> {
    Ok(ManagedAsset {
        asset: asset_view(member(&answer, "asset"))?,
        body: json(member(&answer, "body"))?,
        audience: json(member(&answer, "audience"))?,
        versions: json(member(&answer, "versions"))?,
        views: json(member(&answer, "views"))?,
        downloads: json(member(&answer, "downloads"))?,
        created_at: json(member(&answer, "created_at"))?,
    })
}

/// `GET /api/assets?{query}` (already encoded).
pub async fn assets(query: &str, cursor: Option<&str>) -> Result<AssetSearch, ApiError> {
    let mut url = list_url("/api/assets", cursor, AssetQuery::DEFAULT_LIMIT);
    if !query.is_empty() {
        url.push('&');
        url.push_str(query);
    }
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `GET /api/assets/{id}`; `manager` for vendor staff.
pub async fn asset(manager: bool, id: i64) -> Result<AssetDetail, ApiError> {
    let answer = send(Call::get(&format!("/api/assets/{id}")), On401::Expire).await?;
    Ok(if manager {
        AssetDetail::Manager(managed_asset(answer)?)
    } else {
        AssetDetail::Partner(asset_view(answer)?)
    })
}

/// `GET /api/assets/{id}` as a manager.
pub async fn managed(id: i64) -> Result<ManagedAsset, ApiError> {
    managed_asset(send(Call::get(&format!("/api/assets/{id}")), On401::Expire).await?)
}

/// `PATCH /api/assets/{id}` with the whole metadata.
pub async fn update_asset(
    csrf: &str,
    id: i64,
    body: &AssetMetadata,
) -> Result<ManagedAsset, ApiError> {
    let url = format!("/api/assets/{id}");
    managed_asset(send(Call::write("PATCH", &url, csrf).json(body), On401::Expire).await?)
}

/// `POST /api/assets/{id}/publish`
pub async fn publish_asset(csrf: &str, id: i64) -> Result<ManagedAsset, ApiError> {
    let url = format!("/api/assets/{id}/publish");
    managed_asset(send(Call::write("POST", &url, csrf), On401::Expire).await?)
}

/// `POST /api/assets/{id}/archive`
pub async fn archive_asset(csrf: &str, id: i64) -> Result<ManagedAsset, ApiError> {
    let url = format!("/api/assets/{id}/archive");
    managed_asset(send(Call::write("POST", &url, csrf), On401::Expire).await?)
}

/// Hears how much of an upload has been sent, in percent.
pub type Progress = Box<dyn Fn(u8)>;

/// `POST /api/assets` as `multipart/form-data`: the metadata as JSON, and the file unless the
/// asset is a link.
pub async fn create_asset(
    csrf: &str,
    metadata: &AssetMetadata,
    file: Option<&File>,
    progress: Progress,
) -> Result<ManagedAsset, ApiError> {
    let form = FormData::new().map_err(|_| ApiError::network())?;
    let text = json_text(metadata).unwrap_or_default();
    form.append_with_str("metadata", &text)
        .map_err(|_| ApiError::network())?;
    if let Some(file) = file {
        form.append_with_blob_and_filename("file", file, &file.name())
            .map_err(|_| ApiError::network())?;
    }
    upload("/api/assets", csrf, &form, progress).await
}

/// `POST /api/assets/{id}/versions` as `multipart/form-data`: a new current file.
pub async fn upload_version(
    csrf: &str,
    id: i64,
    file: &File,
    progress: Progress,
) -> Result<ManagedAsset, ApiError> {
    let form = FormData::new().map_err(|_| ApiError::network())?;
    form.append_with_blob_and_filename("file", file, &file.name())
        .map_err(|_| ApiError::network())?;
    upload(&format!("/api/assets/{id}/versions"), csrf, &form, progress).await
}

/// Sends a form with `XMLHttpRequest`, the browser API that reports upload progress (`fetch`
/// does not), and reads the answer like every other call's.
async fn upload(
    url: &str,
    csrf: &str,
    form: &FormData,
    progress: Progress,
) -> Result<ManagedAsset, ApiError> {
    let answer = send_form(url, csrf, form, progress)
        .await
        .map_err(|_| ApiError::network())?;
    match checked(answer, On401::Expire) {
        Ok(answer) => managed_asset(answer),
        // A limit in front of the application may answer without the JSON error body.
        Err(e) if e.status == 413 && e.code == "bad_response" => Err(ApiError {
            status: 413,
            code: "payload_too_large".to_owned(),
            message: format!(
                "The file is too large: files can be at most {} MB.",
                UPLOAD_MAX_BYTES / (1024 * 1024)
            ),
            fields: FieldErrors::new(),
        }),
        Err(e) => Err(e),
    }
}

/// A request under way. Dropping it (the page went away) stops the upload and its reports.
struct Sending {
    xhr: XmlHttpRequest,
    _progress: Closure<dyn FnMut(ProgressEvent)>,
}

impl Drop for Sending {
    fn drop(&mut self) {
        if let Ok(upload) = self.xhr.upload() {
            upload.set_onprogress(None);
        }
        if self.xhr.ready_state() != XmlHttpRequest::DONE {
            let _ = self.xhr.abort();
        }
    }
}

async fn send_form(
    url: &str,
    csrf: &str,
    form: &FormData,
    progress: Progress,
) -> Result<Answer, JsValue> {
    let xhr = XmlHttpRequest::new()?;
    xhr.open("POST", url)?;
    xhr.set_with_credentials(true);
    xhr.set_request_header("X-CSRF-Token", csrf)?;
    let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            progress((e.loaded() / e.total() * 100.0).clamp(0.0, 100.0) as u8);
        }
    });
    xhr.upload()?
        .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    let sending = Sending {
        xhr,
        _progress: on_progress,
    };
    // `loadend` comes once, after success, failure or abort.
    let finished = js_sys::Promise::new(&mut |resolve, _| {
        let done = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        sending.xhr.set_onloadend(Some(done.unchecked_ref()));
    });
    sending.xhr.send_with_opt_form_data(Some(form))?;
    JsFuture::from(finished).await?;
    let status = sending.xhr.status()?;
    if status == 0 {
        return Err(JsValue::NULL);
    }
    let body = sending
        .xhr
        .response_text()?
        .and_then(|t| js_sys::JSON::parse(&t).ok())
        .unwrap_or(JsValue::UNDEFINED);
    Ok(Answer { status, body })
}

fn days_query(path: &str, days: Option<u32>) -> String {
    match days {
        Some(days) => format!("{path}?days={days}"),
        None => path.to_owned(),
    }
}

/// `GET /api/content/usage`, over the server's default period when `days` is absent.
pub async fn content_usage(days: Option<u32>) -> Result<ContentUsage, ApiError> {
    let url = days_query("/api/content/usage", days);
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `GET /api/assets/{id}/usage`
pub async fn asset_usage(id: i64, days: Option<u32>) -> Result<AssetUsageDetail, ApiError> {
    let url = days_query(&format!("/api/assets/{id}/usage"), days);
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `GET /api/organizations/{id}/content-usage`
pub async fn partner_content_usage(
    organization_id: i64,
    days: Option<u32>,
) -> Result<PartnerContentUsage, ApiError> {
    let url = days_query(
        &format!("/api/organizations/{organization_id}/content-usage"),
        days,
    );
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `GET /api/organizations/{id}/certifications`
pub async fn certifications(organization_id: i64) -> Result<Certifications, ApiError> {
    let url = format!("/api/organizations/{organization_id}/certifications");
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `PUT /api/organizations/{id}/certifications`: the full set the partner holds.
pub async fn save_certifications(
    csrf: &str,
    organization_id: i64,
    body: &Certifications,
) -> Result<Certifications, ApiError> {
    let url = format!("/api/organizations/{organization_id}/certifications");
    json(send(Call::write("PUT", &url, csrf).json(body), On401::Expire).await?)
}

/// `GET /api/integrations`: HubSpot and Salesforce.
pub async fn integrations() -> Result<Vec<Integration>, ApiError> {
    json(send(Call::get("/api/integrations"), On401::Expire).await?)
}

/// `PUT /api/integrations/{system}`
pub async fn save_integration(
    csrf: &str,
    system: CrmSystem,
    body: &IntegrationSettings,
) -> Result<Integration, ApiError> {
    let url = format!("/api/integrations/{}", system.as_str());
    json(send(Call::write("PUT", &url, csrf).json(body), On401::Expire).await?)
}

/// `POST /api/integrations/{system}/secret`: a new integration secret; the old one stops
/// working.
pub async fn rotate_integration_secret(
    csrf: &str,
    system: CrmSystem,
) -> Result<IntegrationSecret, ApiError> {
    let url = format!("/api/integrations/{}/secret", system.as_str());
    json(send(Call::write("POST", &url, csrf), On401::Expire).await?)
}

/// `POST /api/integrations/{system}/card-links`
pub async fn create_card_link(
    csrf: &str,
    system: CrmSystem,
    body: &CardLinkRequest,
) -> Result<CardLink, ApiError> {
    let url = format!("/api/integrations/{}/card-links", system.as_str());
    json(send(Call::write("POST", &url, csrf).json(body), On401::Expire).await?)
}

/// `GET /api/integrations/{system}/card-links`, newest first.
pub async fn card_links(
    system: CrmSystem,
    cursor: Option<&str>,
) -> Result<Page<IssuedCardLink>, ApiError> {
    let path = format!("/api/integrations/{}/card-links", system.as_str());
    json(
        send(
            Call::get(&list_url(&path, cursor, PAGE_SIZE)),
            On401::Expire,
        )
        .await?,
    )
}

/// `POST /api/integrations/{system}/card-links/{id}/revoke`
pub async fn revoke_card_link(
    csrf: &str,
    system: CrmSystem,
    id: i64,
    body: &RevokeCardLink,
) -> Result<IssuedCardLink, ApiError> {
    let url = format!(
        "/api/integrations/{}/card-links/{id}/revoke",
        system.as_str()
    );
    json(send(Call::write("POST", &url, csrf).json(body), On401::Expire).await?)
}

/// `GET /api/webhooks/endpoints`
pub async fn webhook_endpoints() -> Result<Vec<WebhookEndpoint>, ApiError> {
    json(send(Call::get("/api/webhooks/endpoints"), On401::Expire).await?)
}

/// `POST /api/webhooks/endpoints`
pub async fn create_webhook_endpoint(
    csrf: &str,
    body: &EndpointInput,
) -> Result<CreatedEndpoint, ApiError> {
    let call = Call::write("POST", "/api/webhooks/endpoints", csrf).json(body);
    json(send(call, On401::Expire).await?)
}

/// `GET /api/webhooks/endpoints/{id}`
pub async fn webhook_endpoint(id: i64) -> Result<WebhookEndpoint, ApiError> {
    let url = format!("/api/webhooks/endpoints/{id}");
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `PUT /api/webhooks/endpoints/{id}`
pub async fn update_webhook_endpoint(
    csrf: &str,
    id: i64,
    body: &EndpointInput,
) -> Result<WebhookEndpoint, ApiError> {
    let url = format!("/api/webhooks/endpoints/{id}");
    json(send(Call::write("PUT", &url, csrf).json(body), On401::Expire).await?)
}

/// `POST /api/webhooks/endpoints/{id}/secret`: a new signing secret; the old one stops working.
pub async fn rotate_webhook_secret(csrf: &str, id: i64) -> Result<WebhookSecret, ApiError> {
    let url = format!("/api/webhooks/endpoints/{id}/secret");
    json(send(Call::write("POST", &url, csrf), On401::Expire).await?)
}

/// `GET /api/webhooks/endpoints/{id}/deliveries`, newest first, of one state when `state` is
/// given.
pub async fn webhook_deliveries(
    id: i64,
    state: Option<DeliveryState>,
    cursor: Option<&str>,
) -> Result<Page<Delivery>, ApiError> {
    let url = deliveries_url(
        &format!("/api/webhooks/endpoints/{id}/deliveries"),
        state,
        cursor,
    );
    json(send(Call::get(&url), On401::Expire).await?)
}

/// A page of deliveries, of one state when `state` is given.
fn deliveries_url(path: &str, state: Option<DeliveryState>, cursor: Option<&str>) -> String {
    let mut url = list_url(path, cursor, PAGE_SIZE);
    if let Some(state) = state {
        url.push_str(&format!("&state={}", state.as_str()));
    }
    url
}

/// `POST /api/webhooks/deliveries/{id}/replay`
pub async fn replay_delivery(csrf: &str, id: i64) -> Result<Delivery, ApiError> {
    let url = format!("/api/webhooks/deliveries/{id}/replay");
    json(send(Call::write("POST", &url, csrf), On401::Expire).await?)
}

/// `POST /api/webhooks/endpoints/{id}/replay`: every dead delivery of the endpoint.
pub async fn replay_dead_deliveries(csrf: &str, id: i64) -> Result<Replayed, ApiError> {
    let url = format!("/api/webhooks/endpoints/{id}/replay");
    json(send(Call::write("POST", &url, csrf), On401::Expire).await?)
}

/// `POST /api/auth/magic-link`
pub async fn request_sign_in_link(
    csrf: &str,
    body: &MagicLinkRequest,
) -> Result<MagicLinkSent, ApiError> {
    let call = Call::write("POST", "/api/auth/magic-link", csrf).json(body);
    json(send(call, On401::Return).await?)
}

/// `POST /api/auth/magic-link/redeem`
pub async fn redeem_sign_in_link(csrf: &str, token: &str) -> Result<SignIn, ApiError> {
    let body = RedeemSignInLink {
        token: token.to_owned(),
    };
    let call = Call::write("POST", "/api/auth/magic-link/redeem", csrf).json(&body);
    sign_in(send(call, On401::Return).await?)
}

/// `GET /api/announcements`
pub async fn announcements(cursor: Option<&str>) -> Result<Page<ManagerAnnouncement>, ApiError> {
    let url = list_url("/api/announcements", cursor, 25);
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `POST /api/announcements`
pub async fn create_announcement(
    csrf: &str,
    body: &AnnouncementInput,
) -> Result<ManagerAnnouncement, ApiError> {
    let call = Call::write("POST", "/api/announcements", csrf).json(body);
    json(send(call, On401::Expire).await?)
}

/// `GET /api/announcements/{id}`
pub async fn announcement(id: i64) -> Result<ManagerAnnouncement, ApiError> {
    let url = format!("/api/announcements/{id}");
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `PUT /api/announcements/{id}`
pub async fn edit_announcement(
    csrf: &str,
    id: i64,
    body: &AnnouncementInput,
) -> Result<ManagerAnnouncement, ApiError> {
    let url = format!("/api/announcements/{id}");
    json(send(Call::write("PUT", &url, csrf).json(body), On401::Expire).await?)
}

/// `GET /api/announcements/{id}/versions`
pub async fn announcement_versions(id: i64) -> Result<Vec<AnnouncementVersion>, ApiError> {
    let url = format!("/api/announcements/{id}/versions");
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `GET /api/announcements/{id}/unacknowledged`
pub async fn unacknowledged(
    id: i64,
    cursor: Option<&str>,
) -> Result<Page<Unacknowledged>, ApiError> {
    let url = list_url(
        &format!("/api/announcements/{id}/unacknowledged"),
        cursor,
        25,
    );
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `POST /api/announcements/{id}/reminders`
pub async fn remind(csrf: &str, id: i64) -> Result<Reminded, ApiError> {
    let url = format!("/api/announcements/{id}/reminders");
    json(send(Call::write("POST", &url, csrf), On401::Expire).await?)
}

/// `GET /api/feed`
pub async fn feed(cursor: Option<&str>) -> Result<Page<FeedAnnouncement>, ApiError> {
    let url = list_url("/api/feed", cursor, 25);
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `GET /api/feed/unread`
pub async fn unread() -> Result<Unread, ApiError> {
    json(send(Call::get("/api/feed/unread"), On401::Expire).await?)
}

/// `POST /api/feed/{id}/read`
pub async fn mark_read(csrf: &str, id: i64) -> Result<FeedAnnouncement, ApiError> {
    let url = format!("/api/feed/{id}/read");
    json(send(Call::write("POST", &url, csrf), On401::Expire).await?)
}

/// `POST /api/feed/{id}/acknowledgment`
pub async fn acknowledge(csrf: &str, id: i64) -> Result<FeedAnnouncement, ApiError> {
    let url = format!("/api/feed/{id}/acknowledgment");
    json(send(Call::write("POST", &url, csrf), On401::Expire).await?)
}
/// `GET /api/messages/deliveries`: e-mail and Slack deliveries, newest first, of one state when
/// `state` is given.
pub async fn message_deliveries(
    state: Option<DeliveryState>,
    cursor: Option<&str>,
) -> Result<Page<MessageDelivery>, ApiError> {
    let url = deliveries_url("/api/messages/deliveries", state, cursor);
    json(send(Call::get(&url), On401::Expire).await?)
}

/// `POST /api/messages/deliveries/{id}/replay`
pub async fn replay_message(csrf: &str, id: i64) -> Result<Replayed, ApiError> {
    let url = format!("/api/messages/deliveries/{id}/replay");
    json(send(Call::write("POST", &url, csrf), On401::Expire).await?)
}

/// `POST /api/messages/deliveries/replay`: every dead message delivery.
pub async fn replay_dead_messages(csrf: &str) -> Result<Replayed, ApiError> {
    let call = Call::write("POST", "/api/messages/deliveries/replay", csrf);
    json(send(call, On401::Expire).await?)
}

/// `GET /api/messages/mailbox`: the e-mail written to the mailbox, newest first; empty when an
/// SMTP server sends the e-mail.
pub async fn mailbox() -> Result<Vec<MailboxEntry>, ApiError> {
    json(send(Call::get("/api/messages/mailbox"), On401::Expire).await?)
}

/// `GET /api/messages/mailbox/{name}`
pub async fn mailbox_message(name: &str) -> Result<MailboxMessage, ApiError> {
    let url = format!("/api/messages/mailbox/{}", encode(name, false));
    json(send(Call::get(&url), On401::Expire).await?)
}
