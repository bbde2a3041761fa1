//! The OpenAPI document matches the router; errors never leak internals.

use crate::support::Company;
use axum::http::{Method, StatusCode};
use axum::response::IntoResponse;
use std::collections::BTreeSet;

/// (METHOD, path) of every operation in a document.
fn operations(doc: &serde_json::Value) -> BTreeSet<(String, String)> {
    let mut ops = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, _) in item.as_object().unwrap() {
            if ["get", "put", "post", "patch", "delete"].contains(&method.as_str()) {
                ops.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    ops
}

#[tokio::test]
async fn the_document_lists_every_route_and_every_route_answers() {
    let c = Company::new().await;
    let (s, served) = c.call(Method::GET, "/api/v1/openapi.json", None, None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(served["components"]["securitySchemes"]["bearer"].is_object(), "bearer scheme");
    // The served document is the one the router was built from.
    let built = serde_json::to_value(sprut_server::api::openapi()).unwrap();
    let ops = operations(&served);
    assert_eq!(ops, operations(&built));
    for expected in [
        ("GET", "/api/v1/me"),
        ("POST", "/api/v1/tokens"),
        ("GET", "/api/v1/clients/{id}/holder"),
        ("PUT", "/api/v1/clients/{id}/account-team/{department}"),
        ("DELETE", "/api/v1/clients/{id}/account-team/{department}"),
        ("PUT", "/api/v1/settings"),
    ] {
        assert!(ops.contains(&(expected.0.to_string(), expected.1.to_string())), "{expected:?} missing");
    }
    assert!(ops.len() >= 36, "{} operations", ops.len());
    // Every documented operation is routed: without credentials it answers 401, never 404/405.
    let id = sprut_core::ClientId::new().to_string();
    for (method, path) in &ops {
        let uri = path.replace("{id}", &id).replace("{department}", "legal");
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let (s, body) = c.call(method.clone(), &uri, None, None).await;
        match path.as_str() {
            "/api/v1/openapi.json" => assert_eq!(s, StatusCode::OK),
            "/api/v1/tokens" => {
                assert!(s.is_client_error() && s != StatusCode::NOT_FOUND && s != StatusCode::METHOD_NOT_ALLOWED, "{s}")
            }
            _ => assert_eq!(s, StatusCode::UNAUTHORIZED, "{method} {uri}: {body}"),
        }
    }
    // Filters are documented as query parameters.
    let params = &served["paths"]["/api/v1/clients"]["get"]["parameters"];
    let tier = params.as_array().unwrap().iter().find(|p| p["name"] == "tier").unwrap();
    assert_eq!(tier["in"], "query");
}

#[tokio::test]
async fn a_storage_failure_is_a_plain_500() {
    let c = Company::new().await;
    c.state.store.close().await;
    let (s, body) = c.get("/api/v1/clients", &c.admin).await;
    assert_eq!(s, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body["code"], "internal");
    assert_eq!(body["message"], "internal error; it has been logged");
    let text = body.to_string().to_lowercase();
    for secret in ["pool", "sqlx", "sqlite", "closed", "storage"] {
        assert!(!text.contains(secret), "{text}");
    }
}

#[tokio::test]
async fn a_panic_is_a_plain_500() {
    let res = sprut_server::error::panic_response(Box::new("index out of bounds in secret_fn"));
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 16).await.unwrap();
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(!text.contains("secret_fn"), "{text}");
    assert!(text.contains("\"code\":\"internal\""), "{text}");
    let err = sprut_server::error::AppError::internal("db password is hunter2").into_response();
    let bytes = axum::body::to_bytes(err.into_body(), 1 << 16).await.unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("hunter2"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_real_server_answers_over_tcp() {
    let c = Company::new().await;
    let (addr, task) = sprut_server::serve::spawn(c.state.clone()).await.unwrap();
    let token = c.admin.token.clone();
    let (anonymous, me) = tokio::task::spawn_blocking(move || {
        let anonymous = match ureq::get(&format!("http://{addr}/api/v1/me")).call() {
            Err(ureq::Error::Status(code, res)) => (code, res.into_string().unwrap_or_default()),
            other => panic!("expected 401, got {other:?}"),
        };
        let me: serde_json::Value = ureq::get(&format!("http://{addr}/api/v1/me"))
            .set("authorization", &format!("Bearer {token}"))
            .call()
            .unwrap()
            .into_json()
            .unwrap();
        (anonymous, me)
    })
    .await
    .unwrap();
    task.abort();
    assert_eq!(anonymous.0, 401);
    assert!(anonymous.1.contains("\"code\":\"unauthorized\""), "{}", anonymous.1);
    assert_eq!(me["employee"]["email"], "admin@firm.ru");
}

/// Every enum of the document lists the spellings the server speaks: `"call"` is documented
/// and accepted, `"Call"` is neither.
#[tokio::test]
async fn documented_enums_are_the_wire_spellings() {
    let doc = serde_json::to_value(sprut_server::api::openapi()).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let enums: Vec<(&String, &serde_json::Value)> = schemas.iter().filter(|(_, s)| s["enum"].is_array()).collect();
    assert!(enums.len() >= 27, "{}", enums.len());
    for (name, s) in enums {
        for v in s["enum"].as_array().unwrap() {
            let v = v.as_str().unwrap();
            assert!(v.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'), "{name}: {v}");
        }
    }
    let kinds: Vec<&str> =
        schemas["ActivityKind"]["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    let wire: Vec<&str> = sprut_core::activity::ActivityKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(kinds, wire);
}

/// A page longer than the documented maximum is refused, not silently cut.
#[tokio::test]
async fn a_limit_past_the_maximum_is_refused() {
    let c = Company::new().await;
    let (s, body) = c.get("/api/v1/clients?limit=501", &c.admin).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["message"].as_str().unwrap().contains("'limit': must be from 1 to 500"), "{body}");
    assert_eq!(c.get("/api/v1/clients?limit=500", &c.admin).await.0, StatusCode::OK);
    let doc = serde_json::to_value(sprut_server::api::openapi()).unwrap();
    let params = doc["paths"]["/api/v1/clients"]["get"]["parameters"].as_array().unwrap();
    let limit = params.iter().find(|p| p["name"] == "limit").unwrap();
    assert_eq!((limit["schema"]["maximum"].as_u64(), limit["schema"]["minimum"].as_u64()), (Some(500), Some(1)));
}

/// Health answers after a query reached the database; readiness fails while the schema is not
/// this build's (here: a migration of a newer build in the table).
#[tokio::test]
async fn health_and_readiness_ask_the_database() {
    let c = Company::new().await;
    let (s, h) = c.call(Method::GET, "/healthz", None, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!((h["status"].as_str(), h["engine"].as_str()), (Some("ok"), Some("sqlite")));
    assert!(h["schema_version"].as_i64().unwrap() >= 7, "{h}");
    assert_eq!(c.call(Method::GET, "/readyz", None, None).await.0, StatusCode::OK);
    c.state
        .store
        .execute_raw(
            "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
             VALUES (99999, 'from a newer build', CURRENT_TIMESTAMP, 1, x'00', 0)",
        )
        .await
        .unwrap();
    let (s, r) = c.call(Method::GET, "/readyz", None, None).await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{r}");
    assert!(r["status"].as_str().unwrap().contains("1 unknown to this build"), "{r}");
    assert_eq!(c.call(Method::GET, "/healthz", None, None).await.0, StatusCode::OK, "alive, though not ready");
}

/// /metrics: hidden without a metrics token, refused with a wrong one, and in the Prometheus
/// text format with it: requests by route pattern and status, pools, outbox, alerts, jobs.
#[tokio::test]
async fn metrics_need_their_token_and_count_by_route() {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;
    let c = Company::new().await;
    assert_eq!(c.call(Method::GET, "/metrics", None, None).await.0, StatusCode::NOT_FOUND);
    let mut state = c.state.clone();
    state.metrics.token = Some("m-secret".into());
    let app = sprut_server::app(state.clone());
    let scrape = |token: &'static str| {
        let app = app.clone();
        async move {
            let req = Request::get("/metrics").header("authorization", format!("Bearer {token}")).body(Body::empty());
            let res = app.oneshot(req.unwrap()).await.unwrap();
            let status = res.status();
            (status, String::from_utf8(axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap().to_vec()).unwrap())
        }
    };
    assert_eq!(scrape("wrong").await.0, StatusCode::UNAUTHORIZED);
    let req = Request::get(format!("/api/v1/clients/{}", sprut_core::ClientId::new()))
        .header("authorization", format!("Bearer {}", c.admin.token))
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.clone().oneshot(req).await.unwrap().status(), StatusCode::NOT_FOUND);
    sprut_server::jobs::run_once(&state).await;
    let (s, text) = scrape("m-secret").await;
    assert_eq!(s, StatusCode::OK);
    for expected in [
        r#"sprut_http_requests_total{method="GET",route="/api/v1/clients/{id}",status="404"} 1"#,
        r#"sprut_http_request_duration_seconds_count{method="GET",route="/api/v1/clients/{id}"} 1"#,
        r#"sprut_db_pool_connections{name="write"}"#,
        r#"sprut_outbox_messages{name="pending"} 1"#,
        "sprut_alerts_open 0",
        r#"sprut_job_last_run_timestamp_seconds{name="rotation"}"#,
        r#"sprut_job_duration_seconds{name="rotation"}"#,
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}
