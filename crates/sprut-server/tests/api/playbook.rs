//! A full offboarding of a demo rep through the API: every client planned, the at-risk list
//! right on crafted cases, the plan applied, every checklist closed by the people whose part
//! it is, notices in the outbox, the playbook completed and the rep's account closed after
//! his last day.

use crate::support::{date, NOW};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{json, Value};
use sprut_core::employee::{EmployeeStatus, Language, Role};
use sprut_core::outbox::{MessageKind, OutboxFilter, OutboxStore};
use sprut_core::page::PageRequest;
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::{Actor, EmployeeId};
use sprut_server::{AppState, Clock};
use sprut_store::Db;
use std::collections::HashMap;
use time::Duration;
use tower::ServiceExt;

/// The demo company over a real SQLite file, with a token for everyone who may sign in.
pub(crate) struct Demo {
    _dir: tempfile::TempDir,
    pub(crate) state: AppState,
    tokens: HashMap<EmployeeId, String>,
}

impl Demo {
    /// A page of the UI as `who` gets it (`form`: posted as a form): its status and HTML.
    pub(crate) async fn page(&self, uri: &str, who: EmployeeId, form: Option<&str>) -> (StatusCode, String) {
        let req = Request::builder()
            .method(if form.is_some() { Method::POST } else { Method::GET })
            .uri(uri)
            .header("authorization", format!("Bearer {}", self.tokens[&who]))
            .header("content-type", "application/x-www-form-urlencoded");
        let body = Body::from(form.unwrap_or_default().to_string());
        let res = sprut_server::app(self.state.clone()).oneshot(req.body(body).unwrap()).await.unwrap();
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 26).await.unwrap();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    /// An API call as `who` with an optional JSON body: its status and JSON.
    pub(crate) async fn call(
        &self,
        method: Method,
        uri: &str,
        who: EmployeeId,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req =
            Request::builder().method(method).uri(uri).header("authorization", format!("Bearer {}", self.tokens[&who]));
        let body = match body {
            Some(b) => {
                req = req.header("content-type", "application/json");
                Body::from(b.to_string())
            }
            None => Body::empty(),
        };
        let res = sprut_server::app(self.state.clone()).oneshot(req.body(body).unwrap()).await.unwrap();
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 26).await.unwrap();
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }
}

/// The demo company of seed 7 as of `NOW`, and its data.
pub(crate) async fn demo() -> (Demo, sprut_core::dataset::Dataset) {
    demo_of(sprut_demo::generate(7, NOW.date())).await
}

/// The same with everyone speaking `lang`.
pub(crate) async fn demo_in(lang: Language) -> (Demo, sprut_core::dataset::Dataset) {
    let mut data = sprut_demo::generate(7, NOW.date());
    data.employees.iter_mut().for_each(|e| e.language = lang);
    demo_of(data).await
}

