//! Each person's channels per category, one-click unsubscribe from e-mail, and the Slack
//! channel a partner organization connects.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_api::notifications::{
    Category, Channel, ChannelChoice, Preferences, SetPreferences, SlackChannel, SlackChannelInput,
    Unsubscribe, Unsubscribed,
};
use portico_api::{ErrorBody, Role};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::clock::rfc3339;
use crate::domain::notice::unsubscribe_signed;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::preferences::{self as store, NewSlack};
use crate::store::users;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_preferences, set_preferences))
        .routes(routes!(unsubscribe))
        .routes(routes!(get_slack, connect_slack, disconnect_slack))
}

fn categories(caller: &Caller) -> &'static [Category] {
    if caller.role().is_vendor() {
        &Category::FOR_VENDOR
    } else {
        &Category::FOR_PARTNERS
    }
}

/// The caller's channels per category; everything is on until turned off.
#[utoipa::path(get, path = "/api/me/notifications", tag = "notifications",
    responses((status = 200, body = Preferences), (status = 401, body = ErrorBody)))]
async fn get_preferences(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Preferences>> {
    Ok(Json(preferences(&state, &caller).await?))
}

async fn preferences(state: &AppState, caller: &Caller) -> ApiResult<Preferences> {
    let off = store::opt_outs(state.db.pool(), caller.user_id).await?;
    let on = |category: Category, channel: Channel| {
        !off.iter()
            .any(|(c, ch)| c == category.as_str() && ch == channel.as_str())
    };
    let slack_connected = match caller.membership.organization_id() {
        Some(id) => store::slack(state.db.pool(), id).await?.is_some(),
        None => false,
    };
    Ok(Preferences {
        choices: categories(caller)
            .iter()
            .map(|&category| ChannelChoice {
                category,
                email: on(category, Channel::Email),
                slack: on(category, Channel::Slack),
            })
            .collect(),
        slack_connected,
    })
}

/// Change some of the caller's choices; the others stay as they are.
#[utoipa::path(put, path = "/api/me/notifications", tag = "notifications",
    request_body = SetPreferences,
    responses((status = 200, body = Preferences), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn set_preferences(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<SetPreferences>,
) -> ApiResult<Json<Preferences>> {
    let allowed = categories(&caller);
    if let Some(choice) = request
        .choices
        .iter()
        .find(|c| !allowed.contains(&c.category))
    {
        return Err(ApiError::field(
            "choices",
            &format!("{} are not among your categories.", choice.category.label()),
        ));
    }
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    for choice in &request.choices {
        for (channel, on) in [
            (Channel::Email, choice.email),
            (Channel::Slack, choice.slack),
        ] {
            let category = choice.category.as_str();
            store::set(&mut tx, caller.user_id, category, channel.as_str(), on, now).await?;
        }
    }
    let entry = AuditEntry {
        actor_user_id: Some(caller.user_id),
        action: "notification_preferences.changed",
        subject_type: "user",
        subject_id: Some(caller.user_id),
        organization_id: caller.membership.organization_id(),
        before: None,
        after: audit::state(&request.choices),
        rationale: None,
    };
    audit::record(&mut *tx, &entry, now).await?;
    tx.commit().await?;
    Ok(Json(preferences(&state, &caller).await?))
}

/// Turn off one category's e-mail from the signed link in an e-mail; needs no session, so
/// mail clients can call it for one-click unsubscribe (RFC 8058).
#[utoipa::path(post, path = "/api/unsubscribe", tag = "notifications", params(Unsubscribe),
    responses((status = 200, body = Unsubscribed),
        (status = 404, body = ErrorBody, description = "The link is not valid")))]
async fn unsubscribe(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<Unsubscribe>,
) -> ApiResult<Json<Unsubscribed>> {
    let category = Category::parse(&query.category)
        .filter(|c| c.choosable())
        .ok_or(ApiError::NotFound)?;
    if !unsubscribe_signed(&state.tokens, query.user, &query.category, &query.sig) {
        return Err(ApiError::NotFound);
    }
    let user = users::by_id(state.db.pool(), query.user)
        .await?
        .ok_or(ApiError::NotFound)?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    store::set(&mut tx, user.id, category.as_str(), "email", false, now).await?;
    let entry = AuditEntry {
        actor_user_id: Some(user.id),
        action: "notification_preferences.unsubscribed",
        subject_type: "user",
        subject_id: Some(user.id),
        organization_id: user.organization_id,
        before: None,
        after: audit::state(&serde_json::json!({ "category": category, "email": false })),
        rationale: None,
    };
    audit::record(&mut *tx, &entry, now).await?;
    tx.commit().await?;
    Ok(Json(Unsubscribed { category }))
}

