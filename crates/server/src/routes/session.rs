//! Who is asking: the session cookie, its CSRF token, and the `Caller` extractor; and how a
//! sign-in that passed its first factor starts a session or asks for the second.

use axum::Json;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{AppendHeaders, IntoResponse, Response};
use portico_api::auth::{SecondFactorRequired, UserSummary};
use portico_api::places::currency_of;
use portico_api::{Me, OrganizationRef, Role};

use crate::app::account_security::Account;
use crate::clock::Timestamp;
use crate::domain::membership::Membership;
use crate::domain::session_lifetime::{ABSOLUTE_SECS, IDLE_SECS};
use crate::domain::token;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::sessions::{self, NewSession, SessionRow, StartedBy};
use crate::store::users::{UserRow, organization_ref};
use crate::store::{pending_sign_ins, two_factor};

/// The session cookie over plain HTTP.
pub const COOKIE: &str = "portico_session";
/// Over HTTPS: the browser keeps a `__Host-` cookie only when it is `Secure`, for `Path=/` and
/// for this very host, so neither a sibling subdomain nor a plain-HTTP page can plant one.
pub const HOST_COOKIE: &str = "__Host-portico_session";
pub const CSRF_HEADER: &str = "x-csrf-token";
/// `last_seen_at` is written at most this often, so reads do not turn into writes.
const TOUCH_EVERY_SECS: i64 = 60;
const TOKEN_PURPOSE: &str = "session";

/// The signed-in user behind a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub membership: Membership,
    pub organization: Option<OrganizationRef>,
    /// The currency of the organization's country, if it names one.
    pub currency: Option<&'static str>,
    pub csrf_token: String,
    pub started_by: StartedBy,
    pub started_at: Timestamp,
    /// Vendor staff the portal requires two-factor sign-in of, who have not set it up.
    pub two_factor_setup_required: bool,
    token_hash: String,
}

impl Caller {
    pub fn role(&self) -> Role {
        self.membership.role()
    }

    pub fn require_vendor(&self) -> ApiResult<()> {
        if self.role().is_vendor() {
            Ok(())
        } else {
            Err(ApiError::Forbidden(
                "Only partner managers and administrators can do this.",
            ))
        }
    }

    /// The caller's partner organization; vendor staff act on no organization's behalf.
    pub fn partner_organization(&self) -> ApiResult<i64> {
        self.membership.organization_id().ok_or(ApiError::Forbidden(
            "Only partner users can do this for their organization.",
        ))
    }

    /// Which registrations and other partner data the caller may read.
    pub fn scope(&self) -> crate::store::Scope {
        match self.membership.organization_id() {
            Some(id) => crate::store::Scope::Organization(id),
            None => crate::store::Scope::Vendor,
        }
    }

    /// Names the session without being a credential: the stored hash of its token.
    pub fn session_key(&self) -> &str {
        &self.token_hash
    }

    pub fn require_admin(&self) -> ApiResult<()> {
        if self.role() == Role::Admin {
            Ok(())
        } else {
            Err(ApiError::Forbidden("Only administrators can do this."))
        }
    }

    pub fn me(&self) -> Me {
        Me {
            user: UserSummary {
                id: self.user_id,
                email: self.email.clone(),
                name: self.name.clone(),
                role: self.role(),
            },
            organization: self.organization.clone(),
            currency: self.currency.map(str::to_owned),
            csrf_token: self.csrf_token.clone(),
            two_factor_setup_required: self.two_factor_setup_required,
        }
    }

    fn from_row(row: SessionRow) -> ApiResult<Caller> {
        let SessionRow {
            token_hash,
            csrf_token,
            created_at,
            started_by,
            last_seen_at: _,
            user_id,
            email,
            name,
            role,
            organization_id,
            organization_name,
            organization_country,
            two_factor_on,
            vendor_two_factor_required,
        } = row;
        Ok(Caller {
            user_id,
            email,
            name,
            membership: Membership::new(role, organization_id).map_err(ApiError::internal)?,
            organization: organization_ref(organization_id, organization_name),
            currency: organization_country.as_deref().and_then(currency_of),
            csrf_token,
            started_by,
            started_at: created_at,
            two_factor_setup_required: role.is_vendor()
                && vendor_two_factor_required > 0
                && two_factor_on == 0,
            token_hash,
        })
    }
}

/// Every handler that takes a `Caller` refuses vendor staff who must still set up two-factor
/// sign-in; the few things they may do take [`AnyCaller`].
impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let AnyCaller(caller) = AnyCaller::from_request_parts(parts, state).await?;
        if caller.two_factor_setup_required {
            return Err(ApiError::TwoFactorSetupRequired);
        }
        Ok(caller)
    }
}

/// The signed-in user, even one who must still set up two-factor sign-in: only for seeing who
/// is signed in, setting it up and signing out.
pub struct AnyCaller(pub Caller);

impl FromRequestParts<AppState> for AnyCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, ApiError> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .map(AnyCaller)
            .ok_or(ApiError::Unauthenticated)
    }
}

