//! A company in a fresh SQLite file, and a way to call the API on it.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{json, Value};
use sprut_core::employee::{Department, Employee, NewEmployee, Role};
use sprut_core::store::prelude::*;
use sprut_core::team::NewTeam;
use sprut_core::Actor;
use sprut_server::auth::{hash_password, new_token};
use sprut_server::{AppState, Clock};
use sprut_store::Db;
use time::macros::datetime;
use time::{Date, OffsetDateTime};
use tower::ServiceExt;

/// The fixed "now" of every test.
pub const NOW: OffsetDateTime = datetime!(2026-03-02 09:00 UTC);
/// Password of the admin and the first rep.
pub const PASSWORD: &str = "s3cret-pass";

/// A signed-up employee and an API token for them.
pub struct Person {
    pub employee: Employee,
    pub token: String,
}

/// A company: an admin, a head of a team with two reps, an auditor, a legal staff member.
pub struct Company {
    pub _dir: tempfile::TempDir,
    pub state: AppState,
    pub app: axum::Router,
    pub admin: Person,
    pub head: Person,
    pub rep1: Person,
    pub rep2: Person,
    pub auditor: Person,
    pub staff: Person,
}

impl Company {
    pub async fn new() -> Company {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("sprut.db").display());
        let db = Db::open(&url).await.unwrap();
        let state = AppState::with_clock(db, Clock::Fixed(NOW));
        let sys = Actor::system(NOW);
        let store = &*state.store;
        let admin = person(&state, "admin@firm.ru", Role::Admin, None, true).await;
        let head = person(&state, "head@firm.ru", Role::Head, None, false).await;
        let team =
            store.create_team(&sys, NewTeam { name: "Москва".into(), head_id: Some(head.employee.id) }).await.unwrap();
        let mut rep1 = person(&state, "rep1@firm.ru", Role::Rep, None, true).await;
        let mut rep2 = person(&state, "rep2@firm.ru", Role::Rep, None, false).await;
        for rep in [&mut rep1, &mut rep2] {
            let patch = serde_json::from_value(json!({ "team_id": team.id })).unwrap();
            rep.employee = store.update_employee(&sys, rep.employee.id, patch).await.unwrap();
        }
        let auditor = person(&state, "audit@firm.ru", Role::Auditor, None, false).await;
        let staff = person(&state, "legal@firm.ru", Role::Staff, Some(Department::Legal), false).await;
        let app = sprut_server::app(state.clone());
        Company { _dir: dir, state, app, admin, head, rep1, rep2, auditor, staff }
    }

    /// Calls the app; `token` goes in `Authorization: Bearer`.
    pub async fn call(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let req = match body {
            Some(b) => req.header("content-type", "application/json").body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        };
        self.send(req.unwrap()).await
    }

    /// Sends a prepared request and reads the JSON answer (`null` when empty).
    pub async fn send(&self, req: Request<Body>) -> (StatusCode, Value) {
        let res = self.app.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), 16 << 20).await.unwrap();
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        (status, value)
    }

    pub async fn get(&self, uri: &str, who: &Person) -> (StatusCode, Value) {
        self.call(Method::GET, uri, Some(&who.token), None).await
    }

    pub async fn post(&self, uri: &str, who: &Person, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, uri, Some(&who.token), Some(body)).await
    }

    pub async fn patch(&self, uri: &str, who: &Person, body: Value) -> (StatusCode, Value) {
        self.call(Method::PATCH, uri, Some(&who.token), Some(body)).await
    }

    /// Posts a UI form (`a=1&b=2`) as `who` (by his token, which needs no CSRF field): the
    /// status and the page.
    pub async fn form(&self, uri: &str, who: &Person, form: &str) -> (StatusCode, String) {
        let req = axum::http::Request::post(uri)
            .header("authorization", format!("Bearer {}", who.token))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(form.to_string()))
            .unwrap();
        let res = tower::ServiceExt::oneshot(self.app.clone(), req).await.unwrap();
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 24).await.unwrap();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Creates a client as the admin (unheld) and returns its id.
    pub async fn client(&self, name: &str) -> String {
        let (s, body) = self.post("/api/v1/clients", &self.admin, json!({ "name": name })).await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        body["id"].as_str().unwrap().to_string()
    }

    /// Creates a client held by `rep` (created by the rep) and returns its id.
    pub async fn rep_client(&self, rep: &Person, name: &str) -> String {
        let (s, body) = self.post("/api/v1/clients", rep, json!({ "name": name })).await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        body["id"].as_str().unwrap().to_string()
    }
}

/// Creates an employee with an API token (and the shared password when `with_password`).
async fn person(
    state: &AppState,
    email: &str,
    role: Role,
    department: Option<Department>,
    with_password: bool,
) -> Person {
    let sys = Actor::system(NOW);
    let new = NewEmployee {
        email: email.into(),
        name: email.split('@').next().unwrap_or(email).into(),
        role,
        department,
        team_id: None,
        region: None,
        capacity: None,
        specialisation: None,
        language: None,
    };
    let hash = with_password.then(|| hash_password(PASSWORD).unwrap());
    let employee = state.store.create_employee(&sys, new, hash).await.unwrap();
    let (token, token_hash) = new_token();
    state
        .store
        .create_token(&sys, employee.id, token_hash, "test".into(), NOW + time::Duration::days(90))
        .await
        .unwrap();
    Person { employee, token }
}

/// A date as this build writes it in JSON.
pub fn date(d: Date) -> Value {
    serde_json::to_value(d).unwrap()
}

/// The field names of a validation error body.
pub fn fields(body: &Value) -> Vec<String> {
    body["fields"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["field"].as_str().map(String::from)).collect())
        .unwrap_or_default()
}

impl Company {
    pub async fn put_json(&self, uri: &str, who: &Person, body: Value) -> (StatusCode, Value) {
        self.call(Method::PUT, uri, Some(&who.token), Some(body)).await
    }

    /// Another employee with an API token (no password).
    pub async fn person(&self, email: &str, role: Role) -> Person {
        person(&self.state, email, role, None, false).await
    }

    /// The same company seen through another state or app (e.g. a later clock); the
    /// temporary directory stays with the original.
    pub fn shallow(&self) -> Company {
        let dir = tempfile::tempdir().unwrap();
        let p = |x: &Person| Person { employee: x.employee.clone(), token: x.token.clone() };
        Company {
            _dir: dir,
            state: self.state.clone(),
            app: self.app.clone(),
            admin: p(&self.admin),
            head: p(&self.head),
            rep1: p(&self.rep1),
            rep2: p(&self.rep2),
            auditor: p(&self.auditor),
            staff: p(&self.staff),
        }
    }

    pub async fn delete(&self, uri: &str, who: &Person) -> (StatusCode, Value) {
        self.call(Method::DELETE, uri, Some(&who.token), None).await
    }
}
