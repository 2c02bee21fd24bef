//! The one error type every handler returns, and its single JSON shape.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portico_api::{ErrorBody, ErrorDetail, FieldErrors};

use crate::app::AppError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("Sign in to continue.")]
    Unauthenticated,
    #[error("The e-mail address or password is not right.")]
    InvalidCredentials,
    /// A request that authenticates by signature (CRM cards and events) did not.
    #[error("The request's signature is missing, wrong or too old.")]
    BadSignature,
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("This page or record does not exist, or you do not have access to it.")]
    NotFound,
    #[error("There is no such API endpoint.")]
    NoSuchRoute,
    #[error("This endpoint does not accept that HTTP method.")]
    MethodNotAllowed,
    #[error("{0}")]
    Conflict(String, FieldErrors),
    #[error("Some fields need attention.")]
    Validation(FieldErrors),
    #[error("{0}")]
    Unprocessable(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("The requested range starts past the end of the file.")]
    RangeNotSatisfiable,
    #[error("Too many attempts. Try again in {} minute(s).", retry_after_secs.div_ceil(60))]
    RateLimited { retry_after_secs: u64 },
    /// Too many requests of one kind in a short time; `message` says which and how long.
    #[error("{message}")]
    TooManyRequests {
        message: &'static str,
        retry_after_secs: u64,
    },
    #[error("This request is missing the security token; reload the page and try again.")]
    Csrf,
    /// Vendor staff without two-factor sign-in, where the portal requires it.
    #[error("Your portal requires two-factor sign-in: set it up under Account security first.")]
    TwoFactorSetupRequired,
    #[error("The service is not ready: the database does not answer.")]
    Unavailable,
    /// Anything we did not expect. The cause is logged, never shown.
    #[error("Something went wrong on our side. Please try again.")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl ApiError {
    pub fn internal(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        ApiError::Internal(cause.into())
    }

    pub fn field(field: &str, message: &str) -> Self {
        ApiError::Validation(FieldErrors::from([(field.to_owned(), message.to_owned())]))
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        use ApiError::*;
        match self {
            BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated"),
            InvalidCredentials => (StatusCode::UNAUTHORIZED, "invalid_credentials"),
            BadSignature => (StatusCode::UNAUTHORIZED, "bad_signature"),
            Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            NotFound => (StatusCode::NOT_FOUND, "not_found"),
            NoSuchRoute => (StatusCode::NOT_FOUND, "no_such_route"),
            MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            Conflict(..) => (StatusCode::CONFLICT, "conflict"),
            Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            Unprocessable(_) => (StatusCode::UNPROCESSABLE_ENTITY, "unprocessable"),
            PayloadTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            RangeNotSatisfiable => (StatusCode::RANGE_NOT_SATISFIABLE, "range_not_satisfiable"),
            UnsupportedMediaType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            RateLimited { .. } | TooManyRequests { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, "rate_limited")
            }
            Csrf => (StatusCode::FORBIDDEN, "csrf_failed"),
            TwoFactorSetupRequired => (StatusCode::FORBIDDEN, "two_factor_setup_required"),
            Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    pub fn body(&self) -> ErrorBody {
        let (_, code) = self.status_and_code();
        let fields = match self {
            ApiError::Validation(fields) | ApiError::Conflict(_, fields) => fields.clone(),
            _ => FieldErrors::new(),
        };
        ErrorBody {
            error: ErrorDetail {
                code: code.to_owned(),
                message: self.to_string(),
                fields,
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, _) = self.status_and_code();
        if let ApiError::Internal(cause) = &self {
            tracing::error!(error = %cause, source = ?cause, "internal error");
        }
        let mut response = (status, axum::Json(self.body())).into_response();
        if let ApiError::RateLimited { retry_after_secs }
        | ApiError::TooManyRequests {
            retry_after_secs, ..
        } = self
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        ApiError::internal(error)
    }
}

/// Each answer a use case can give, as the API reports it.
impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::NotFound => ApiError::NotFound,
            AppError::Conflict(message, fields) => ApiError::Conflict(message, fields),
            AppError::Validation(fields) => ApiError::Validation(fields),
            AppError::Unprocessable(message) => ApiError::Unprocessable(message),
            AppError::RateLimited { retry_after_secs } => {
                ApiError::RateLimited { retry_after_secs }
            }
            AppError::Store(error) => error.into(),
            AppError::Internal(cause) => ApiError::internal(cause),
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
