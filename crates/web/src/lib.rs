//! Steady's web app: phone-first HTML pages and the JSON API, on one router.
//!
//! [`Server::build`] opens the store, loads (or creates) the master key and binds the listener;
//! [`Server::run`] serves until the shutdown future resolves, letting requests in flight finish.
//! Tests build it on port 0 with a fresh database and talk to it over real HTTP.
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! use steady_web::{config::Config, Server};
//!
//! let mut config = Config::default();
//! config.listen = "127.0.0.1:0".parse()?;
//! config.data_dir = "/tmp/steady-demo".into();
//! let server = Server::build(config).await?;
//! println!("listening on {}", server.local_addr());
//! server.run(std::future::pending()).await?;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod api;
mod assets;
mod auth;
mod bids;
mod coach;
pub mod config;
mod error;
mod forms;
mod moment_pages;
mod moments;
mod pages;
mod password;
mod plan;
mod ratelimit;
mod security;
mod state;

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context as _;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::Response;
use axum::routing::get;
use axum::Router;
use steady_core::{NewPassword, TimeZoneName, Username};
use steady_store::{MasterKey, Store};
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;
use tracing::Span;

pub use api::openapi_document;
pub use config::Config;
pub use error::ApiError;
pub use password::Hasher;
use state::AppState;

/// Largest request body accepted, in bytes. Journal entries are short; this bounds the work a
/// single request can cause.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// A built server, bound to its address and ready to run.
pub struct Server {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

/// Opens the store and the master key described by `config`, creating the data folder,
/// database and key on first use.
pub async fn open(config: &Config) -> anyhow::Result<(Store, MasterKey)> {
    create_private_dir(&config.data_dir).with_context(|| {
        format!(
            "cannot create the data folder {}",
            config.data_dir.display()
        )
    })?;
    let master = MasterKey::load_or_create(&config.master_key_path())?;
    let url = config.database();
    let store = Store::connect(&url)
        .await
        .with_context(|| format!("cannot open the database at {url}"))?;
    Ok((store, master))
}

/// Creates the data folder readable only by its owner (an existing folder is left as it is).
fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    if dir.exists() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

impl Server {
    /// Opens everything and binds the listener.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let (store, master) = open(&config).await?;
        let hasher = Hasher::new(hash_parallelism())?;
        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("cannot listen on {}", config.listen))?;
        let state = AppState::new(store, master, config, hasher);
        let router = router(state.clone());
        Ok(Self {
            listener,
            router,
            state,
        })
    }

    /// The address the server listens on (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// The store the server uses.
    pub fn store(&self) -> &Store {
        &self.state.store
    }

    /// Serves until `shutdown` resolves; requests in flight finish before it returns.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let state = self.state.clone();
        let sweeper = tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(60));
            loop {
                every.tick().await;
                state.limits.forget_idle();
            }
        });
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .context("the server stopped with an error")?;
        sweeper.abort();
        self.state.store.close().await;
        Ok(())
    }
}

fn hash_parallelism() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
}

fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .merge(api::routes())
        .merge(moments::routes())
        .merge(coach::routes())
        .merge(moment_pages::routes())
        .merge(bids::routes())
        .merge(plan::routes())
        .route("/healthz", get(api::health))
        .route("/assets/steady.css", get(assets::css))
        .route("/assets/steady.js", get(assets::js))
        .route("/assets/icon.svg", get(assets::icon))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::same_origin,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(
            // Logs the route template, never the path or query: ids and text stay out of logs.
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    let route = request
                        .extensions()
                        .get::<MatchedPath>()
                        .map(MatchedPath::as_str)
                        .unwrap_or("unmatched");
                    tracing::info_span!("request", method = %request.method(), route)
                })
                .on_request(())
                .on_response(|response: &Response<_>, latency: Duration, _span: &Span| {
                    tracing::info!(
                        status = response.status().as_u16(),
                        latency_ms = latency.as_secs_f64() * 1000.0,
                        "response"
                    );
                })
                .on_failure(()),
        )
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .with_state(state)
}

/// Creates an account from the command line (`steady user add`), even when sign-ups are closed.
pub async fn add_user(
    config: &Config,
    username: &str,
    password: String,
    time_zone: Option<&str>,
) -> anyhow::Result<String> {
    let (store, master) = open(config).await?;
    let username = Username::parse(username).map_err(|e| anyhow::anyhow!(e.message))?;
    let password =
        NewPassword::parse_for(password, &username).map_err(|e| anyhow::anyhow!(e.message))?;
    let time_zone = match time_zone {
        Some(tz) => TimeZoneName::parse(tz).map_err(|e| anyhow::anyhow!(e.message))?,
        None => TimeZoneName::utc(),
    };
    let state = AppState::new(store.clone(), master, config.clone(), Hasher::new(1)?);
    let result = auth::create_account(&state, username, password, time_zone).await;
    store.close().await;
    match result {
        Ok(user) => Ok(user.username.to_string()),
        Err(auth::CreateAccountError::Taken) => anyhow::bail!("that username is taken"),
        Err(auth::CreateAccountError::Internal(e)) => Err(e),
    }
}
