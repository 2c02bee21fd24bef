//! Sign-in links: sent by e-mail, used once. The token is kept only as a hash.

use portico_api::notifications::Category;

use crate::app::AppResult;
use crate::app::unit_of_work;
use crate::domain::token;
use crate::state::AppState;
use crate::store::outbox::{Message, Recipients};
use crate::store::sign_in_links as store;
use crate::store::users::UserRow;

/// A sign-in link works once, for a quarter of an hour.
const LINK_VALID_SECS: i64 = 15 * 60;
const LINK_PURPOSE: &str = "sign-in-link";

/// Makes a link for the user and e-mails it; after signing in it leads to `next`.
pub async fn send(state: &AppState, user: &UserRow, next: Option<&str>) -> AppResult<()> {
    let token = token::generate();
    let link = match next {
        Some(next) => format!("/sign-in/{token}?next={}", url_encode(next)),
        None => format!("/sign-in/{token}"),
    };
    let hash = state.tokens.hash(LINK_PURPOSE, &token);
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        store::insert(unit.tx(), &hash, user.id, now, now + LINK_VALID_SECS).await?;
        unit.notify(Message {
            category: Category::SignInLink,
            to: Recipients::Address {
                email: user.email.clone(),
                user_id: Some(user.id),
            },
            registration_id: None,
            subject: "Your sign-in link for Portico".to_owned(),
            body: "Use the link below to sign in to the partner portal.".to_owned(),
            link: Some(link),
        });
        Ok(())
    })
    .await
}

/// Uses the link up; answers whose it was, if it was a live link.
pub async fn redeem(state: &AppState, token: &str) -> AppResult<Option<i64>> {
    let hash = state.tokens.hash(LINK_PURPOSE, token);
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        Ok(store::redeem(unit.tx(), &hash, now).await?)
    })
    .await
}

fn url_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
