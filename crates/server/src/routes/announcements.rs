//! Announcements: managers compose, schedule, edit and remind; partners read their feed and
//! acknowledge (the changes are `app::announcements`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use portico_api::announcements::{
    AnnouncementInput, AnnouncementVersion, FeedAnnouncement, ManagerAnnouncement, Reminded,
    Unacknowledged, Unread,
};
use portico_api::page::PageQuery;
use portico_api::{ErrorBody, Page};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::announcements;
use crate::clock::{Timestamp, parse_rfc3339_ms};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::announcements::{self as store, AnnouncementRow, Draft};
use crate::store::{into_page, page_of};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(get_one, edit))
        .routes(routes!(versions))
        .routes(routes!(unacknowledged))
        .routes(routes!(remind))
        .routes(routes!(feed))
        .routes(routes!(unread))
        .routes(routes!(feed_item))
        .routes(routes!(read))
        .routes(routes!(acknowledge))
}

fn draft<'a>(input: &'a AnnouncementInput, now: Timestamp) -> ApiResult<Draft<'a>> {
    input.validate().map_err(ApiError::Validation)?;
    let publish_at = match &input.publish_at {
        None => now,
        Some(at) => parse_rfc3339_ms(at)
            .map(|ms| ms.div_euclid(1000).max(now))
            .ok_or_else(|| {
                ApiError::field("publish_at", "Give the publishing time as a date and time.")
            })?,
    };
    Ok(Draft {
        title: input.title.trim(),
        body: &input.body,
        audience: &input.audience,
        requires_ack: input.requires_ack,
        publish_at,
    })
}

