//! Which integration signed a card URL, and whether the link still holds: fresh, and, for a
//! recorded link (one with `lid`), not revoked.

use portico_api::integrations::CrmSystem;

use crate::domain::signatures::{CardUrl, CardUrlError};
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::card_links;
use crate::store::integrations::{self, IntegrationRow};

const INCOMPLETE: &str = "This card link is incomplete: it needs exp and sig.";
const NOT_VALID: &str = "This card link is not valid.";
const EXPIRED: &str = "This card link has expired. Ask for a new one.";
const REVOKED: &str = "This card link was revoked.";

/// The query of a card URL, read as signed: `exp`, `lid` when the link is recorded, `sig`.
struct Signed {
    exp: i64,
    lid: Option<i64>,
    sig: String,
}

fn read(query: Option<&str>) -> Result<Signed, &'static str> {
    let (mut exp, mut lid, mut sig) = (None, None, None);
    for (key, value) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match &*key {
            "exp" => exp = Some(value.parse::<i64>().map_err(|_| NOT_VALID)?),
            "lid" => lid = Some(value.parse::<i64>().map_err(|_| NOT_VALID)?),
            "sig" => sig = Some(value.into_owned()),
            _ => {}
        }
    }
    match (exp, sig) {
        (Some(exp), Some(sig)) => Ok(Signed { exp, lid, sig }),
        _ => Err(INCOMPLETE),
    }
}

/// The integration whose secret signed this URL, or why the link does not hold.
pub async fn signer(
    state: &AppState,
    path: &str,
    query: Option<&str>,
    only: Option<CrmSystem>,
) -> ApiResult<Result<IntegrationRow, &'static str>> {
    let signed = match read(query) {
        Ok(signed) => signed,
        Err(message) => return Ok(Err(message)),
    };
    let url = CardUrl {
        path,
        exp: signed.exp,
        lid: signed.lid,
    };
    let mut expired = false;
    for row in integrations::all(state.db.pool()).await? {
        if only.is_some_and(|system| row.system != system) {
            continue;
        }
        let Some(secret) = state.sealer.open(&row.secret_sealed) else {
            continue;
        };
        match url.check(&secret, &signed.sig, state.now()) {
            Ok(()) => return Ok(still_holds(state, &row, signed.lid).await?.map(|()| row)),
            Err(CardUrlError::Expired) => expired = true,
            Err(CardUrlError::BadSignature) => {}
        }
    }
    Ok(Err(if expired { EXPIRED } else { NOT_VALID }))
}

/// A recorded link holds until revoked; one without an id was made before links were recorded
/// (or is a HubSpot frame link) and holds until it expires.
async fn still_holds(
    state: &AppState,
    integration: &IntegrationRow,
    lid: Option<i64>,
) -> ApiResult<Result<(), &'static str>> {
    let Some(lid) = lid else {
        return Ok(Ok(()));
    };
    Ok(match card_links::status(state.db.pool(), lid).await? {
        Some(link) if link.system != integration.system => Err(NOT_VALID),
        Some(link) if link.revoked_at.is_some() => Err(REVOKED),
        Some(_) => Ok(()),
        None => Err(NOT_VALID),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_read_exp_lid_and_sig_in_any_order() {
        let signed = read(Some("sig=ab&lid=12&exp=99&utm=x")).unwrap();
        assert_eq!(
            (signed.exp, signed.lid, signed.sig.as_str()),
            (99, Some(12), "ab")
        );
        let old = read(Some("exp=99&sig=ab")).unwrap();
        assert_eq!(old.lid, None);
        assert_eq!(read(Some("exp=99")).err(), Some(INCOMPLETE));
        assert_eq!(read(None).err(), Some(INCOMPLETE));
        assert_eq!(read(Some("exp=99&lid=x&sig=ab")).err(), Some(NOT_VALID));
        assert_eq!(read(Some("exp=soon&sig=ab")).err(), Some(NOT_VALID));
    }
}
