//! `/metrics` in the Prometheus text format: requests by route and status with their latency,
//! the database pools, the daily jobs, the outbox and open alerts. Shown only with the metrics
//! token, or on a listener of its own meant for loopback (`sprut serve --metrics-listen`).

use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use sprut_core::mail::MailStore;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Instant;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct NameLabel {
    name: String,
}

type Seconds = Gauge<f64, AtomicU64>;

/// The server's metrics.
#[derive(Clone)]
pub struct Metrics {
    registry: Arc<Registry>,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    pool_size: Family<NameLabel, Gauge>,
    pool_idle: Family<NameLabel, Gauge>,
    job_last_run: Family<NameLabel, Seconds>,
    job_duration: Family<NameLabel, Seconds>,
    outbox: Family<NameLabel, Gauge>,
    alerts_open: Gauge,
    /// The bearer token `/metrics` asks for on the main listener; `None` hides it there.
    pub token: Option<String>,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("sprut");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.001, 2.0, 15))
        });
        let (pool_size, pool_idle) = (Family::default(), Family::default());
        let (job_last_run, job_duration) = (Family::default(), Family::default());
        let (outbox, alerts_open) = (Family::default(), Gauge::default());
        registry.register("http_requests", "Requests answered, by route and status", requests.clone());
        registry.register("http_request_duration_seconds", "Time to answer, by route", latency.clone());
        registry.register("db_pool_connections", "Connections open, by pool", pool_size.clone());
        registry.register("db_pool_idle_connections", "Connections idle, by pool", pool_idle.clone());
        registry.register("job_last_run_timestamp_seconds", "When each daily job last started", job_last_run.clone());
        registry.register(
            "job_duration_seconds",
            "How long each job took when this server last ran it",
            job_duration.clone(),
        );
        registry.register("outbox_messages", "Letters in the outbox, by status", outbox.clone());
        registry.register("alerts_open", "Alerts not closed yet", alerts_open.clone());
        Self {
            registry: Arc::new(registry),
            requests,
            latency,
            pool_size,
            pool_idle,
            job_last_run,
            job_duration,
            outbox,
            alerts_open,
            token: None,
        }
    }
}

impl Metrics {
    /// Notes that `job` took `seconds` on this server.
    pub fn job_ran(&self, job: &str, seconds: f64) {
        self.job_duration.get_or_create(&NameLabel { name: job.into() }).set(seconds);
    }

    /// Reads the gauges from the database and writes everything in the text format.
    async fn render(&self, state: &AppState) -> Result<String, String> {
        for (name, size, idle) in state.store.pool_use() {
            let label = NameLabel { name: name.into() };
            self.pool_size.get_or_create(&label).set(i64::from(size));
            self.pool_idle.get_or_create(&label).set(idle as i64);
        }
        let (open, jobs) = state.store.operations().await.map_err(|e| e.to_string())?;
        self.alerts_open.set(open);
        for (job, at) in jobs {
            self.job_last_run.get_or_create(&NameLabel { name: job }).set(at.unix_timestamp() as f64);
        }
        let counts = state.store.outbox_counts().await.map_err(|e| e.to_string())?;
        for (status, n) in [("pending", counts.pending), ("sent", counts.sent), ("failed", counts.failed)] {
            self.outbox.get_or_create(&NameLabel { name: status.into() }).set(n);
        }
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &self.registry).map_err(|e| e.to_string())?;
        Ok(out)
    }
}

/// Counts every request and its latency under its route's pattern (never the raw path).
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let method = req.method().to_string();
    let route = req.extensions().get::<MatchedPath>().map_or("unmatched", |p| p.as_str()).to_string();
    let started = Instant::now();
    let res = next.run(req).await;
    let m = &state.metrics;
    let status = res.status().as_u16();
    m.requests.get_or_create(&RequestLabels { method: method.clone(), route: route.clone(), status }).inc();
    m.latency.get_or_create(&RouteLabels { method, route }).observe(started.elapsed().as_secs_f64());
    res
}

/// `GET /metrics` on the main listener: with `Authorization: Bearer <metrics token>` only.
pub async fn with_token(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = state.metrics.token.as_deref() else { return StatusCode::NOT_FOUND.into_response() };
    let sent = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if sent.is_none_or(|s| !crate::auth::same_secret(s, token)) {
        return (StatusCode::UNAUTHORIZED, "send the metrics token as Authorization: Bearer\n").into_response();
    }
    open(State(state)).await
}

/// `GET /metrics` on the metrics listener.
pub async fn open(State(state): State<AppState>) -> Response {
    match state.metrics.render(&state).await {
        Ok(text) => ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], text).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "metrics could not be read");
            (StatusCode::SERVICE_UNAVAILABLE, "metrics could not be read; see the server log\n").into_response()
        }
    }
}

/// The router of the metrics listener: `/metrics` without a token.
pub fn router(state: AppState) -> axum::Router {
    axum::Router::new().route("/metrics", axum::routing::get(open)).with_state(state)
}
