//! `/healthz` and `/readyz`: for load balancers and process supervisors. Both ask the database;
//! neither needs signing in, and neither shows more than the engine and the schema's version.

use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use sprut_store::Engine;

/// What the health checks answer.
#[derive(Debug, Serialize)]
pub struct HealthBody {
    /// `ok`, or what is wrong.
    pub status: String,
    /// `sqlite` or `postgresql`.
    pub engine: &'static str,
    /// The newest migration applied to the database.
    pub schema_version: i64,
}

fn engine_name(e: Engine) -> &'static str {
    match e {
        Engine::Sqlite => "sqlite",
        Engine::Postgres => "postgresql",
    }
}

/// `GET /healthz`: 200 once a query reached the database, 503 when it could not.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<HealthBody>) {
    check(&state, false).await
}

/// `GET /readyz`: like `/healthz`, and 503 while the database's schema is not the one this
/// build serves (migrations pending or under way, or a newer build migrated it).
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<HealthBody>) {
    check(&state, true).await
}

async fn check(state: &AppState, readiness: bool) -> (StatusCode, Json<HealthBody>) {
    let engine = engine_name(state.store.engine());
    match state.store.health().await {
        Ok(h) if readiness && !h.ready() => {
            let status = format!(
                "not ready: {} migration(s) pending, {} unknown to this build, {} unfinished",
                h.pending, h.unknown, h.failed
            );
            (StatusCode::SERVICE_UNAVAILABLE, Json(HealthBody { status, engine, schema_version: h.schema_version }))
        }
        Ok(h) => (StatusCode::OK, Json(HealthBody { status: "ok".into(), engine, schema_version: h.schema_version })),
        Err(e) => {
            tracing::error!(error = %e, "health check: the database does not answer");
            let status = "the database does not answer".to_string();
            (StatusCode::SERVICE_UNAVAILABLE, Json(HealthBody { status, engine, schema_version: 0 }))
        }
    }
}
