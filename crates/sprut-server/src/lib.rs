//! sprut's HTTP server: the JSON API under `/api/v1`, the server-rendered web UI,
//! sign-in, and the process that serves them.

pub mod api;
pub mod auth;
pub mod calendar;
pub mod error;
pub mod export;
pub mod guard;
pub mod headers;
pub mod health;
pub mod import;
pub mod jobs;
pub mod mail;
pub mod metrics;
pub mod serve;
pub mod state;
pub mod ui;
pub mod uploads;
pub mod zone;

pub use state::{AppState, Clock};

/// The whole application: API, UI and health check, with their layers.
pub fn app(state: AppState) -> axum::Router {
    axum::Router::new()
        .route("/healthz", axum::routing::get(health::healthz))
        .route("/readyz", axum::routing::get(health::readyz))
        .route("/metrics", axum::routing::get(metrics::with_token))
        .merge(api::router())
        .merge(ui::router())
        .layer(axum::middleware::from_fn(headers::secure))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(error::panic_response))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}
