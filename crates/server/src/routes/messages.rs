//! Administrators' view of outgoing messages: every e-mail and Slack delivery with its state,
//! replay of the dead letter, and the mailbox that holds e-mail when no SMTP server is set.

use axum::Json;
use axum::extract::State;
use portico_api::integrations::{DeliveryQuery, Replayed};
use portico_api::notifications::{MailboxEntry, MailboxMessage, MessageDelivery};
use portico_api::page::PageQuery;
use portico_api::{ErrorBody, Page};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::message_deliveries;
use crate::error::{ApiError, ApiResult};
use crate::mail;
use crate::routes::extract::{ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::{deliveries as store, page_of};

const MAILBOX_LISTED: usize = 200;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(replay_dead))
        .routes(routes!(replay_one))
        .routes(routes!(mailbox))
        .routes(routes!(mailbox_message))
}

/// Message deliveries, newest first, optionally in one state. Administrators only.
#[utoipa::path(get, path = "/api/messages/deliveries", tag = "messages", params(DeliveryQuery),
    responses((status = 200, body = Page<MessageDelivery>), (status = 403, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<DeliveryQuery>,
) -> ApiResult<Json<Page<MessageDelivery>>> {
    caller.require_admin()?;
    let before = parse_cursor(query.cursor.as_deref())?;
    let limit = PageQuery {
        cursor: None,
        limit: query.limit,
    }
    .limit();
    let rows = store::page(state.db.pool(), query.state, before, limit).await?;
    Ok(Json(page_of(rows, limit, |r| r.id, |r| r.into_view())))
}

/// Send every dead delivery again, from now.
#[utoipa::path(post, path = "/api/messages/deliveries/replay", tag = "messages",
    responses((status = 200, body = Replayed), (status = 403, body = ErrorBody)))]
async fn replay_dead(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Replayed>> {
    caller.require_admin()?;
    let replayed = message_deliveries::replay(&state, caller.user_id, None).await?;
    Ok(Json(Replayed { replayed }))
}

/// Send one dead or delivered delivery again.
#[utoipa::path(post, path = "/api/messages/deliveries/{id}/replay", tag = "messages",
    params(("id" = i64, Path)),
    responses((status = 200, body = Replayed), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
async fn replay_one(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Replayed>> {
    caller.require_admin()?;
    match message_deliveries::replay(&state, caller.user_id, Some(id)).await? {
        0 => Err(ApiError::Conflict(
            "That delivery does not exist or is still pending; a pending one is retried on its own."
                .into(),
            Default::default(),
        )),
        replayed => Ok(Json(Replayed { replayed })),
    }
}

/// The e-mail written to the mailbox, newest first (the latest 200). Empty when an SMTP server
/// is configured. Administrators only: the messages hold sign-in links.
#[utoipa::path(get, path = "/api/messages/mailbox", tag = "messages",
    responses((status = 200, body = Vec<MailboxEntry>), (status = 403, body = ErrorBody)))]
async fn mailbox(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<MailboxEntry>>> {
    caller.require_admin()?;
    let Some(dir) = state.mailer.mailbox() else {
        return Ok(Json(Vec::new()));
    };
    let listed = mail::list_mailbox(dir, MAILBOX_LISTED)
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(listed))
}

/// One mailbox message, decoded, with the links it carries.
#[utoipa::path(get, path = "/api/messages/mailbox/{name}", tag = "messages",
    params(("name" = String, Path)),
    responses((status = 200, body = MailboxMessage), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn mailbox_message(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(name): ApiPath<String>,
) -> ApiResult<Json<MailboxMessage>> {
    caller.require_admin()?;
    let dir = state.mailer.mailbox().ok_or(ApiError::NotFound)?;
    mail::open_mailbox(dir, &name)
        .await
        .map_err(ApiError::internal)?
        .map(Json)
        .ok_or(ApiError::NotFound)
}
