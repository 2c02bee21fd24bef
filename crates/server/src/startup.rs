//! Assembles the application and runs it until asked to stop.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{Extensions, HeaderMap, HeaderName, HeaderValue, StatusCode, Version, header};
use axum::response::{IntoResponse, Response};
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::blobs::Blobs;
use crate::clock::{Clock, SystemClock};
use crate::domain::program::ProgramRules;
use crate::domain::proxies::TrustedProxies;
use crate::domain::sealed::Sealer;
use crate::domain::sepa::Debtor;
use crate::domain::token::TokenHasher;
use crate::error::ApiError;
use crate::mail::Mailer;
use crate::outbound::resolver::{Lookup, SystemLookup};
use crate::outbound::{Outbound, TargetPolicy};
use crate::state::AppState;
use crate::store::{ConnectError, Db};
use crate::web::{self, JSON_BODY_LIMIT, Spa};

/// Everything `portico` needs to serve, already resolved from flags and environment.
pub struct Settings {
    pub database_url: String,
    pub dist: Option<PathBuf>,
    pub secret_key: String,
    pub public_url: String,
    pub demo: bool,
    /// Where uploaded files go: a directory, or `s3://bucket/prefix`.
    pub storage: String,
    pub trusted_proxies: TrustedProxies,
    pub rules: ProgramRules,
    pub clock: Arc<dyn Clock>,
    /// `smtp://…` or `smtps://…`; without it e-mail is written to `mailbox`.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub mailbox: PathBuf,
    /// Whether webhooks and Slack posts may go to plain http and private addresses.
    pub outbound_policy: TargetPolicy,
    /// How outbound requests resolve names; the system's resolver but in tests.
    pub outbound_lookup: Arc<dyn Lookup>,
    /// For tests only (`None` by default): see `AppState::filing_rendezvous`.
    pub filing_rendezvous: Option<Arc<tokio::sync::Barrier>>,
    /// The account payouts leave from, for SEPA files.
    pub sepa_debtor: Option<Debtor>,
}

impl Settings {
    pub fn new(
        database_url: impl Into<String>,
        secret_key: impl Into<String>,
        public_url: impl Into<String>,
    ) -> Self {
        let database_url = database_url.into();
        let public_url = public_url.into();
        Settings {
            mailbox: crate::config::data_dir(&database_url).join("mailbox"),
            mail_from: crate::config::default_sender(&public_url),
            smtp_url: None,
            storage: crate::config::data_dir(&database_url)
                .join("files")
                .display()
                .to_string(),
            database_url,
            dist: None,
            secret_key: secret_key.into(),
            public_url,
            demo: false,
            trusted_proxies: TrustedProxies::default(),
            rules: ProgramRules::default(),
            clock: Arc::new(SystemClock),
            outbound_policy: TargetPolicy::PublicOnly,
            outbound_lookup: Arc::new(SystemLookup),
            filing_rendezvous: None,
            sepa_debtor: None,
        }
    }
}

/// Opens the database (migrating it), seeds demo data when asked, and builds the state.
pub async fn prepare(settings: &Settings) -> Result<AppState, ConnectError> {
    owner_only_files();
    let db = Db::open(&settings.database_url).await?;
    let blobs = Blobs::open(&settings.storage).map_err(ConnectError::Storage)?;
    let sealer = Sealer::new(&settings.secret_key);
    let seeded = settings.demo
        && crate::demo::seed_if_empty(&db, &blobs, &sealer, settings.clock.now())
            .await
            .map_err(|e| ConnectError::Demo(e.to_string()))?;
    let mailer = Mailer::new(
        settings.smtp_url.as_deref(),
        &settings.mail_from,
        settings.mailbox.clone(),
    )
    .map_err(ConnectError::Mail)?;
    let state = AppState {
        mailer,
        outbound: Outbound::new(
            settings.outbound_policy,
            Arc::clone(&settings.outbound_lookup),
        ),
        db,
        blobs,
        clock: settings.clock.clone(),
        tokens: TokenHasher::new(&settings.secret_key),
        sealer,
        webhook_signal: Arc::default(),
        channel_signal: Arc::default(),
        outbox_signal: Arc::default(),
        public_url: settings.public_url.trim_end_matches('/').into(),
        trusted_proxies: Arc::new(settings.trusted_proxies.clone()),
        rules: Arc::new(settings.rules.clone()),
        search_limits: Arc::default(),
        filing_rendezvous: settings.filing_rendezvous.clone(),
        sepa_debtor: settings.sepa_debtor.clone().map(Arc::new),
    };
    if seeded {
        // Reports go through the app's own upload, which needs the whole state.
        crate::demo::channel_data::seed(&state)
            .await
            .map_err(|e| ConnectError::Demo(e.to_string()))?;
    }
    Ok(state)
}

