//! Extractors whose rejections answer in the API's error shape instead of axum's plain text.

use std::net::{IpAddr, SocketAddr};

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts};
use axum::http::StatusCode;
use axum::http::request::Parts;

use crate::error::ApiError;
use crate::state::AppState;

/// A JSON body: wrong content type 415, too large 413, malformed 400, wrong shape 422.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

/// Query parameters; a malformed query is a 400.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

/// Path parameters; an id that is not a number is reported like any unknown id.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

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
                    crate::startup::JSON_BODY_LIMIT / 1024
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
