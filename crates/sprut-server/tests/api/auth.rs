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

/// A token has a name, a making day, a last use and an expiry; its owner lists and revokes
/// it, an administrator revokes anyone's, nobody else sees it; it stops at its expiry.
#[tokio::test]
async fn api_tokens_are_listed_revoked_and_expire() {
    use crate::support::NOW;
    use sprut_server::{AppState, Clock};
    let c = Company::new().await;
    let (s, made) = c
        .call(
            Method::POST,
            "/api/v1/tokens",
            None,
            Some(json!({"email": "rep1@firm.ru", "password": PASSWORD, "label": "1С"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{made}");
    let token = made["token"].as_str().unwrap().to_string();
    let id = made["id"].as_str().unwrap().to_string();
    assert_eq!(made["expires_at"], "2026-05-31T09:00:00Z", "90 days by default");
    assert_eq!(c.call(Method::GET, "/api/v1/me", Some(&token), None).await.0, StatusCode::OK);
    // The last use is noted in the background: wait for it a little.
    let (mut mine, mut listed) = (serde_json::Value::Null, serde_json::Value::Null);
    for _ in 0..100 {
        let (s, got) = c.call(Method::GET, "/api/v1/tokens", Some(&token), None).await;
        assert_eq!(s, StatusCode::OK);
        listed = got.as_array().unwrap().iter().find(|t| t["id"] == id.as_str()).expect("listed").clone();
        mine = got;
        if !listed["last_used_at"].is_null() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!((listed["label"].as_str(), listed["last_used_at"].as_str()), (Some("1С"), Some("2026-03-02T09:00:00Z")));
    assert!(listed.get("token").is_none() && !mine.to_string().contains(&token), "never shown again");

    // Another rep neither lists nor revokes it; an administrator lists it.
    let (s, _) = c.get(&format!("/api/v1/tokens?employee_id={}", c.rep1.employee.id), &c.rep2).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = c.delete(&format!("/api/v1/tokens/{id}"), &c.rep2).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, all) = c.get(&format!("/api/v1/tokens?employee_id={}", c.rep1.employee.id), &c.admin).await;
    assert_eq!((s, all.as_array().unwrap().len()), (StatusCode::OK, 2));

    // At its expiry it stops working.
    let later = AppState { clock: Clock::Fixed(NOW + time::Duration::days(90)), ..c.state.clone() };
    let app = sprut_server::app(later);
    let req = axum::http::Request::get("/api/v1/me")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(app, req).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    // Its owner revokes it: it stops at once.
    let (s, revoked) = c.call(Method::DELETE, &format!("/api/v1/tokens/{id}"), Some(&token), None).await;
    assert_eq!(s, StatusCode::OK, "{revoked}");
    assert_eq!(revoked["revoked_at"], "2026-03-02T09:00:00Z");
    let (s, body) = c.call(Method::GET, "/api/v1/me", Some(&token), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(body["message"].as_str().unwrap().contains("expired or revoked"), "{body}");
    // An administrator revokes rep 2's.
    let (s, theirs) = c.get(&format!("/api/v1/tokens?employee_id={}", c.rep2.employee.id), &c.admin).await;
    assert_eq!(s, StatusCode::OK);
    let rep2_token = theirs[0]["id"].as_str().unwrap().to_string();
    assert_eq!(c.delete(&format!("/api/v1/tokens/{rep2_token}"), &c.admin).await.0, StatusCode::OK);
    assert_eq!(c.get("/api/v1/me", &c.rep2).await.0, StatusCode::UNAUTHORIZED);
}

/// The tokens page: a new token is shown once, listed by its name, and revoked with a button.
#[tokio::test]
async fn the_tokens_page_makes_lists_and_revokes() {
    use crate::support::NOW;
    use sprut_core::store::prelude::*;
    use sprut_core::store::Session;
    use sprut_server::auth::{new_token, SESSION_COOKIE};
    let c = Company::new().await;
    let (cookie, hash) = new_token();
    let (csrf, _) = new_token();
    let session = Session {
        token_hash: hash,
        employee_id: c.rep1.employee.id,
        csrf_token: csrf.clone(),
        expires_at: NOW + time::Duration::hours(1),
    };
    c.state.store.create_session(&sprut_core::Actor::system(NOW), session).await.unwrap();
    let page = |method: &str, uri: &str, form: Option<String>| {
        let app = c.app.clone();
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .header("cookie", format!("{SESSION_COOKIE}={cookie}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form.map(Body::from).unwrap_or_default())
            .unwrap();
        async move {
            let res = tower::ServiceExt::oneshot(app, req).await.unwrap();
            let status = res.status();
            let bytes = axum::body::to_bytes(res.into_body(), 1 << 24).await.unwrap();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        }
    };
    let (s, html) =
        page("POST", "/tokens", Some(format!("csrf={csrf}&label=%D0%B2%D1%8B%D0%B3%D1%80%D1%83%D0%B7%D0%BA%D0%B0")))
            .await;
    assert_eq!(s, StatusCode::OK);
    let token = html.split("<code>").nth(1).and_then(|r| r.split("</code>").next()).expect("shown once").to_string();
    assert!(html.contains("выгрузка") && html.contains("/revoke"), "{html}");
    assert_eq!(c.call(Method::GET, "/api/v1/me", Some(&token), None).await.0, StatusCode::OK);
    let (_, again) = page("GET", "/tokens", None).await;
    assert!(!again.contains(&token), "never shown again");
    let mine = c.state.store.tokens(Some(c.rep1.employee.id)).await.unwrap();
    let made = mine.iter().find(|t| t.label == "выгрузка").unwrap();
    let (s, _) = page("POST", &format!("/tokens/{}/revoke", made.id), Some(format!("csrf={csrf}"))).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(c.call(Method::GET, "/api/v1/me", Some(&token), None).await.0, StatusCode::UNAUTHORIZED);
    let (_, after) = page("GET", "/tokens?revoked=1", None).await;
    assert!(after.contains("Токен отозван") && after.contains("отозван "), "{after}");
}
