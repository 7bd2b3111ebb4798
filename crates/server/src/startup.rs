//! Builds the application: storage, migrations, the writer task, the router
//! and the listener. Tests call `Application::build` with port 0 and a fresh
//! database, then `run_until_stopped`, so they exercise the real server.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum_server::Handle;
use axum_server::tls_rustls::RustlsConfig;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::auth::password::Hasher;
use crate::auth::throttle::LoginGuard;
use crate::config::{Config, ConfigError, DatabaseConfig};
use crate::error::ApiError;
use crate::routes;
use crate::state::{AppState, Settings};
use crate::storage::changes::Changes;
use crate::storage::writer::Writer;
use crate::storage::{self, Db, StorageError};
use axum::http::header;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot create the data directory or database file {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
    #[error("database: {0}")]
    Storage(#[from] StorageError),
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: SocketAddr, source: std::io::Error },
    #[error("TLS certificate or key: {0}")]
    Tls(std::io::Error),
    #[error("{0}")]
    Claim(#[from] storage::files::ClaimError),
    #[error("demo data: {0}")]
    Demo(String),
}

pub struct Application {
    listener: std::net::TcpListener,
    local_addr: SocketAddr,
    tls: Option<RustlsConfig>,
    router: Router,
    state: AppState,
    writer_task: tokio::task::JoinHandle<()>,
    /// SQLite: this process's claim on the file, released when serving ends.
    _sqlite_claim: Option<storage::files::SqliteClaim>,
}

impl Application {
    pub async fn build(config: Config) -> Result<Self, StartupError> {
        config.check()?;
        let mut sqlite_claim = None;
        if let DatabaseConfig::Sqlite { path } = &config.database {
            storage::files::prepare_sqlite_file(path).map_err(|source| StartupError::DataDir {
                path: path.display().to_string(),
                source,
            })?;
            sqlite_claim = Some(storage::files::claim_sqlite_file(path)?);
        }
        let db = Db::connect(&config.database).await?;
        storage::migrate::run(&db).await?;
        storage::checkpoint::spawn(&db, config.wal_idle);
        let changes = Changes::new();
        changes.spawn_watcher(db.clone());
        let (writer, writer_task) = Writer::spawn(db.clone(), changes.clone());
        storage::read_models::backfill(&db, &writer).await?;
        let state = AppState {
            db,
            writer,
            changes,
            hasher: Hasher::new(2),
            login_guard: LoginGuard::new(config.login.clone()),
            settings: Arc::new(Settings {
                session_ttl: config.session_ttl,
                max_body_bytes: config.max_body_bytes,
                session_idle: config.session_idle,
                max_offline_hours: config.max_offline_hours,
                device_keep: config.device_keep,
                require_second_factor: config.require_second_factor && !config.demo,
                tls: config.tls.is_some(),
                web_dir: config.web_dir.clone(),
                join: samenop_core::membership::JoinPolicy {
                    window: chrono::Duration::from_std(config.join_window).unwrap_or_else(|_| {
                        chrono::Duration::hours(samenop_core::membership::DEFAULT_JOIN_WINDOW_HOURS)
                    }),
                },
                push_rate: crate::limits::RateLimiter::new(config.limits.push_burst, config.limits.push_per_second),
                limits: config.limits.clone(),
                egg_expertise_centre: config.egg_expertise_centre.clone(),
                lead_window_days: config.lead_window_days,
                clock: crate::state::Clock {
                    offset: config.clock_offset,
                },
                trusted_proxies: crate::auth::TrustedProxies(std::sync::Arc::new(config.trusted_proxies.clone())),
            }),
        };
        if config.demo {
            crate::demo::seed(&state, config.demo_busy_events)
                .await
                .map_err(StartupError::Demo)?;
        }

        // After the demo seed, so a run never meets a half-seeded case.
        if let Some(period) = config.retention {
            crate::retention::spawn(state.db.clone(), period, config.retention_every, state.settings.clock);
        }

        let tls = match &config.tls {
            Some(t) => {
                // One process-wide crypto provider (ring); a second install is a no-op.
                let _ = rustls::crypto::ring::default_provider().install_default();
                Some(
                    RustlsConfig::from_pem_file(&t.cert_pem, &t.key_pem)
                        .await
                        .map_err(StartupError::Tls)?,
                )
            }
            None => None,
        };
        let listener = std::net::TcpListener::bind(config.listen).map_err(|source| StartupError::Listen {
            addr: config.listen,
            source,
        })?;
        let local_addr = listener.local_addr().map_err(|source| StartupError::Listen {
            addr: config.listen,
            source,
        })?;
        listener.set_nonblocking(true).map_err(|source| StartupError::Listen {
            addr: config.listen,
            source,
        })?;
        let router = router(state.clone());
        Ok(Self {
            listener,
            local_addr,
            tls,
            router,
            state,
            writer_task,
            _sqlite_claim: sqlite_claim,
        })
    }

    pub fn port(&self) -> u16 {
        self.local_addr.port()
    }

    /// The storage handle, for tests and tools that seed accounts.
    pub fn db(&self) -> Db {
        self.state.db.clone()
    }

    /// The password hasher, whose verification count tests and probes read.
    pub fn hasher(&self) -> Hasher {
        self.state.hasher.clone()
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// `https://…` or `http://…` as clients should call it.
    pub fn base_url(&self) -> String {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.local_addr)
    }

    /// Serves until SIGTERM or ctrl-c, then shuts down gracefully.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes. In-flight requests get up to 30 s to
    /// finish (pulls waiting for news answer at once); the writer then
    /// commits what is queued before it stops.
    pub async fn run_until(self, stop: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        let handle = Handle::new();
        let watcher = handle.clone();
        let changes = self.state.changes.clone();
        tokio::spawn(async move {
            stop.await;
            tracing::info!("shutting down: finishing in-flight requests");
            changes.stop();
            watcher.graceful_shutdown(Some(Duration::from_secs(30)));
        });
        let service = self.router.into_make_service_with_connect_info::<SocketAddr>();
        let served = match self.tls {
            Some(tls) => {
                axum_server::from_tcp_rustls(self.listener, tls)
                    .handle(handle)
                    .serve(service)
                    .await
            }
            None => axum_server::from_tcp(self.listener).handle(handle).serve(service).await,
        };
        // Handlers are done; dropping the last sender lets the writer drain.
        let db = self.state.db.clone();
        drop(self.state);
        let _ = self.writer_task.await;
        if let Db::Sqlite(pool) = &db {
            // Leave a compact database behind: fold the WAL in.
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await;
        }
        db.close().await;
        tracing::info!("stopped");
        served
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// The app page may load only its own files (script, wasm, stylesheet),
/// talk only to this server, and never be framed. No inline script or
/// style and no `eval`: the boot script is `boot.js`, the stylesheet
/// `app.css`, and print/PDF go through wasm-bindgen (`web/browser.js`).
/// `'wasm-unsafe-eval'` allows compiling the app's WebAssembly only, not
/// evaluating JavaScript strings.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; object-src 'none'; \
    frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The app needs none of these; an injected script gets none either.
const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
    serial=(), bluetooth=(), midi=(), display-capture=(), interest-cohort=()";

/// Browsers remember to use HTTPS only for a year (set only when TLS is on:
/// over plain HTTP on loopback the header means nothing and is ignored).
const HSTS: &str = "max-age=31536000";

fn security_header(
    name: header::HeaderName,
    value: &'static str,
) -> tower_http::set_header::SetResponseHeaderLayer<header::HeaderValue> {
    tower_http::set_header::SetResponseHeaderLayer::overriding(name, header::HeaderValue::from_static(value))
}

pub fn router(state: AppState) -> Router {
    let limit = state.settings.max_body_bytes;
    let hsts = state.settings.tls;
    let api = Router::new()
        .merge(routes::sessions::router())
        .merge(routes::events::router())
        .merge(routes::cases::router())
        .merge(routes::lead::router())
        .merge(routes::audit::router())
        .merge(routes::openapi::router())
        .fallback(|| async { ApiError::NotFound })
        // Case data must not stay in a browser's or proxy's cache (the
        // phone may be lost); every API answer, errors too.
        .layer(security_header(header::CACHE_CONTROL, "no-store"));
    let base = routes::health::router().nest("/api/v1", api);
    // The field app's web build, when configured; everything else is a JSON 404.
    let base = match &state.settings.web_dir {
        Some(dir) => base.fallback_service(
            tower_http::services::ServeDir::new(dir)
                .fallback(tower_http::services::ServeFile::new(dir.join("index.html"))),
        ),
        None => base.fallback(|| async { ApiError::NotFound }),
    };
    base.method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(limit))
        .layer(security_header(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(security_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(security_header(header::REFERRER_POLICY, "no-referrer"))
        .layer(security_header(
            header::HeaderName::from_static("permissions-policy"),
            PERMISSIONS_POLICY,
        ))
        .layer(tower_http::set_header::SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            move |_: &axum::http::Response<_>| hsts.then(|| header::HeaderValue::from_static(HSTS)),
        ))
        .layer(
            // Route template, method, status and latency only: no URI query,
            // no headers, no bodies.
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    let route = req
                        .extensions()
                        .get::<MatchedPath>()
                        .map(|p| p.as_str().to_owned())
                        .unwrap_or_else(|| "unmatched".into());
                    tracing::info_span!("request", method = %req.method(), route)
                })
                .on_request(())
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}
