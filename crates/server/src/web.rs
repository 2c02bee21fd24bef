//! The built SPA and the headers every response carries.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use tower::ServiceExt as _;
use tower_http::services::{ServeDir, ServeFile};

use crate::error::ApiError;

/// No file or record name is longer; a longer segment cannot name anything.
pub const SEGMENT_MAX: usize = 255;

/// JSON bodies larger than this are refused with 413.
pub const JSON_BODY_LIMIT: usize = 1024 * 1024;

/// The manager console's folder in `dist/`, and the addresses it answers.
const CONSOLE: &str = "manage";

/// Serves `dist/`, the partner portal with the manager console in `dist/manage/`: real files as
/// they are (precompressed when a `.br`/`.gz` sibling exists), any other address as its app's
/// `index.html`, so client-side routes survive a reload.
#[derive(Clone)]
pub struct Spa {
    portal: Option<ServeDir<ServeFile>>,
    console: Option<ServeDir<ServeFile>>,
}

/// Which front end a request for a page should get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontEnd {
    Portal,
    Console,
}

impl FrontEnd {
    /// The console's addresses are `/manage` and below; a signed-in partner still gets the
    /// portal there (`partner` says whether one asks), whose "Page not found" answers them.
    pub fn for_page(path: &str, partner: bool) -> FrontEnd {
        if is_console_path(path) && !partner {
            FrontEnd::Console
        } else {
            FrontEnd::Portal
        }
    }
}

pub fn is_console_path(path: &str) -> bool {
    path.strip_prefix('/')
        .and_then(|p| p.strip_prefix(CONSOLE))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// A console address that names a page rather than a file (the app's files all have an
/// extension, its routes none): only these depend on who asks.
pub fn is_console_page(path: &str) -> bool {
    is_console_path(path) && !path.rsplit('/').next().unwrap_or_default().contains('.')
}

impl Spa {
    pub fn new(dist: Option<&Path>) -> Spa {
        let serve = |dist: &Path, index: PathBuf| {
            ServeDir::new(dist)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(
                    ServeFile::new(index)
                        .precompressed_br()
                        .precompressed_gzip(),
                )
        };
        let console_index = dist
            .map(|d| d.join(CONSOLE).join("index.html"))
            .filter(|index| index.is_file());
        Spa {
            portal: dist.map(|d| serve(d, d.join("index.html"))),
            console: dist.zip(console_index).map(|(d, index)| serve(d, index)),
        }
    }

    /// The router's fallback: unknown API paths answer JSON, everything else is the front
    /// end's.
    pub async fn serve(self, request: Request, front_end: FrontEnd) -> Response {
        let path = request.uri().path();
        if path == "/api" || path.starts_with("/api/") {
            return ApiError::NoSuchRoute.into_response();
        }
        // The file system cannot look such a name up; answer as for any unknown file.
        let too_long = path.split('/').any(|s| s.len() > SEGMENT_MAX);
        let dir = match front_end {
            FrontEnd::Console => self.console.or(self.portal),
            FrontEnd::Portal => self.portal,
        };
        let Some(dir) = dir.filter(|_| !too_long) else {
            return ApiError::NotFound.into_response();
        };
        let hashed = has_content_hash(path);
        let response = match dir.oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(infallible) => match infallible {},
        };
        with_cache_policy(response, hashed)
    }
}