/// Files the server writes hold people's data and live links (the database, uploads, the
/// mailbox's e-mails): they are created readable by the server's user only.
fn owner_only_files() {
    #[cfg(unix)]
    // SAFETY: umask only sets the process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// The whole HTTP application: API, probes, SPA, and the layers around them.
pub fn app(state: AppState, dist: Option<&std::path::Path>) -> Router {
    let headers = web::SecurityHeaders {
        csp: HeaderValue::from_str(&web::content_security_policy(dist)).expect("CSP is ASCII"),
        https: state.secure_cookies(),
    };
    let spa = Spa::new(dist);
    let request_id = HeaderName::from_static("x-request-id");
    let (api, _) = crate::routes::router().split_for_parts();
    let pages = state.clone();
    api.fallback(move |request: Request| {
        let (spa, state) = (spa.clone(), pages.clone());
        async move {
            let path = request.uri().path();
            // Only the console's pages depend on who asks; files and the rest need no lookup.
            let partner = web::is_console_page(path)
                && crate::routes::session::from_partner(&state, request.headers()).await;
            let front_end = web::FrontEnd::for_page(request.uri().path(), partner);
            spa.serve(request, front_end).await
        }
    })
    .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
    // Only matched routes need to know the caller; static files never do.
    .route_layer(axum::middleware::from_fn_with_state(
        state.clone(),
        crate::routes::session::resolve,
    ))
    .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
    .layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(|request: &Request| {
                        let id = request
                            .headers()
                            .get("x-request-id")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default();
                        let path = crate::request_log::loggable_path(request.uri().path());
                        tracing::info_span!("request", method = %request.method(), %path, id)
                    })
                    .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
            )
            .layer(PropagateRequestIdLayer::new(request_id))
            .layer(CatchPanicLayer::custom(|_| panic_response()))
            .layer(axum::middleware::from_fn(move |request, next| {
                web::security_headers(headers.clone(), request, next)
            }))
            .layer(CompressionLayer::new().compress_when(not_downloads())),
    )
    .with_state(state)
}

/// Files sent as attachments are already compressed formats, and compressing them would drop
/// their length and range support.
fn not_downloads() -> impl Predicate {
    DefaultPredicate::new().and(
        |_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions| {
            !headers.contains_key(header::CONTENT_DISPOSITION)
        },
    )
}

fn panic_response() -> Response {
    ApiError::internal("a request handler panicked").into_response()
}

/// A server running in this process.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Stops accepting, lets in-flight requests finish, and waits for the server to end.
    pub async fn stop(self) -> std::io::Result<()> {
        let _ = self.stop.send(());
        self.task.await.map_err(std::io::Error::other)?
    }
}

/// Starts serving on `listener` in the background; for tests and embedding.
pub async fn spawn(settings: Settings, listener: TcpListener) -> Result<Running, ConnectError> {
    let state = prepare(&settings).await?;
    let addr = listener
        .local_addr()
        .map_err(|e| ConnectError::Sqlx(sqlx::Error::Io(e)))?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = app(state.clone(), settings.dist.as_deref());
    let task = tokio::spawn(serve(listener, app, async {
        let _ = stopped.await;
    }));
    Ok(Running {
        addr,
        state,
        stop,
        task,
    })
}

/// Serves until `shutdown` completes, then drains in-flight requests.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
