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

use crate::app::notifications::{self, Person};
use crate::clock::rfc3339;
use crate::domain::notice::unsubscribe_signed;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::preferences as store;
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
    let person = Person {
        user_id: caller.user_id,
        organization_id: caller.membership.organization_id(),
    };
    notifications::set_choices(&state, &person, &request.choices).await?;
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
    let person = Person {
        user_id: user.id,
        organization_id: user.organization_id,
    };
    notifications::unsubscribe(&state, &person, category).await?;
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
    let url = request.url.trim();
    let hint = url_hint(url);
    let now = notifications::connect_slack(&state, caller.user_id, id, url, &hint).await?;
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
    notifications::disconnect_slack(&state, caller.user_id, id).await?;
    Ok(StatusCode::NO_CONTENT)
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