async fn demo_of(mut data: sprut_core::dataset::Dataset) -> (Demo, sprut_core::dataset::Dataset) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("demo.db").display());
    let db = Db::open(&url).await.unwrap();
    data.passwords.clear();
    db.load_dataset(&Actor::system(NOW), &data).await.unwrap();
    let mut tokens = HashMap::new();
    for e in data.employees.iter().filter(|e| e.can_sign_in()) {
        let (token, hash) = sprut_server::auth::new_token();
        db.create_token(&Actor::system(NOW), e.id, hash, "test".into(), NOW + time::Duration::days(90)).await.unwrap();
        tokens.insert(e.id, token);
    }
    let state = AppState::with_clock(db, Clock::Fixed(NOW));
    (Demo { _dir: dir, state, tokens }, data)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demo_rep_is_offboarded_end_to_end() {
    let (d, data) = demo().await;
    let store = &*d.state.store;
    let head = data.employees.iter().find(|e| e.email == "head1@demo.sprut").unwrap();
    // The active rep of head 1's team with the smallest book.
    let mut reps: Vec<_> = data
        .employees
        .iter()
        .filter(|e| e.role == Role::Rep && e.status == EmployeeStatus::Active && e.team_id == head.team_id)
        .collect();
    let mut sizes = HashMap::new();
    for r in &reps {
        let page = PageRequest { after: None, limit: Some(500) };
        sizes.insert(r.id, store.clients(&Scope::HeldBy(r.id), &Default::default(), &page).await.unwrap().items.len());
    }
    reps.sort_by_key(|r| (sizes[&r.id], r.id));
    let rep = reps.iter().find(|r| sizes[&r.id] > 0).unwrap();

    // Two crafted clients in his book: a big customer tied to him alone, and a well-tied one.
    let (s, lonely) =
        d.call(Method::POST, "/api/v1/clients", rep.id, Some(json!({ "name": "ООО Один на один" }))).await;
    assert_eq!(s, StatusCode::CREATED, "{lonely}");
    let lonely = lonely["id"].as_str().unwrap().to_string();
    let won = json!({ "client_id": lonely, "title": "Контракт", "stage": "won", "amount_minor": 5_000_000_00i64,
        "opened_on": date(NOW.date() - Duration::days(40)), "closed_on": date(NOW.date() - Duration::days(10)) });
    assert_eq!(d.call(Method::POST, "/api/v1/deals", rep.id, Some(won)).await.0, StatusCode::CREATED);
    let (_, tied) = d.call(Method::POST, "/api/v1/clients", rep.id, Some(json!({ "name": "ООО Много связей" }))).await;
    let tied = tied["id"].as_str().unwrap().to_string();
    for (name, email) in [("Анна", "anna@tied.ru"), ("Борис", "boris@tied.ru"), ("Вера", "vera@tied.ru")] {
        let c = json!({ "client_id": tied, "name": name, "emails": [email], "consent": true });
        let (_, made) = d.call(Method::POST, "/api/v1/contacts", rep.id, Some(c)).await;
        let uri = format!("/api/v1/contacts/{}", made["id"].as_str().unwrap());
        assert_eq!(d.call(Method::PATCH, &uri, head.id, Some(json!({ "verified": true }))).await.0, StatusCode::OK);
    }
    let meeting = json!({ "client_id": tied, "kind": "meeting", "text": "Встреча РОП с директором", "occurred_at": "2026-01-15T10:00:00Z" });
    assert_eq!(d.call(Method::POST, "/api/v1/activities", head.id, Some(meeting)).await.0, StatusCode::CREATED);
    let book = sizes[&rep.id] + 2;

    // The head starts the playbook.
    let last_day = NOW.date() + Duration::days(7);
    let (s, v) = d
        .call(
            Method::POST,
            &format!("/api/v1/employees/{}/offboard", rep.id),
            head.id,
            Some(json!({ "last_day": date(last_day) })),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["offboarding"]["id"].as_str().unwrap().to_string();
    let items = v["offboarding"]["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), book, "every client of his book is in the plan");
    assert_eq!(v["progress"]["with_receiver"], json!(book), "every client has a proposed receiver");
    let item = |cl: &str| items.iter().find(|i| i["client_id"] == cl).unwrap().clone();
    assert_eq!(item(&lonely)["risk"]["at_risk"], true, "{}", item(&lonely));
    assert_eq!(item(&tied)["risk"]["at_risk"], false, "{}", item(&tied));
    assert_eq!(item(&tied)["risk"]["score"], 0);
    // What leaves with him: the big customer no one else has touched hangs on him alone.
    let threads = &v["threads"];
    let on_him = threads["clients"].as_array().unwrap().iter().find(|c| c["client_id"] == lonely.as_str()).cloned();
    assert_eq!(on_him.map(|c| c["untouched"].clone()), Some(json!(true)), "{threads}");
    assert!(threads["revenue_minor"].as_i64().unwrap() >= 5_000_000_00, "{threads}");
    assert!(!threads["clients"].as_array().unwrap().iter().any(|c| c["client_id"] == tied.as_str()), "the head met it");
    // He is read-only at once.
    assert_eq!(
        d.call(Method::PATCH, &format!("/api/v1/clients/{tied}"), rep.id, Some(json!({ "name": "x" }))).await.0,
        StatusCode::FORBIDDEN
    );

    // On the page, a refused retention comes back on the playbook with what was typed and why.
    let form = format!("client_id={lonely}&offer=%D1%81%D0%BA%D0%B8%D0%B4%D0%BA%D0%B0&discount_percent=150");
    let req = Request::post(format!("/offboardings/{id}/plan"))
        .header("authorization", format!("Bearer {}", d.tokens[&head.id]))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(form))
        .unwrap();
    let res = sprut_server::app(d.state.clone()).oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = String::from_utf8(axum::body::to_bytes(res.into_body(), 1 << 26).await.unwrap().to_vec()).unwrap();
    assert!(html.contains("plan-error") && html.contains("от 0 до 100"), "why, in Russian");
    assert!(html.contains("Что уходит вместе с ним") && html.contains("Единственная нить у"), "the leaver's figure");
    assert!(html.contains(r#"value="скидка""#) && html.contains(r#"value="150""#), "what was typed is kept");
    // Applying before every retention is decided is refused, and the date typed stays in the form;
    // a date that does not read is refused by name, not taken as today.
    let later = NOW.date() + Duration::days(3);
    let (s, html) = d.page(&format!("/offboardings/{id}/apply"), head.id, Some(&format!("effective_on={later}"))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(&format!(r#"name="effective_on" required value="{later}""#)), "the date typed is kept");
    let (s, html) = d.page(&format!("/offboardings/{id}/apply"), head.id, Some("effective_on=31.02.2026")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("31.02.2026") && html.contains("plan-error"), "the bad date is named");

    // Retention decisions, then the plan becomes transfers.
    for i in items.iter().filter(|i| i["risk"]["at_risk"] == true) {
        let change = json!({ "client_id": i["client_id"], "retention": { "offer": "Фиксированные цены на год", "discount_percent": 3 } });
        let (s, b) = d.call(Method::POST, &format!("/api/v1/offboardings/{id}/plan"), head.id, Some(change)).await;
        assert_eq!(s, StatusCode::OK, "{b}");
    }
    let (s, v) = d.call(Method::POST, &format!("/api/v1/offboardings/{id}/apply"), head.id, Some(json!({}))).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["progress"]["handed_over"], json!(book));

    // Each checklist, by the people whose part it is.
    let mut letters_expected = 0;
    for t in v["transfers"].as_array().unwrap() {
        let tid = t["id"].as_str().unwrap();
        let uri = format!("/api/v1/transfers/{tid}/check");
        for i in t["items"].as_array().unwrap() {
            let to: EmployeeId = serde_json::from_value(i["to_id"].clone()).unwrap();
            let client = i["client_id"].clone();
            let total = i["checklist"]["receivables_total"].clone();
            let steps = [
                (head.id, json!({ "step": "visit_done", "on": date(NOW.date()) })),
                (rep.id, json!({ "step": "set_documents", "items": ["Договор", "Акты сверки"] })),
                (rep.id, json!({ "step": "confirm_documents" })),
                (to, json!({ "step": "confirm_documents" })),
                (rep.id, json!({ "step": "confirm_receivables", "total_minor": total })),
                (to, json!({ "step": "confirm_receivables", "total_minor": total })),
                (head.id, json!({ "step": "notify_departments" })),
                (to, json!({ "step": "accept_questions" })),
            ];
            for (who, mut step) in steps {
                step["client_id"] = client.clone();
                let (s, b) = d.call(Method::POST, &uri, who, Some(step.clone())).await;
                assert_eq!(s, StatusCode::OK, "{step} by {who}: {b}");
            }
            let (s, b) = d
                .call(Method::POST, &uri, head.id, Some(json!({ "client_id": client, "step": "notify_client" })))
                .await;
            if s == StatusCode::OK {
                letters_expected += b["items"].as_array().unwrap().iter().find(|x| x["client_id"] == client).unwrap()
                    ["checklist"]["client_notices"]
                    .as_i64()
                    .unwrap();
            } else {
                assert_eq!(b["fields"][0]["field"], "note", "{b}");
                let told = json!({ "client_id": client, "step": "notify_client", "note": "позвонили директору" });
                assert_eq!(d.call(Method::POST, &uri, head.id, Some(told)).await.0, StatusCode::OK);
            }
        }
    }
    let (_, v) = d.call(Method::GET, &format!("/api/v1/offboardings/{id}"), head.id, None).await;
    assert_eq!(v["offboarding"]["state"], "completed", "{}", v["progress"]);
    assert_eq!(v["progress"]["done"], true);

    let outbox =
        store.outbox(&OutboxFilter::default(), &PageRequest { after: None, limit: Some(500) }).await.unwrap().items;
    let clients_told = outbox.iter().filter(|m| m.kind == MessageKind::ClientNotice).count() as i64;
    assert_eq!(clients_told, letters_expected);
    assert!(clients_told >= 3, "the well-tied client's three contacts at least");
    assert!(outbox.iter().any(|m| m.kind == MessageKind::DepartmentNotice));

    // On his last day he still signs in; the day after, the account is closed.
    let on = |day: time::Date| AppState {
        clock: Clock::Fixed(day.midnight().assume_utc() + Duration::hours(9)),
        ..d.state.clone()
    };
    let last = Demo { _dir: tempfile::tempdir().unwrap(), state: on(last_day), tokens: d.tokens.clone() };
    assert_eq!(last.call(Method::GET, "/api/v1/me", rep.id, None).await.0, StatusCode::OK);
    sprut_server::jobs::run_once(&on(last_day + Duration::days(1))).await;
    assert_eq!(store.employee(rep.id).await.unwrap().status, EmployeeStatus::Departed);
    assert_eq!(d.call(Method::GET, "/api/v1/me", rep.id, None).await.0, StatusCode::UNAUTHORIZED);
}
