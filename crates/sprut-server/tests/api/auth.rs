//! Signing in: bearer tokens, sessions, CSRF, departed employees.

use crate::support::{Company, PASSWORD};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;

#[tokio::test]
async fn no_or_bad_credentials_are_401_json() {
    let c = Company::new().await;
    let (s, body) = c.call(Method::GET, "/api/v1/me", None, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthorized");
    let (s, _) = c.call(Method::GET, "/api/v1/clients", Some("not-a-token"), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let req = Request::get("/api/v1/me").header("authorization", "Basic abc").body(Body::empty()).unwrap();
    let (s, body) = c.send(req).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(body["message"].as_str().unwrap().contains("Bearer"));
}

#[tokio::test]
async fn tokens_are_issued_for_the_right_password_only() {
    let c = Company::new().await;
    let (s, body) = c
        .call(
            Method::POST,
            "/api/v1/tokens",
            None,
            Some(json!({"email": "ADMIN@firm.ru", "password": PASSWORD, "label": "script"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let token = body["token"].as_str().unwrap().to_string();
    let (s, me) = c.call(Method::GET, "/api/v1/me", Some(&token), None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(me["employee"]["email"], "admin@firm.ru");
    assert_eq!(me["csrf_token"], serde_json::Value::Null);

    let wrong = c
        .call(Method::POST, "/api/v1/tokens", None, Some(json!({"email": "admin@firm.ru", "password": "nope-nope"})))
        .await;
    let unknown = c
        .call(Method::POST, "/api/v1/tokens", None, Some(json!({"email": "ghost@firm.ru", "password": "nope-nope"})))
        .await;
    assert_eq!(wrong.0, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.0, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.1, unknown.1, "same answer whether the account exists or not");
    // An employee without a password cannot get a token either.
    let nopw =
        c.call(Method::POST, "/api/v1/tokens", None, Some(json!({"email": "head@firm.ru", "password": ""}))).await;
    assert_eq!(nopw.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn cookie_sessions_need_the_csrf_header_to_change_things() {
    let c = Company::new().await;
    let signed = sprut_server::auth::sign_in(&c.state, "admin@firm.ru", PASSWORD, &Default::default()).await.unwrap();
    assert!(signed.set_cookie.contains("HttpOnly") && signed.set_cookie.contains("SameSite=Lax"));
    let cookie = signed.set_cookie.split(';').next().unwrap().to_string();

    let req = Request::get("/api/v1/me").header("cookie", &cookie).body(Body::empty()).unwrap();
    let (s, me) = c.send(req).await;
    assert_eq!(s, StatusCode::OK);
    let csrf = me["csrf_token"].as_str().unwrap().to_string();

    let post = |csrf: Option<&str>| {
        let mut r =
            Request::post("/api/v1/clients").header("cookie", &cookie).header("content-type", "application/json");
        if let Some(t) = csrf {
            r = r.header("x-csrf-token", t);
        }
        r.body(Body::from(json!({"name": "Ромашка"}).to_string())).unwrap()
    };
    let (s, body) = c.send(post(None)).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{body}");
    let (s, _) = c.send(post(Some("forged"))).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, body) = c.send(post(Some(&csrf))).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");

    let mut headers = axum::http::HeaderMap::new();
    headers.insert("cookie", cookie.parse().unwrap());
    let cleared = sprut_server::auth::sign_out(&c.state, &headers).await;
    assert!(cleared.contains("Max-Age=0"));
    let req = Request::get("/api/v1/me").header("cookie", &cookie).body(Body::empty()).unwrap();
    assert_eq!(c.send(req).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn wrong_password_sign_in_is_refused() {
    let c = Company::new().await;
    let err = sprut_server::auth::sign_in(&c.state, "admin@firm.ru", "wrong", &Default::default()).await.unwrap_err();
    assert_eq!(err.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(err.message(), "wrong e-mail or password");
}

#[tokio::test]
async fn departed_employees_are_refused() {
    let c = Company::new().await;
    let uri = format!("/api/v1/employees/{}", c.rep2.employee.id);
    let (s, body) = c.patch(&uri, &c.admin, json!({"status": "departed"})).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let (s, _) = c.get("/api/v1/me", &c.rep2).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}