/// Partner administrators manage their own organization's channel; vendor staff any.
/// Another organization's channel is not found.
fn may_manage_slack(caller: &Caller, organization_id: i64) -> ApiResult<()> {
    match caller.membership.organization_id() {
        None => Ok(()),
        Some(own) if own != organization_id => Err(ApiError::NotFound),
        Some(_) if caller.role() == Role::PartnerAdmin => Ok(()),
        Some(_) => Err(ApiError::Forbidden(
            "Only your organization's administrators can change its Slack channel.",
        )),
    }
}

/// The organization's Slack channel, if connected.
#[utoipa::path(get, path = "/api/organizations/{id}/slack", tag = "notifications",
    params(("id" = i64, Path)),
    responses((status = 200, body = Option<SlackChannel>), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn get_slack(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Option<SlackChannel>>> {
    may_manage_slack(&caller, id)?;
    let row = store::slack(state.db.pool(), id).await?;
    Ok(Json(row.map(|r| SlackChannel {
        url_hint: r.url_hint,
        updated_at: rfc3339(r.updated_at),
    })))
}

/// Connect (or replace) the organization's Slack incoming webhook.
#[utoipa::path(put, path = "/api/organizations/{id}/slack", tag = "notifications",
    params(("id" = i64, Path)), request_body = SlackChannelInput,
    responses((status = 200, body = SlackChannel), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn connect_slack(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<SlackChannelInput>,
) -> ApiResult<Json<SlackChannel>> {
    may_manage_slack(&caller, id)?;
    request.validate().map_err(ApiError::Validation)?;
    state
        .outbound
        .policy()
        .slack_url(&request.url)
        .map_err(|message| ApiError::field("url", message))?;
    let mut tx = state.db.begin_write().await?;
    if !crate::store::organizations::exists(&mut *tx, id).await? {
        return Err(ApiError::NotFound);
    }
    let url = request.url.trim();
    let hint = url_hint(url);
    let now = state.now();
    let new = NewSlack {
        organization_id: id,
        url_sealed: &state.sealer.seal(url),
        url_hint: &hint,
        updated_by: caller.user_id,
    };
    store::connect_slack(&mut tx, &new, now).await?;
    record_slack(
        &mut tx,
        &caller,
        id,
        "slack_channel.connected",
        Some(&hint),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(SlackChannel {
        url_hint: hint,
        updated_at: rfc3339(now),
    }))
}

/// Disconnect the organization's Slack channel; posts still waiting for it fail, and end in
/// the dead letter after their day of retries.
#[utoipa::path(delete, path = "/api/organizations/{id}/slack", tag = "notifications",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn disconnect_slack(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    may_manage_slack(&caller, id)?;
    let mut tx = state.db.begin_write().await?;
    if !store::disconnect_slack(&mut tx, id).await? {
        return Err(ApiError::NotFound);
    }
    let now = state.now();
    record_slack(
        &mut tx,
        &caller,
        id,
        "slack_channel.disconnected",
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn record_slack(
    tx: &mut sqlx::AnyConnection,
    caller: &Caller,
    organization_id: i64,
    action: &'static str,
    hint: Option<&str>,
    now: crate::clock::Timestamp,
) -> ApiResult<()> {
    let entry = AuditEntry {
        actor_user_id: Some(caller.user_id),
        action,
        subject_type: "organization",
        subject_id: Some(organization_id),
        organization_id: Some(organization_id),
        before: None,
        after: hint.and_then(|h| audit::state(&serde_json::json!({ "url_hint": h }))),
        rationale: None,
    };
    audit::record(&mut *tx, &entry, now).await?;
    Ok(())
}

/// The host and the last four characters: enough to recognize the URL, not to use it.
fn url_hint(url: &str) -> String {
    let host = url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default();
    let tail: String = url
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{host}/…/{tail}")
}
