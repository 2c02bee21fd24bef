//! What a use case can answer besides its outcome. The HTTP edge maps each case to a status
//! once, in `crate::error`.

use portico_api::FieldErrors;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such record, or not one the caller may see.
    #[error("not found")]
    NotFound,
    /// The record is not in a state that allows the change, or a value is taken; the message
    /// says why, and the fields which.
    #[error("{0}")]
    Conflict(String, FieldErrors),
    #[error("some fields need attention")]
    Validation(FieldErrors),
    /// Understood but refused; the message says why.
    #[error("{0}")]
    Unprocessable(String),
    /// A budget is spent; it allows more after this many seconds.
    #[error("rate limited for {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Anything that should not happen; logged, never shown.
    #[error("{0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn field(field: &str, message: &str) -> Self {
        AppError::Validation(FieldErrors::from([(field.to_owned(), message.to_owned())]))
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        AppError::Conflict(message.into(), FieldErrors::new())
    }

    pub fn internal(what: impl std::fmt::Display) -> Self {
        AppError::Internal(what.to_string())
    }
}
