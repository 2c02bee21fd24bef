//! What the request log may say about a path. Some paths carry a bearer secret (a sign-in
//! link, an invitation, a registration link), and anyone who reads the logs must not be able
//! to use one, so those segments are written as `{token}`. Queries are never logged: signed
//! card URLs and unsubscribe links carry their signatures there.

use std::borrow::Cow;

/// Segments after which the next one is a token, in the SPA's and the API's paths:
/// `/sign-in/{token}`, `/invite/{token}`, `/r/{token}`, `/api/invitations/{token}`,
/// `/api/public/registration-links/{token}`.
const BEFORE_A_TOKEN: [&str; 5] = [
    "sign-in",
    "invite",
    "r",
    "invitations",
    "registration-links",
];

/// Longer than any word of a route and shorter than a token: a segment this long without a
/// file extension is treated as a secret even on a path not listed above.
const SECRET_LENGTH: usize = 32;

/// The path as the log shows it.
pub fn loggable_path(path: &str) -> Cow<'_, str> {
    let mut redacted = false;
    let mut previous = "";
    let segments: Vec<&str> = path
        .split('/')
        .map(|segment| {
            let secret = (BEFORE_A_TOKEN.contains(&previous) && !segment.is_empty())
                || (segment.len() >= SECRET_LENGTH && !segment.contains('.'));
            previous = segment;
            if secret {
                redacted = true;
                "{token}"
            } else {
                segment
            }
        })
        .collect();
    if redacted {
        Cow::Owned(segments.join("/"))
    } else {
        Cow::Borrowed(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_written_as_their_place() {
        let token = "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c";
        for (path, logged) in [
            (format!("/sign-in/{token}"), "/sign-in/{token}"),
            (format!("/invite/{token}"), "/invite/{token}"),
            (format!("/r/{token}"), "/r/{token}"),
            ("/r/short".to_owned(), "/r/{token}"),
            (
                format!("/api/invitations/{token}/accept"),
                "/api/invitations/{token}/accept",
            ),
            (
                format!("/api/public/registration-links/{token}/registrations"),
                "/api/public/registration-links/{token}/registrations",
            ),
            (format!("/api/anything/{token}"), "/api/anything/{token}"),
        ] {
            assert_eq!(loggable_path(&path), logged);
        }
    }

    #[test]
    fn other_paths_are_kept_as_they_are() {
        for path in [
            "/",
            "/api/invitations",
            "/api/registrations/12/decision",
            "/embed/deals/4",
            "/portico-app-0123456789abcdef_bg.wasm",
            "/sign-in/",
        ] {
            assert!(matches!(loggable_path(path), Cow::Borrowed(p) if p == path));
        }
    }
}
