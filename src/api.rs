//! The typed client for the server's JSON API: one async function per endpoint.
//!
//! Every function returns the server's error as an [`ApiError`] for the page to show. A 401 from
//! any endpoint other than sign-in, `GET /api/me` and sign-out means the session has ended; the
//! client then calls the hook registered with [`on_session_expired`] so the app can send the
//! person back to the sign-in page.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder, Response};
use portico_api::invitations::{
    AcceptInvitation, CreateInvitation, CreatedInvitation, Invitation, InvitationPreview,
};
use portico_api::organizations::OrganizationSummary;
use portico_api::users::{UpdateUser, UserAdminView};
use portico_api::{ErrorBody, FieldErrors, LoginRequest, Me, Page};
use serde::Serialize;
use serde::de::DeserializeOwned;

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

async fn send(
    request: Result<Request, gloo_net::Error>,
    on_401: On401,
) -> Result<Response, ApiError> {
    let request =
        request.map_err(|_| ApiError::local("bad_request", "The request could not be built."))?;
    let response = request.send().await.map_err(|_| ApiError::network())?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let error = match response.json::<ErrorBody>().await {
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
    Err(error)
}

async fn json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    response
        .json::<T>()
        .await
        .map_err(|_| ApiError::bad_response(status))
}

fn with_csrf(builder: RequestBuilder, csrf: &str) -> RequestBuilder {
    if csrf.is_empty() {
        builder
    } else {
        builder.header("X-CSRF-Token", csrf)
    }
}

fn write<B: Serialize>(
    builder: RequestBuilder,
    csrf: &str,
    body: &B,
) -> Result<Request, gloo_net::Error> {
    with_csrf(builder, csrf).json(body)
}

fn list_request(path: &str, cursor: Option<&str>, limit: u32) -> Result<Request, gloo_net::Error> {
    let limit = limit.to_string();
    let mut params = vec![("limit", limit.as_str())];
    if let Some(cursor) = cursor {
        params.push(("cursor", cursor));
    }
    Request::get(path).query(params).build()
}

/// `POST /api/auth/login`
pub async fn login(csrf: &str, body: &LoginRequest) -> Result<Me, ApiError> {
    let response = send(
        write(Request::post("/api/auth/login"), csrf, body),
        On401::Return,
    )
    .await?;
    json(response).await
}

/// `POST /api/auth/logout`
pub async fn logout(csrf: &str) -> Result<(), ApiError> {
    send(
        with_csrf(Request::post("/api/auth/logout"), csrf).build(),
        On401::Return,
    )
    .await?;
    Ok(())
}

/// `GET /api/me`; a 401 here just means nobody is signed in.
pub async fn me() -> Result<Me, ApiError> {
    json(send(Request::get("/api/me").build(), On401::Return).await?).await
}

/// `GET /api/organizations`
pub async fn organizations(
    cursor: Option<&str>,
    limit: u32,
) -> Result<Page<OrganizationSummary>, ApiError> {
    json(
        send(
            list_request("/api/organizations", cursor, limit),
            On401::Expire,
        )
        .await?,
    )
    .await
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
    json(
        send(
            write(Request::post("/api/invitations"), csrf, body),
            On401::Expire,
        )
        .await?,
    )
    .await
}

/// `GET /api/invitations`: pending invitations.
pub async fn invitations(cursor: Option<&str>) -> Result<Page<Invitation>, ApiError> {
    json(
        send(
            list_request("/api/invitations", cursor, PAGE_SIZE),
            On401::Expire,
        )
        .await?,
    )
    .await
}

/// `GET /api/invitations/{token}`
pub async fn invitation_preview(token: &str) -> Result<InvitationPreview, ApiError> {
    let url = format!("/api/invitations/{}", encode(token, false));
    json(send(Request::get(&url).build(), On401::Return).await?).await
}

/// `POST /api/invitations/{token}/accept`: creates the account and signs it in.
pub async fn accept_invitation(
    csrf: &str,
    token: &str,
    body: &AcceptInvitation,
) -> Result<Me, ApiError> {
    let url = format!("/api/invitations/{}/accept", encode(token, false));
    json(send(write(Request::post(&url), csrf, body), On401::Return).await?).await
}

/// `GET /api/users`
pub async fn users(cursor: Option<&str>) -> Result<Page<UserAdminView>, ApiError> {
    json(send(list_request("/api/users", cursor, PAGE_SIZE), On401::Expire).await?).await
}

/// `PATCH /api/users/{id}`
pub async fn update_user(
    csrf: &str,
    id: i64,
    body: &UpdateUser,
) -> Result<UserAdminView, ApiError> {
    let url = format!("/api/users/{id}");
    json(send(write(Request::patch(&url), csrf, body), On401::Expire).await?).await
}

/// Percent-encodes everything but unreserved characters (and `/` when `keep_slash`).
pub fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b'/' if keep_slash => out.push('/'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[usize::from(byte >> 4)] as char);
                out.push(HEX[usize::from(byte & 15)] as char);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn encodes_query_values() {
        assert_eq!(encode("/manage/invitations", true), "/manage/invitations");
        assert_eq!(encode("/a?b=c&d", true), "/a%3Fb%3Dc%26d");
        assert_eq!(encode("a/b", false), "a%2Fb");
        assert_eq!(encode("é", false), "%C3%A9");
    }
}
