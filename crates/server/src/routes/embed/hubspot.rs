//! HubSpot's app card: HubSpot fetches the card's data from here, signed with request
//! signature v3, and opens the full card in an iframe modal from a freshly signed URL.

use axum::Json;
use axum::extract::{OriginalUri, Query, State};
use axum::http::HeaderMap;
use portico_api::integrations::CrmSystem;
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{build, linked_card};
use crate::app::card_links::signed_url;
use crate::domain::signatures::{CardUrl, SignedRequest, check_hubspot_v3};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::integrations;

/// How long the iframe's signed URL lives: long enough to open it from the card. Such links
/// are made on every card fetch, so they are not recorded: rotating the integration secret is
/// what retires them before their hour is up.
const FRAME_LINK_SECS: i64 = 60 * 60;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(card))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
/// HubSpot also sends `associatedObjectType` and `portalId`; the card is the same for all.
struct CardQuery {
    associated_object_id: String,
}

/// HubSpot's card response shape.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct CardResponse {
    results: Vec<CardResult>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
struct CardResult {
    object_id: String,
    title: String,
    link: String,
    properties: Vec<Property>,
    actions: Vec<FrameAction>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
struct Property {
    label: &'static str,
    data_type: &'static str,
    value: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
struct FrameAction {
    #[serde(rename = "type")]
    kind: &'static str,
    uri: String,
    width: u32,
    height: u32,
    label: &'static str,
}

/// The card data for a HubSpot deal, verified with the app's client secret (request signature
/// v3, at most 5 minutes old). A deal not linked to Portico answers no results.
#[utoipa::path(get, path = "/api/integrations/hubspot/card", tag = "embed", params(CardQuery),
    responses((status = 200, body = CardResponse), (status = 401, body = portico_api::ErrorBody)))]
async fn card(
    State(state): State<AppState>,
    uri: OriginalUri,
    headers: HeaderMap,
    Query(query): Query<CardQuery>,
) -> ApiResult<Json<CardResponse>> {
    let integration = integrations::get(state.db.pool(), CrmSystem::Hubspot)
        .await?
        .ok_or(ApiError::BadSignature)?;
    let secret = integration
        .app_secret_sealed
        .as_deref()
        .and_then(|sealed| state.sealer.open(sealed))
        .ok_or(ApiError::BadSignature)?;
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    let full_uri = format!("{}{}", state.public_url, uri.0);
    let request = SignedRequest {
        method: "GET",
        uri: &full_uri,
        body: b"",
        timestamp: header("x-hubspot-request-timestamp"),
    };
    if !check_hubspot_v3(
        &secret,
        &request,
        header("x-hubspot-signature-v3"),
        state.now_ms(),
    ) {
        return Err(ApiError::BadSignature);
    }
    let deal_id = query.associated_object_id;
    let Some(row) = linked_card(&state, CrmSystem::Hubspot, &deal_id).await? else {
        return Ok(Json(CardResponse {
            results: Vec::new(),
        }));
    };
    let card = build(&state, row).await?;
    let path = format!("/embed/crm/hubspot/{}", urlencoding(&deal_id));
    let frame = CardUrl {
        path: &path,
        exp: state.now() + FRAME_LINK_SECS,
        lid: None,
    };
    let frame = signed_url(&state, &integration, &frame)?;
    let text = |label, value: String| Property {
        label,
        data_type: "STRING",
        value,
    };
    let mut properties = vec![
        text(
            "Partner",
            format!("{} ({}, {})", card.partner, card.tier, card.motion),
        ),
        text("Registration", card.registration.to_owned()),
        text("Protection", card.protection),
    ];
    properties.extend(card.role.map(|r| text("Partner role", r)));
    properties.extend(card.conflict.map(|c| text("Conflict", c)));
    properties.extend(card.stage.map(|s| text("Stage", s.to_owned())));
    properties.extend(card.next_step.map(|n| text("Next step", n)));
    properties.extend(
        card.last_partner_activity
            .map(|a| text("Last partner activity", a)),
    );
    Ok(Json(CardResponse {
        results: vec![CardResult {
            object_id: deal_id,
            title: card.title,
            link: card.link,
            properties,
            actions: vec![FrameAction {
                kind: "IFRAME",
                uri: frame,
                width: 420,
                height: 560,
                label: "Open partner card",
            }],
        }],
    }))
}

/// A path segment with everything but unreserved characters percent-encoded.
fn urlencoding(segment: &str) -> String {
    url::form_urlencoded::byte_serialize(segment.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}