async fn existing(state: &AppState, id: i64) -> ApiResult<AnnouncementRow> {
    store::by_id(state.db.pool(), id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Compose an announcement; without `publish_at` (or with a time already past) it reaches its
/// audience at once, otherwise at that time.
#[utoipa::path(post, path = "/api/announcements", tag = "announcements",
    request_body = AnnouncementInput,
    responses((status = 201, body = ManagerAnnouncement), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(input): ApiJson<AnnouncementInput>,
) -> ApiResult<impl IntoResponse> {
    caller.require_vendor()?;
    let now = state.now();
    let draft = draft(&input, now)?;
    let created = announcements::create(&state, caller.user_id, &draft).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Announcements, newest first, with their receipt counts.
#[utoipa::path(get, path = "/api/announcements", tag = "announcements", params(PageQuery),
    responses((status = 200, body = Page<ManagerAnnouncement>), (status = 403, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<ManagerAnnouncement>>> {
    caller.require_vendor()?;
    let before = parse_cursor(query.cursor.as_deref())?;
    let rows = store::page(state.db.pool(), before, query.limit()).await?;
    Ok(Json(page_of(
        rows,
        query.limit(),
        |r| r.id,
        |r| r.into_view(),
    )))
}

#[utoipa::path(get, path = "/api/announcements/{id}", tag = "announcements",
    params(("id" = i64, Path)),
    responses((status = 200, body = ManagerAnnouncement), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn get_one(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ManagerAnnouncement>> {
    caller.require_vendor()?;
    Ok(Json(existing(&state, id).await?.into_view()))
}

/// Edit an announcement; every version is kept. Once published, its audience and whether it
/// must be acknowledged are fixed.
#[utoipa::path(put, path = "/api/announcements/{id}", tag = "announcements",
    params(("id" = i64, Path)), request_body = AnnouncementInput,
    responses((status = 200, body = ManagerAnnouncement), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn edit(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<AnnouncementInput>,
) -> ApiResult<Json<ManagerAnnouncement>> {
    caller.require_vendor()?;
    let now = state.now();
    let draft = draft(&input, now)?;
    Ok(Json(
        announcements::edit(&state, caller.user_id, id, &draft).await?,
    ))
}

/// Every version of the announcement, newest first.
#[utoipa::path(get, path = "/api/announcements/{id}/versions", tag = "announcements",
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<AnnouncementVersion>), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn versions(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<AnnouncementVersion>>> {
    caller.require_vendor()?;
    existing(&state, id).await?;
    let rows = store::versions(state.db.pool(), id).await?;
    Ok(Json(rows.into_iter().map(|r| r.into_view()).collect()))
}

/// The people the announcement reached who have not acknowledged it.
#[utoipa::path(get, path = "/api/announcements/{id}/unacknowledged", tag = "announcements",
    params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<Unacknowledged>), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn unacknowledged(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<Unacknowledged>>> {
    caller.require_vendor()?;
    existing(&state, id).await?;
    let after = parse_cursor(query.cursor.as_deref())?;
    let rows = store::unacknowledged(state.db.pool(), id, after, query.limit()).await?;
    Ok(Json(into_page(
        rows,
        query.limit(),
        |r| r.user_id,
        |r| r.into_view(),
    )?))
}

/// E-mail a reminder to exactly the people who have not acknowledged yet.
#[utoipa::path(post, path = "/api/announcements/{id}/reminders", tag = "announcements",
    params(("id" = i64, Path)),
    responses((status = 200, body = Reminded), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn remind(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Reminded>> {
    caller.require_vendor()?;
    let reminded = announcements::remind(&state, caller.user_id, id).await?;
    Ok(Json(Reminded {
        reminded: i64::try_from(reminded).unwrap_or(i64::MAX),
    }))
}

/// The announcements that reached the caller's organization, newest first, with the caller's
/// own receipts. Partners only.
#[utoipa::path(get, path = "/api/feed", tag = "announcements", params(PageQuery),
    responses((status = 200, body = Page<FeedAnnouncement>), (status = 403, body = ErrorBody)))]
async fn feed(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<FeedAnnouncement>>> {
    let organization_id = caller.partner_organization()?;
    // Ordered by publishing time, which ids do not follow, so the cursor counts items shown.
    let skip = parse_cursor(query.cursor.as_deref())?;
    let rows = store::feed(
        state.db.pool(),
        organization_id,
        caller.user_id,
        skip,
        query.limit(),
    )
    .await?;
    let numbered = rows.into_iter().zip(skip + 1..).collect();
    Ok(Json(page_of(
        numbered,
        query.limit(),
        |(_, position)| *position,
        |(row, _)| row.into_view(),
    )))
}

/// How many announcements the caller has not read, and how many wait for their
/// acknowledgment.
#[utoipa::path(get, path = "/api/feed/unread", tag = "announcements",
    responses((status = 200, body = Unread), (status = 403, body = ErrorBody)))]
async fn unread(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Unread>> {
    let organization_id = caller.partner_organization()?;
    let (unread, to_acknowledge) =
        store::unread(state.db.pool(), organization_id, caller.user_id).await?;
    Ok(Json(Unread {
        unread,
        to_acknowledge,
    }))
}

async fn visible(state: &AppState, caller: &Caller, id: i64) -> ApiResult<FeedAnnouncement> {
    let organization_id = caller.partner_organization()?;
    store::feed_item(state.db.pool(), organization_id, caller.user_id, id)
        .await?
        .map(|r| r.into_view())
        .ok_or(ApiError::NotFound)
}

/// One announcement of the caller's feed; another audience's is not found.
#[utoipa::path(get, path = "/api/feed/{id}", tag = "announcements", params(("id" = i64, Path)),
    responses((status = 200, body = FeedAnnouncement), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn feed_item(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<FeedAnnouncement>> {
    Ok(Json(visible(&state, &caller, id).await?))
}

/// Record that the caller opened the announcement (the first time counts).
#[utoipa::path(post, path = "/api/feed/{id}/read", tag = "announcements",
    params(("id" = i64, Path)),
    responses((status = 200, body = FeedAnnouncement), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn read(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<FeedAnnouncement>> {
    let organization_id = caller.partner_organization()?;
    let item = visible(&state, &caller, id).await?;
    if item.read_at.is_none() {
        announcements::mark_read(&state, caller.user_id, organization_id, id).await?;
    }
    Ok(Json(visible(&state, &caller, id).await?))
}

/// "I acknowledge": recorded once, for announcements that ask for it.
#[utoipa::path(post, path = "/api/feed/{id}/acknowledgment", tag = "announcements",
    params(("id" = i64, Path)),
    responses((status = 200, body = FeedAnnouncement), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn acknowledge(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<FeedAnnouncement>> {
    let organization_id = caller.partner_organization()?;
    if !visible(&state, &caller, id).await?.requires_ack {
        return Err(ApiError::Conflict(
            "This announcement does not ask for an acknowledgment.".into(),
            Default::default(),
        ));
    }
    announcements::acknowledge(&state, caller.user_id, organization_id, id).await?;
    Ok(Json(visible(&state, &caller, id).await?))
}
