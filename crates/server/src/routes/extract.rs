//! Extractors whose rejections answer in the API's error shape instead of axum's plain text.

use std::net::{IpAddr, SocketAddr};

use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::state::AppState;
use crate::web::{JSON_BODY_LIMIT, SEGMENT_MAX};

/// A JSON body: wrong content type 415, too large 413, malformed 400, wrong shape or a NUL
/// character in any text 422.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        if !is_json(request.headers()) {
            return Err(JsonRejection::from(
                axum::extract::rejection::MissingJsonContentType::default(),
            )
            .into());
        }
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|e| ApiError::from(JsonRejection::from(e)))?;
        refuse_nul_in_json(&body)?;
        let axum::Json(value) = axum::Json::<T>::from_bytes(&body)?;
        Ok(ApiJson(value))
    }
}

/// `application/json`, or a `+json` type, as axum's own `Json` accepts.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    let essence = essence.to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Text may not hold a NUL character: PostgreSQL cannot store one, and no one types it. JSON
/// can only carry it escaped, as `\u0000` after an odd number of backslashes.
pub fn refuse_nul_in_json(json: &[u8]) -> Result<(), ApiError> {
    let escaped_nul = json.windows(6).enumerate().any(|(at, window)| {
        window == b"\\u0000"
            && json[..at].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 0
    });
    if escaped_nul {
        Err(nul_refused())
    } else {
        Ok(())
    }
}

/// A CSV file sent as the body: `text/csv` (or `text/plain`), without NUL characters.
pub fn csv_body(headers: &HeaderMap, text: &str) -> Result<(), ApiError> {
    let is_csv = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/csv") || v.starts_with("text/plain"));
    if !is_csv {
        return Err(ApiError::UnsupportedMediaType(
            "Send the file as text/csv.".into(),
        ));
    }
    if text.contains('\0') {
        Err(nul_refused())
    } else {
        Ok(())
    }
}

fn nul_refused() -> ApiError {
    ApiError::Unprocessable("Text may not contain the NUL character (\\u0000).".into())
}

/// Query parameters; a malformed query is a 400, a NUL character in one a 422.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        if parts.uri.query().is_some_and(|q| q.contains("%00")) {
            return Err(nul_refused());
        }
        let axum::extract::Query(value) =
            axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(ApiQuery(value))
    }
}

/// Path parameters; an id that is not a number, a segment with a NUL character or one longer
/// than any name is reported like any unknown id.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let path = parts.uri.path();
        if path.contains("%00") || path.split('/').any(|s| s.len() > SEGMENT_MAX) {
            return Err(ApiError::NotFound);
        }
        let axum::extract::Path(value) =
            axum::extract::Path::<T>::from_request_parts(parts, state).await?;
        Ok(ApiPath(value))
    }
}

/// The address of the person asking: the socket's peer, or behind a trusted reverse proxy the
/// client it names in `X-Forwarded-For`.
pub struct ClientAddr(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let ConnectInfo(peer) = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .copied()
            .ok_or_else(|| ApiError::internal("served without connection info"))?;
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok());
        Ok(ClientAddr(
            state.trusted_proxies.client(peer.ip(), forwarded),
        ))
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType(
                "Send the request body as JSON with the header Content-Type: application/json."
                    .into(),
            ),
            JsonRejection::JsonSyntaxError(_) => {
                ApiError::BadRequest("The request body is not valid JSON.".into())
            }
            JsonRejection::JsonDataError(e) => ApiError::Unprocessable(format!(
                "The request body does not have the expected fields: {}",
                serde_reason(&e.body_text())
            )),
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::PayloadTooLarge(format!(
                    "The request body is larger than the {} KiB this endpoint accepts.",
                    JSON_BODY_LIMIT / 1024
                ))
            }
            other => ApiError::BadRequest(other.body_text()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::BadRequest(format!(
            "The query string is not valid: {}",
            serde_reason(&rejection.body_text())
        ))
    }
}

impl From<PathRejection> for ApiError {
    fn from(_: PathRejection) -> Self {
        ApiError::NotFound
    }
}

/// serde's own words without axum's preamble, e.g. "unknown field `x`, expected …".
fn serde_reason(text: &str) -> String {
    text.rsplit_once(": ")
        .map_or(text, |(_, reason)| reason)
        .to_owned()
}

/// Reads a `?cursor=` (the last id of the previous page); `0` for the first page.
pub fn parse_cursor(cursor: Option<&str>) -> Result<i64, ApiError> {
    match cursor {
        None | Some("") => Ok(0),
        Some(c) => c
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or_else(|| ApiError::BadRequest("That page cursor is not valid.".into())),
    }
}