/// Resolves the session once per request. A state-changing request that carries a live session
/// must echo its CSRF token; one whose cookie is dead is treated as anonymous.
pub async fn resolve(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    if let Some(token) = cookie(request.headers(), cookie_name(&state)) {
        let token_hash = state.tokens.hash(TOKEN_PURPOSE, token);
        let now = state.now();
        if let Some(row) =
            sessions::live(state.db.pool(), &token_hash, now, now - IDLE_SECS).await?
        {
            if now - row.last_seen_at >= TOUCH_EVERY_SECS {
                state
                    .db
                    .write(async |conn| sessions::touch(conn, &token_hash, now).await)
                    .await?;
            }
            let caller = Caller::from_row(row)?;
            if !is_safe(request.method()) && !csrf_matches(request.headers(), &caller.csrf_token) {
                return Err(ApiError::Csrf);
            }
            request.extensions_mut().insert(caller);
        }
    }
    Ok(next.run(request).await)
}

/// Whether a signed-in partner user sent the request: the manager console is not theirs to
/// load, so the server answers its addresses with the portal, which shows "Page not found".
/// Anyone else gets the console, which sends a signed-out visitor to sign in.
pub async fn from_partner(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(token) = cookie(headers, cookie_name(state)) else {
        return false;
    };
    let token_hash = state.tokens.hash(TOKEN_PURPOSE, token);
    let now = state.now();
    match sessions::live(state.db.pool(), &token_hash, now, now - IDLE_SECS).await {
        Ok(Some(row)) => Caller::from_row(row).is_ok_and(|caller| !caller.role().is_vendor()),
        _ => false,
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn csrf_matches(headers: &HeaderMap, expected: &str) -> bool {
    headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|given| token::same(given, expected))
}

/// The value of one cookie from the `Cookie` headers.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// Starts a session for a user who just proved who they are; returns what `/api/me` would
/// and the cookie to set.
pub async fn start(
    state: &AppState,
    user: &UserRow,
    started_by: StartedBy,
) -> ApiResult<(Me, HeaderValue)> {
    let token = token::generate();
    let token_hash = state.tokens.hash(TOKEN_PURPOSE, &token);
    let now = state.now();
    let new = NewSession {
        token_hash: &token_hash,
        user_id: user.id,
        csrf_token: &token::generate(),
        started_by,
        expires_at: now + ABSOLUTE_SECS,
    };
    state
        .db
        .write(async |conn| {
            sessions::insert(&mut *conn, &new, now).await?;
            crate::store::users::record_sign_in(conn, user, now).await
        })
        .await?;
    let row = sessions::live(state.db.pool(), &token_hash, now, now - IDLE_SECS)
        .await?
        .ok_or_else(|| ApiError::internal("a session vanished as it started"))?;
    let me = Caller::from_row(row)?.me();
    Ok((me, set_cookie(state, &token, ABSOLUTE_SECS)))
}

pub async fn end(state: &AppState, caller: &Caller) -> ApiResult<HeaderValue> {
    state
        .db
        .write(async |conn| sessions::delete(conn, &caller.token_hash).await)
        .await?;
    Ok(set_cookie(state, "", 0))
}

/// The session cookie's name: `__Host-` prefixed when the portal is reached over HTTPS.
pub fn cookie_name(state: &AppState) -> &'static str {
    if state.secure_cookies() {
        HOST_COOKIE
    } else {
        COOKIE
    }
}

fn set_cookie(state: &AppState, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        cookie_name(state)
    ))
    .expect("cookie built from URL-safe characters")
}

/// How long the second step waits for its code.
const PENDING_SECS: u32 = 5 * 60;
pub const PENDING_PURPOSE: &str = "pending-sign-in";

/// Where a right password or sign-in link leads: a session, or when the account has two-factor
/// sign-in on, the second step.
pub async fn after_first_factor(
    state: &AppState,
    user: &UserRow,
    started_by: StartedBy,
) -> ApiResult<Response> {
    let two_factor_on = two_factor::get(state.db.pool(), user.id)
        .await?
        .is_some_and(|row| row.enabled_at.is_some());
    if !two_factor_on {
        return signed_in(state, user, started_by).await;
    }
    let pending_token = token::generate();
    let hash = state.tokens.hash(PENDING_PURPOSE, &pending_token);
    let expires_at = state.now() + i64::from(PENDING_SECS);
    state
        .db
        .write(async |conn| {
            pending_sign_ins::insert(conn, &hash, user.id, started_by, expires_at).await
        })
        .await?;
    let second_step = SecondFactorRequired {
        pending_token,
        expires_in_secs: PENDING_SECS,
    };
    Ok((StatusCode::ACCEPTED, Json(second_step)).into_response())
}

pub async fn signed_in(
    state: &AppState,
    user: &UserRow,
    started_by: StartedBy,
) -> ApiResult<Response> {
    let (me, cookie) = start(state, user, started_by).await?;
    Ok((AppendHeaders([(header::SET_COOKIE, cookie)]), Json(me)).into_response())
}

impl<'a> From<&'a Caller> for Account<'a> {
    fn from(caller: &'a Caller) -> Self {
        Account {
            id: caller.user_id,
            email: &caller.email,
            organization_id: caller.membership.organization_id(),
        }
    }
}