/// Hashed asset names never change content, so they are cached for a year; the HTML that names
/// them must be revalidated every time so a deploy takes effect at once.
fn with_cache_policy(mut response: Response, hashed: bool) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = match (is_html, hashed) {
        (true, _) => "no-cache",
        (false, true) => "public, max-age=31536000, immutable",
        (false, false) => "public, max-age=3600",
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

/// Trunk names built assets `name-<16 hex digits>[_bg].ext`; each app's wasm and scripts sit
/// in a folder named so (`<app>-<16 hex digits>/`), where they keep the names they load each
/// other by.
fn has_content_hash(path: &str) -> bool {
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    let Some(file) = segments.next_back() else {
        return false;
    };
    let stem = file
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end_matches("_bg");
    std::iter::once(stem).chain(segments).any(ends_with_hash)
}

fn ends_with_hash(name: &str) -> bool {
    name.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The Content-Security-Policy for the SPA: nothing but our own origin, plus the inline scripts
/// of each app's `index.html` (the early `/api/me` and the app's start), allowed by their
/// hashes.
pub fn content_security_policy(dist: Option<&Path>) -> String {
    let indexes = dist
        .map(|d| vec![d.join("index.html"), d.join(CONSOLE).join("index.html")])
        .unwrap_or_default();
    let hashes: String = indexes
        .iter()
        .filter_map(|index| std::fs::read_to_string(index).ok())
        .flat_map(|html| {
            inline_scripts(&html)
                .map(|s| format!(" 'sha256-{}'", sha256_base64(s)))
                .collect::<Vec<_>>()
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, rest) = rest.split_once('>')?;
        let (body, _) = rest.split_once("</script>")?;
        (!attributes.contains("src=") && !body.trim().is_empty()).then_some(body)
    })
}

fn sha256_base64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

/// The headers every response carries.
#[derive(Clone)]
pub struct SecurityHeaders {
    pub csp: HeaderValue,
    /// The portal is reached over https: browsers are told to keep to it.
    pub https: bool,
}

/// A year, as HSTS preload lists expect.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Adds the security headers every response carries, unless a handler chose its own. A
/// handler that sets its own Content-Security-Policy (the CRM cards) decides its framing with
/// `frame-ancestors` there, so it gets no `X-Frame-Options: DENY`, which cannot name origins.
/// API answers carry people's data, so no cache keeps them unless the handler says otherwise.
pub async fn security_headers(policy: SecurityHeaders, request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy.csp);
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    if policy.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    if is_api {
        headers
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    let defaults = [
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
    ];
    for (name, value) in defaults {
        headers.entry(name).or_insert(value);
    }
    response
}

/// `dist/` relative to the current directory when it exists, so `portico` run from the
/// repository finds the SPA without flags.
pub fn default_dist() -> Option<PathBuf> {
    let dist = PathBuf::from("dist");
    dist.join("index.html").is_file().then_some(dist)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_hashed_asset_names() {
        assert!(has_content_hash("/portico-app-0123456789abcdef_bg.wasm"));
        assert!(has_content_hash("/main-0123456789abcdef.css"));
        assert!(has_content_hash(
            "/manage/portico-console-0123456789abcdef/chunk_7.wasm"
        ));
        assert!(!has_content_hash("/manage/chunk_7.wasm"));
        assert!(!has_content_hash("/"));
        assert!(!has_content_hash("/favicon.svg"));
        assert!(!has_content_hash("/index.html"));
    }

    #[test]
    fn the_console_answers_its_own_addresses_except_to_partners() {
        for path in [
            "/manage",
            "/manage/",
            "/manage/pipeline",
            "/manage/manage.css",
        ] {
            assert_eq!(FrontEnd::for_page(path, false), FrontEnd::Console, "{path}");
            assert_eq!(FrontEnd::for_page(path, true), FrontEnd::Portal, "{path}");
        }
        for path in ["/", "/pipeline", "/managed", "/manager/x", "/login"] {
            assert_eq!(FrontEnd::for_page(path, false), FrontEnd::Portal, "{path}");
        }
    }

    #[test]
    fn console_pages_are_the_addresses_without_an_extension() {
        assert!(is_console_page("/manage/"));
        assert!(is_console_page("/manage/registrations/12"));
        assert!(!is_console_page(
            "/manage/portico-console-0123456789abcdef_bg.wasm"
        ));
        assert!(!is_console_page("/pipeline"));
    }

    #[test]
    fn finds_only_inline_scripts() {
        let html = r#"<script src="/a.js"></script><script type="module">import x</script><script>
</script>"#;
        assert_eq!(inline_scripts(html).collect::<Vec<_>>(), vec!["import x"]);
    }
}
