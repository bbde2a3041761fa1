//! Every route × every role, built from the router itself: the API's routes come from the
//! OpenAPI document generated from its router, the UI's from `ui::ROUTES`, the table the UI
//! router is built from. A route without a decision below fails the test.
//!
//! The company: two teams, each with a head and a rep; client A is held by rep 1 (team 1)
//! and a legal staff member sits on its account team; an auditor and an admin.

use crate::support::{date, Company, Person, NOW};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{json, Value};
use sprut_core::alert::{AlertKind, NewAlert};
use sprut_core::export::{ExportEntity, ExportFormat, ExportRecord};
use sprut_core::handover::offboarding::StartOffboarding;
use sprut_core::handover::service;
use sprut_core::handover::transfer::NewTransfer;
use sprut_core::outbox::OutboxStore;
use sprut_core::planner::service::RedistributionRequest;
use sprut_core::store::prelude::*;
use sprut_core::store::Session;
use sprut_core::team::NewTeam;
use sprut_core::{Actor, ExportId};
use sprut_server::auth::{new_token, SESSION_COOKIE};
use time::Duration;
use tower::ServiceExt;

/// What a role gets from a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Got {
    /// Allowed: the use case ran (2xx, a redirect after a form, or a business refusal 409/422).
    Y,
    /// Hidden: 404, as if the record did not exist.
    H,
    /// Denied: 403.
    D,
}
use Got::{D, H, Y};

/// The roles, in the order of every decision row.
const ROLES: [&str; 7] = ["admin", "auditor", "head1", "head2", "rep1", "rep2", "staff"];

const EVERYONE: [Got; 7] = [Y, Y, Y, Y, Y, Y, Y];
/// Reading client A or what hangs on it (staff: the legal seat).
const CLIENT_READ: [Got; 7] = [Y, Y, Y, H, Y, H, Y];
/// Records legal staff do not see (activities, invoices).
const NOT_FOR_LEGAL: [Got; 7] = [Y, Y, Y, H, Y, H, H];
/// Writing on client A: its holder, his head, admins; staff where their department sees it.
const CLIENT_WRITE: [Got; 7] = [Y, D, Y, H, Y, H, Y];
/// Writing records legal staff do not see.
const CLIENT_WRITE_NOT_LEGAL: [Got; 7] = [Y, D, Y, H, Y, H, H];
/// Changing client A itself: holder, head, admin (staff and auditors read only).
const CLIENT_CHANGE: [Got; 7] = [Y, D, Y, H, Y, H, D];
/// Managing client A's holding and account team: its team's head and admins.
const CLIENT_MANAGE: [Got; 7] = [Y, D, Y, H, D, H, D];
/// Creating a client: admins, heads, reps.
const CLIENT_CREATE: [Got; 7] = [Y, D, Y, Y, Y, Y, D];
/// Administrators only.
const ADMIN: [Got; 7] = [Y, D, D, D, D, D, D];
/// Administrators and auditors.
const AUDITORS: [Got; 7] = [Y, Y, D, D, D, D, D];
/// Reading a record about rep 1 kept for overseers (an alert, his offboarding): heads see their
/// own teams'; reps and staff are not told it exists.
const ALERT_READ: [Got; 7] = [Y, Y, Y, H, H, H, H];
/// Listing alerts.
const ALERT_LIST: [Got; 7] = [Y, Y, Y, Y, D, D, D];
/// Acting on such a record (closing the alert, planning the offboarding): not auditors.
const ALERT_CLOSE: [Got; 7] = [Y, D, Y, H, H, H, H];
/// Exporting lists: heads, admins, auditors.
const EXPORT: [Got; 7] = [Y, Y, Y, Y, D, D, D];
/// Recording rep 1's departure: admins and his head.
const DEPART: [Got; 7] = [Y, D, Y, D, D, D, D];
/// Arranging a transfer of client A: admins and its team's head.
const TRANSFER_CREATE: [Got; 7] = [Y, D, Y, H, D, D, D];
/// Reading the planned transfer of client A (rep 1 to head 1): those involved and overseers.
const TRANSFER_READ: [Got; 7] = [Y, Y, Y, H, Y, H, H];
/// Working the checklist: the holders, the head, admins.
const TRANSFER_CHECK: [Got; 7] = [Y, D, Y, H, Y, H, H];
/// Completing or cancelling the transfer: the head and admins.
const TRANSFER_FINISH: [Got; 7] = [Y, D, Y, H, D, H, H];
/// Transfers in the UI: everyone but staff.
const UI_TRANSFERS: [Got; 7] = [Y, Y, Y, Y, Y, Y, H];
/// The transfer wizard: those who manage.
const UI_WIZARD: [Got; 7] = [Y, H, Y, Y, H, H, H];
/// Reports and playbook lists for reps and staff in the UI: the 404 page.
const UI_OVERSEERS: [Got; 7] = [Y, Y, Y, Y, H, H, H];
/// UI pages for admins, heads and auditors (others get the 404 page).
const UI_MANAGERS: [Got; 7] = [Y, Y, Y, Y, H, H, H];
/// Planning team 1's book in the UI: admins and its head (auditors and the other head are
/// refused; reps and staff find no planner).
const UI_PLAN: [Got; 7] = [Y, D, Y, D, H, H, H];
/// Reading sales plans: all but staff.
const SALES_PLANS: [Got; 7] = [Y, Y, Y, Y, Y, Y, D];
/// UI pages for admins and auditors.
const UI_AUDITORS: [Got; 7] = [Y, Y, H, H, H, H, H];
/// Sending a given-up letter again from the outbox page (auditors see the page, read only).
const UI_OUTBOX_RETRY: [Got; 7] = [Y, D, H, H, H, H, H];
/// The administrator's settings page: nobody else finds it.
const UI_ADMIN: [Got; 7] = [Y, H, H, H, H, H, H];

/// Revoking rep 1's API token: rep 1 and administrators (for anyone else it does not exist).
const TOKEN_REVOKE: [Got; 7] = [Y, H, H, H, Y, H, H];

/// The holder's weekly report on client A: only rep 1 (others who see the client: 403).
const REPORT_WRITE: [Got; 7] = [D, D, D, H, Y, H, D];
/// Answering the head's request to meet client A: its holder (the head who asked may only
/// withdraw it; anyone else is not told it exists).
const REQUEST_ANSWER: [Got; 7] = [H, D, D, H, Y, H, H];
/// Recording the spot check of rep 1's contact: its verifier, head 1 (anyone else is not told
/// it exists).
const CHECK_RECORD: [Got; 7] = [H, D, Y, H, H, H, H];
/// Closing the investigation of rep 1's data: admins and his head; he may only explain.
const INVESTIGATION_CLOSE: [Got; 7] = [Y, D, Y, H, D, H, H];
/// Sending client A a survey: admins and its team's head (others may not send any).
const SURVEY_SEND: [Got; 7] = [Y, D, Y, H, D, D, D];
/// Running the rotation: admins and heads.
const ROTATE: [Got; 7] = [Y, D, Y, Y, D, D, D];
/// Importing files: administrators and heads of sales.
const IMPORT: [Got; 7] = [Y, D, Y, Y, D, D, D];
/// Attaching a pooled contact to client A: heads and administrators, within their scope.
const POOL_ATTACH: [Got; 7] = [Y, D, Y, H, D, D, D];

/// The decision for an API route.
fn api_decision(method: &str, path: &str) -> [Got; 7] {
    match (method, path.trim_start_matches("/api/v1")) {
        ("GET", "/openapi.json") | ("POST", "/tokens") | ("GET", "/me") | ("GET", "/tokens") => EVERYONE,
        // One's own calendar feed.
        ("POST" | "DELETE", "/me/calendar") => EVERYONE,
        ("DELETE", "/tokens/{id}") => TOKEN_REVOKE,
        ("GET", "/clients" | "/contacts" | "/deals" | "/activities" | "/receivables" | "/tasks") => EVERYONE,
        // One's own day; a head's day of his teams is for overseers.
        ("GET", "/my-day") => EVERYONE,
        ("GET", "/team-day" | "/risk" | "/meeting-requests/holders") => ALERT_LIST,
        ("GET", "/meeting-requests" | "/spot-checks" | "/investigations") => EVERYONE,
        ("GET", "/spot-checks/accuracy" | "/surveys" | "/surveys/report" | "/coverage/key-clients") => ALERT_LIST,
        ("POST", "/clients/{id}/surveys") => SURVEY_SEND,
        ("POST", "/spot-checks/draw" | "/coverage/count") => ADMIN,
        ("POST", "/spot-checks/{id}/result") => CHECK_RECORD,
        ("POST", "/investigations/{id}/step") => INVESTIGATION_CLOSE,
        // Asking the holder of client A for a meeting (its holder is told to meet it himself).
        ("POST", "/meeting-requests") => CLIENT_WRITE,
        ("POST", "/meeting-requests/{id}/answer") => REQUEST_ANSWER,
        // Everyone's board is of his own scope.
        ("GET", "/deals/board" | "/receivables/aging" | "/head-meetings") => EVERYONE,
        // Tasks are every department's (a collection step is the accountant's).
        ("GET", "/tasks/{id}") => CLIENT_READ,
        ("POST", "/tasks") | ("PATCH", "/tasks/{id}") => CLIENT_WRITE,
        ("GET", "/employees" | "/employees/{id}" | "/teams" | "/teams/{id}" | "/settings") => EVERYONE,
        ("POST", "/clients") => CLIENT_CREATE,
        ("GET", "/clients/{id}" | "/clients/{id}/group" | "/clients/{id}/assignments" | "/clients/{id}/holder") => {
            CLIENT_READ
        }
        ("GET", "/clients/{id}/account-team" | "/clients/{id}/relationships" | "/contacts/{id}" | "/deals/{id}") => {
            CLIENT_READ
        }
        ("PATCH", "/clients/{id}") => CLIENT_CHANGE,
        ("POST", "/clients/{id}/assignments" | "/clients/{id}/assignments/end") => CLIENT_MANAGE,
        ("PUT" | "DELETE", "/clients/{id}/account-team/{department}") => CLIENT_MANAGE,
        ("POST", "/contacts" | "/deals") | ("PATCH", "/contacts/{id}" | "/deals/{id}") => CLIENT_WRITE,
        ("GET", "/activities/{id}" | "/receivables/{id}") => NOT_FOR_LEGAL,
        ("POST", "/activities" | "/receivables") | ("PATCH", "/activities/{id}" | "/receivables/{id}") => {
            CLIENT_WRITE_NOT_LEGAL
        }
        ("POST", "/employees" | "/teams") | ("PATCH", "/employees/{id}" | "/teams/{id}") | ("PUT", "/settings") => {
            ADMIN
        }
        ("POST", "/employees/{id}/depart") => DEPART,
        ("GET", "/audit" | "/audit/verify" | "/audit/anchor" | "/exports" | "/exports/{id}") => AUDITORS,
        ("GET", "/alerts") => ALERT_LIST,
        ("GET", "/alerts/{id}") => ALERT_READ,
        ("POST", "/alerts/{id}/close" | "/alerts/{id}/lift") => ALERT_CLOSE,
        ("GET", "/export/{entity}") => EXPORT,
        ("GET", "/transfers") => EVERYONE,
        ("POST", "/transfers") => TRANSFER_CREATE,
        ("GET", "/transfers/{id}") => TRANSFER_READ,
        ("POST", "/transfers/{id}/check") => TRANSFER_CHECK,
        ("POST", "/transfers/{id}/complete" | "/transfers/{id}/cancel") => TRANSFER_FINISH,
        ("POST", "/employees/{id}/offboard") => DEPART,
        ("GET", "/offboardings" | "/reports/transfers") => ALERT_LIST,
        ("GET", "/offboardings/{id}") => ALERT_READ,
        ("POST", "/offboardings/{id}/plan" | "/offboardings/{id}/apply") => ALERT_CLOSE,
        // Planning team 1's book: admins and its head; the plans are read by overseers.
        ("POST", "/plans/redistribution") => DEPART,
        ("GET", "/plans/redistribution") => ALERT_LIST,
        ("GET", "/plans/redistribution/{id}") => ALERT_READ,
        ("POST", "/plans/redistribution/{id}/apply") => ALERT_CLOSE,
        // Everyone but staff reads sales plans (a rep his own); admins and his head set rep 1's.
        ("GET", "/sales-plans") => SALES_PLANS,
        ("PUT", "/sales-plans/{employee_id}/{month}") => DEPART,
        ("GET", "/outbox" | "/outbox/status") => AUDITORS,
        ("POST", "/outbox/{id}/retry") => ADMIN,
        ("GET", "/rotation/cycle" | "/rotation/scorecard") => EVERYONE,
        ("GET", "/rotation/dead" | "/rotation/missing-reports") => ALERT_LIST,
        ("POST", "/rotation/rotate") => ROTATE,
        ("POST", "/clients/{id}/extend" | "/clients/{id}/recall" | "/clients/{id}/archive") => CLIENT_MANAGE,
        ("GET", "/clients/{id}/reports" | "/clients/{id}/decisions") => CLIENT_READ,
        ("POST", "/clients/{id}/reports") => REPORT_WRITE,
        ("POST", "/imports/{entity}" | "/imports/{entity}/preview") => IMPORT,
        // A file of bad rows is its uploader's alone: a key nobody was given finds nothing.
        ("GET", "/imports/errors/{key}") => [H; 7],
        ("GET", "/contact-pool") => IMPORT,
        ("POST", "/contact-pool/{id}/attach") => POOL_ATTACH,
        _ => panic!("no scope decision for API route {method} {path}: add one to tests/api/matrix.rs"),
    }
}

/// The decision for a UI route.
fn ui_decision(method: &str, path: &str) -> [Got; 7] {
    match (method, path) {
        ("get", "/" | "/login" | "/clients" | "/assets/app.css" | "/assets/icon.svg") => EVERYONE,
        ("get", "/my-day" | "/deals/board" | "/receivables") => EVERYONE,
        // A collection step is a task like any other.
        ("post", "/clients/{id}/collect") => CLIENT_WRITE,
        ("get", "/meetings") => EVERYONE,
        ("post", "/calendar-feed" | "/calendar-feed/revoke") => EVERYONE,
        // A feed's address is its key: one nobody was given finds nothing.
        ("get", "/ical/{file}") => [H; 7],
        // Planning a head's meeting: a head's or an administrator's, within their scope.
        ("post", "/clients/{id}/head-meeting") => POOL_ATTACH,
        ("post", "/deals/{id}/move") => CLIENT_WRITE,
        ("post", "/tasks/{id}/{action}") => CLIENT_WRITE,
        ("post", "/login" | "/logout" | "/language") => EVERYONE,
        ("get", "/clients/{id}") => CLIENT_READ,
        // The forms ask the API's own questions.
        ("get" | "post", "/clients/new") => CLIENT_CREATE,
        ("get" | "post", "/clients/{id}/edit") => CLIENT_CHANGE,
        ("get" | "post", "/clients/{id}/contacts/new" | "/clients/{id}/deals/new") => CLIENT_WRITE,
        ("get" | "post", "/contacts/{id}/edit" | "/deals/{id}/edit") => CLIENT_WRITE,
        ("get" | "post", "/clients/{id}/receivables/new" | "/receivables/{id}/edit") => CLIENT_WRITE_NOT_LEGAL,
        // The card asks the API's own question (a legal department does not see touches).
        ("post", "/clients/{id}/activities") => CLIENT_WRITE_NOT_LEGAL,
        ("get", "/employees" | "/alerts") => UI_MANAGERS,
        ("post", "/employees/{id}/depart") => DEPART,
        ("post", "/alerts/{id}/close" | "/alerts/{id}/lift") => ALERT_CLOSE,
        ("get", "/transfers") => UI_TRANSFERS,
        ("get", "/transfers/new") => UI_WIZARD,
        ("post", "/transfers") => TRANSFER_CREATE,
        ("get", "/transfers/{id}") => TRANSFER_READ,
        ("post", "/transfers/{id}/check") => TRANSFER_CHECK,
        ("post", "/transfers/{id}/{action}") => TRANSFER_FINISH,
        ("get", "/offboardings" | "/reports/transfers" | "/risk") => UI_OVERSEERS,
        ("get", "/meeting-requests" | "/spot-checks") => EVERYONE,
        ("get", "/surveys" | "/coverage") => UI_OVERSEERS,
        ("post", "/clients/{id}/survey") => SURVEY_SEND,
        // The public survey page: a link nobody was given finds nothing, signed in or not.
        ("get" | "post", "/survey/{token}") => [H; 7],
        ("post", "/spot-checks/draw" | "/coverage/count") => ADMIN,
        ("post", "/spot-checks/{id}/result") => CHECK_RECORD,
        ("post", "/investigations/{id}/step") => INVESTIGATION_CLOSE,
        ("post", "/meeting-requests") => CLIENT_WRITE,
        ("post", "/meeting-requests/{id}/answer") => REQUEST_ANSWER,
        ("get", "/offboardings/{id}") => ALERT_READ,
        ("post", "/offboardings/{id}/{action}") => ALERT_CLOSE,
        ("get", "/planning") => UI_MANAGERS,
        ("post", "/planning") => UI_PLAN,
        ("get", "/planning/{id}") => ALERT_READ,
        ("post", "/planning/{id}/apply") => ALERT_CLOSE,
        ("get", "/sales-plans") => UI_TRANSFERS,
        ("post", "/sales-plans/{id}/{month}") => DEPART,
        ("post", "/employees/{id}/offboard") => DEPART,
        ("get", "/audit" | "/exports" | "/outbox") => UI_AUDITORS,
        ("post", "/outbox/{id}/retry") => UI_OUTBOX_RETRY,
        ("get", "/rotation") => UI_MANAGERS,
        ("get", "/rotation/cycle" | "/rotation/scorecard" | "/rotation/reports") => EVERYONE,
        ("post", "/clients/{id}/report") => REPORT_WRITE,
        ("post", "/clients/{id}/decide/{action}") => CLIENT_MANAGE,
        // A head's bulk decision answers 409 naming the clients outside his teams.
        ("post", "/rotation/bulk") => ROTATE,
        ("get", "/settings") => UI_ADMIN,
        ("post", "/employees" | "/employees/{id}/edit" | "/employees/{id}/password") => ADMIN,
        ("post", "/settings/teams" | "/settings/teams/{id}") => ADMIN,
        ("post", "/settings") => ADMIN,
        ("get", "/import") => UI_WIZARD,
        ("post", "/import/upload" | "/import/apply") => IMPORT,
        ("get" | "post", "/tokens") => EVERYONE,
        ("get", "/contact-pool") => UI_WIZARD,
        // A file of bad rows is its uploader's alone: a key nobody was given finds nothing.
        ("get", "/import/errors/{id}") => [H; 7],
        ("post", "/contact-pool/{id}/attach") => POOL_ATTACH,
        ("post", "/tokens/{id}/revoke") => TOKEN_REVOKE,
        _ => panic!("no scope decision for UI route {method} {path}: add one to tests/api/matrix.rs"),
    }
}

/// One contact without a client, put in the pool by an import.
async fn pooled_contact(store: &sprut_store::Db) -> sprut_core::ContactId {
    use sprut_core::contact_pool::ContactPoolStore;
    use sprut_core::import::*;
    struct One(Option<ImportBatch>);
    impl ImportBatches for One {
        fn next_batch(&mut self) -> Result<Option<ImportBatch>, FileError> {
            Ok(self.0.take())
        }
    }
    let record = ImportRecord::Contact(ContactRecord {
        external_id: None,
        client: None,
        name: "Без компании".into(),
        position: None,
        phones: Vec::new(),
        emails: Vec::new(),
        channels: Vec::new(),
        decision_maker: None,
        consent: None,
        extra: Default::default(),
    });
    let batch = ImportBatch { rows: 1, records: vec![(2, record)], ..ImportBatch::default() };
    let o = ImportOptions {
        entity: ImportEntity::Contacts,
        source: "generic".into(),
        file_name: "pool.csv".into(),
        dry_run: false,
        partial: false,
        create_employees: false,
        today: NOW.date(),
        columns: Default::default(),
    };
    let out = store.import(&Actor::system(NOW), &o, &mut One(Some(batch))).await.unwrap();
    assert!(out.committed, "{out:?}");
    store.pooled_contacts(&Default::default()).await.unwrap().items[0].id
}

/// The company and the ids routes are called with.
struct World {
    c: Company,
    head2: Person,
    ids: Value,
    cookies: Vec<(String, String)>,
}

impl World {
    async fn new() -> World {
        let c = Company::new().await;
        let sys = Actor::system(NOW);
        let store = &*c.state.store;
        // Team 2 with its own head, and rep 2 moved into it.
        let head2 = c.person("head2@firm.ru", sprut_core::employee::Role::Head).await;
        let team2 =
            store.create_team(&sys, NewTeam { name: "Урал".into(), head_id: Some(head2.employee.id) }).await.unwrap();
        let patch = serde_json::from_value(json!({ "team_id": team2.id })).unwrap();
        store.update_employee(&sys, c.rep2.employee.id, patch).await.unwrap();
        // Client A, held by rep 1, with the legal staff member on its account team.
        let a = c.rep_client(&c.rep1, "Альфа").await;
        let (s, _) = c
            .put_json(
                &format!("/api/v1/clients/{a}/account-team/legal"),
                &c.head,
                json!({ "employee_id": c.staff.employee.id }),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        let made = |(s, body): (StatusCode, Value)| {
            assert_eq!(s, StatusCode::CREATED, "{body}");
            body["id"].as_str().unwrap().to_string()
        };
        let today = date(NOW.date());
        let contact = made(
            c.post("/api/v1/contacts", &c.rep1, json!({ "client_id": a, "name": "Юрист", "position": "Юрист" })).await,
        );
        let deal = made(
            c.post(
                "/api/v1/deals",
                &c.rep1,
                json!({ "client_id": a, "title": "Договор", "amount_minor": 100, "opened_on": today }),
            )
            .await,
        );
        let activity = made(
            c.post("/api/v1/activities", &c.rep1, json!({ "client_id": a, "kind": "call", "text": "Звонок" })).await,
        );
        let task = made(
            c.post("/api/v1/tasks", &c.rep1, json!({ "client_id": a, "title": "Перезвонить", "due_on": today })).await,
        );
        let invoice = made(
            c.post(
                "/api/v1/receivables",
                &c.rep1,
                json!({ "client_id": a, "number": "1", "amount_minor": 100, "issued_on": today, "due_on": today }),
            )
            .await,
        );
        let alert = NewAlert {
            kind: AlertKind::MassViewing,
            employee_id: Some(c.rep1.employee.id),
            client_id: None,
            day: NOW.date(),
            summary: "test".into(),
            details: json!({}),
        };
        store.raise_alert(&sys, &alert).await.unwrap();
        let alert_id = store.alerts(&Default::default(), None, &Default::default()).await.unwrap().items[0].id;
        let export = ExportRecord {
            id: ExportId::new(),
            employee_id: c.admin.employee.id,
            at: NOW,
            entity: ExportEntity::Clients,
            format: ExportFormat::Csv,
            filter: json!({}),
            rows: 1,
            canaries: 0,
        };
        store.record_export(&sys, &export, &[]).await.unwrap();
        // The alert queued a letter to rep 1's head.
        let letters = store.outbox(&Default::default(), &Default::default()).await.unwrap();
        let letter = letters.items[0].id;
        let team1 = c.rep1.employee.team_id.unwrap();
        // A transfer of client A from rep 1 to head 1, planned for tomorrow.
        let settings = sprut_core::settings::Settings::default();
        let planned = NewTransfer {
            cause: None,
            from_id: c.rep1.employee.id,
            clients: vec![a.parse().unwrap()],
            to: vec![c.head.employee.id],
            assign: vec![],
            by_specialisation: false,
            effective_on: NOW.date() + Duration::days(1),
            note: String::new(),
        };
        let transfer = service::create_transfer(store, &sys, planned, &settings, NOW.date()).await.unwrap();
        // A playbook for rep 3 of team 1, who holds client B.
        let rep3 = c.person("rep3@firm.ru", sprut_core::employee::Role::Rep).await;
        let patch = serde_json::from_value(json!({ "team_id": team1 })).unwrap();
        store.update_employee(&sys, rep3.employee.id, patch).await.unwrap();
        let b = c.rep_client(&rep3, "Бета").await;
        let start = StartOffboarding { last_day: NOW.date() + Duration::days(14), by_specialisation: true };
        let playbook =
            service::start_offboarding(store, &sys, rep3.employee.id, &start, &settings, NOW.date()).await.unwrap();
        // A preview of team 1's book.
        let ask = RedistributionRequest {
            team_id: team1,
            balance_percent: 10,
            max_moves: None,
            move_key: false,
            capacity: None,
        };
        let plan = sprut_core::planner::service::preview(store, &sys, &ask, NOW.date()).await.unwrap();
        let (_, spare) = new_token();
        let token =
            store.create_token(&sys, c.rep1.employee.id, spare, "spare".into(), NOW + Duration::days(9)).await.unwrap();
        let pooled = pooled_contact(store).await;
        let ask = sprut_core::meeting_request::NewMeetingRequest {
            client_id: a.parse().unwrap(),
            purpose: "Познакомиться".into(),
            proposed_on: vec![NOW.date() + Duration::days(7)],
        };
        let head_acts = Actor::employee(c.head.employee.id, NOW);
        let asked = store.request_meeting(&head_acts, &sprut_core::scope::Scope::All, ask, NOW.date()).await.unwrap();
        // The week's spot checks: head 1 finds rep 1's contact wrong, which opens an investigation.
        sprut_core::spot_check::draw_week(store, &sys, NOW.date(), 1).await.unwrap();
        let drawn = store.spot_checks(&sprut_core::scope::Scope::All, None, false).await.unwrap();
        let check = drawn.into_iter().find(|s| s.holder_id == c.rep1.employee.id).unwrap();
        let wrong = sprut_core::spot_check::CheckResult {
            outcome: sprut_core::spot_check::CheckOutcome::WrongPhone,
            note: Some("номер не отвечает".into()),
        };
        let verifier = Actor::employee(check.verifier_id, NOW);
        let case = store.record_check(&verifier, check.id, wrong, NOW.date()).await.unwrap().investigation_id.unwrap();
        let ids = json!({
            "/tokens": token, "/contact-pool": pooled, "/import/errors": "no-such-key", "/imports/errors": "no-such-key",
            "/clients": a, "/contacts": contact, "/deals": deal, "/activities": activity, "/receivables": invoice, "/tasks": task,
            "/employees": c.rep1.employee.id, "/teams": team1, "/settings/teams": team1, "/alerts": alert_id, "/exports": export.id,
            "/transfers": transfer.id, "/offboardings": playbook.id, "b": b,
            "/plans/redistribution": plan.id, "/planning": plan.id, "/sales-plans": c.rep1.employee.id, "head1": c.head.employee.id,
            "/outbox": letter, "/meeting-requests": asked.id, "/spot-checks": check.id, "/investigations": case,
        });
        let mut cookies = Vec::new();
        for p in [&c.admin, &c.auditor, &c.head, &head2, &c.rep1, &c.rep2, &c.staff] {
            let (token, token_hash) = new_token();
            let (csrf, _) = new_token();
            let session = Session {
                token_hash,
                employee_id: p.employee.id,
                csrf_token: csrf.clone(),
                expires_at: NOW + Duration::hours(1),
            };
            store.create_session(&sys, session).await.unwrap();
            cookies.push((token, csrf));
        }
        World { c, head2, ids, cookies }
    }

    fn person(&self, role: usize) -> &Person {
        let c = &self.c;
        [&c.admin, &c.auditor, &c.head, &self.head2, &c.rep1, &c.rep2, &c.staff][role]
    }

    /// `path` with its parameters filled in.
    fn fill(&self, path: &str) -> String {
        let action = if path.starts_with("/offboardings") {
            "plan"
        } else if path.contains("/decide/") {
            "recall"
        } else {
            "cancel"
        };
        let mut out = path
            .replace("{token}", "no-such-token")
            .replace("{department}", "legal")
            .replace("{entity}", "clients")
            .replace("{action}", action)
            .replace("{month}", "2026-03")
            .replace("{employee_id}", &self.c.rep1.employee.id.to_string());
        if let Some(i) = out.find("{id}") {
            let prefix = out[..i].trim_end_matches('/').trim_start_matches("/api/v1").to_string();
            let id = self.ids[&prefix].as_str().unwrap_or_else(|| panic!("no id for {prefix}"));
            out = out.replace("{id}", id);
        }
        out
    }

    /// A body that passes validation for an API route (the decision is about who may call it).
    async fn body(&self, method: &str, path: &str) -> Option<Value> {
        let a = &self.ids["/clients"];
        let today = date(NOW.date());
        Some(match (method, path.trim_start_matches("/api/v1")) {
            ("GET" | "DELETE", _) => return None,
            ("POST", "/tokens") => json!({ "email": "admin@firm.ru", "password": crate::support::PASSWORD }),
            ("POST", "/me/calendar") => json!({}),
            ("POST", "/clients") => json!({ "name": "Новый" }),
            ("PATCH", "/clients/{id}") => json!({ "name": "Альфа-М" }),
            ("POST", "/clients/{id}/assignments") => {
                json!({ "employee_id": self.c.rep1.employee.id, "kind": "account", "started_on": today, "explanation": "x" })
            }
            ("POST", "/clients/{id}/assignments/end") => {
                json!({ "ended_on": today, "reason": "released", "explanation": "x" })
            }
            ("PUT", "/clients/{id}/account-team/{department}") => json!({ "employee_id": self.c.staff.employee.id }),
            ("POST", "/contacts") => json!({ "client_id": a, "name": "Новый", "position": "Юрист" }),
            ("PATCH", "/contacts/{id}") => json!({ "name": "Юрист 2" }),
            ("POST", "/deals") => json!({ "client_id": a, "title": "Ещё", "amount_minor": 1, "opened_on": today }),
            ("PATCH", "/deals/{id}") => json!({ "title": "Договор 2" }),
            ("POST", "/activities") => json!({ "client_id": a, "kind": "note", "text": "x" }),
            ("PATCH", "/activities/{id}") => json!({ "text": "y" }),
            ("POST", "/tasks") => json!({ "client_id": a, "title": "Позвонить", "due_on": today }),
            ("PATCH", "/tasks/{id}") => json!({ "title": "Позвонить ещё" }),
            ("POST", "/receivables") => {
                json!({ "client_id": a, "number": "2", "amount_minor": 1, "issued_on": today, "due_on": today })
            }
            ("PATCH", "/receivables/{id}") => json!({ "number": "3" }),
            ("POST", "/employees") => {
                json!({ "email": format!("new{}@firm.ru", sprut_core::EmployeeId::new().0.simple()), "name": "Новичок", "role": "rep" })
            }
            ("PATCH", "/employees/{id}") => json!({ "region": "Урал" }),
            ("POST", "/employees/{id}/depart") => json!({ "last_day": date(NOW.date() + Duration::days(10)) }),
            ("POST", "/teams") => json!({ "name": format!("Команда {}", sprut_core::TeamId::new().0.simple()) }),
            ("PATCH", "/teams/{id}") => json!({ "name": "Москва" }),
            ("PUT", "/settings") => self.c.get("/api/v1/settings", &self.c.admin).await.1,
            ("POST", "/alerts/{id}/close") => json!({ "note": "ok" }),
            ("POST", "/meeting-requests") => json!({ "client_id": a, "purpose": "x", "proposed_on": [today] }),
            ("POST", "/meeting-requests/{id}/answer") => json!({ "answer": "decline", "reason": "x" }),
            ("POST", "/spot-checks/draw" | "/coverage/count" | "/clients/{id}/surveys") => json!({}),
            ("POST", "/spot-checks/{id}/result") => json!({ "outcome": "wrong_phone", "note": "x" }),
            ("POST", "/investigations/{id}/step") => {
                json!({ "step": "close", "finding": "honest_mistake", "correction": "x" })
            }
            ("POST", "/alerts/{id}/lift") => json!({ "reason": "ok" }),
            ("POST", "/transfers") => {
                json!({ "from_id": self.c.rep1.employee.id, "clients": [a], "to": [self.ids["head1"]], "effective_on": today })
            }
            ("POST", "/transfers/{id}/check") => {
                json!({ "client_id": a, "step": "plan_visit", "on": date(NOW.date() + Duration::days(1)) })
            }
            ("POST", "/transfers/{id}/complete") | ("POST", "/offboardings/{id}/apply") => json!({}),
            ("POST", "/transfers/{id}/cancel") => json!({ "reason": "передумали" }),
            ("POST", "/employees/{id}/offboard") => json!({ "last_day": date(NOW.date() + Duration::days(10)) }),
            ("POST", "/offboardings/{id}/plan") => {
                json!({ "client_id": self.ids["b"], "retention": { "offer": null, "note": "клиент надёжный" } })
            }
            ("POST", "/outbox/{id}/retry") | ("POST", "/plans/redistribution/{id}/apply") => json!({}),
            ("PUT", "/sales-plans/{employee_id}/{month}") => json!({ "new_clients": 2, "reason": "цель" }),
            // Refused by the checks, so that the world's preview is not replaced.
            ("POST", "/plans/redistribution") => json!({ "team_id": self.ids["/teams"], "balance_percent": 101 }),
            ("POST", "/rotation/rotate") => json!({ "dry_run": true }),
            ("POST", "/clients/{id}/extend") => {
                json!({ "reason": "budget_period", "text": "бюджет в марте", "until": date(NOW.date() + Duration::days(30)) })
            }
            ("POST", "/clients/{id}/recall") => json!({ "reason": "не работает" }),
            ("POST", "/clients/{id}/archive") => json!({ "reason": "ликвидирован" }),
            ("POST", "/clients/{id}/reports") => {
                json!({ "client_id": a, "week": today, "status": "working", "text": "звонок", "next_step": "встреча" })
            }
            ("POST", "/imports/{entity}" | "/imports/{entity}/preview") => json!({}),
            ("POST", "/contact-pool/{id}/attach") => json!({ "client_id": a }),
            _ => panic!("no body for {method} {path}: add one to tests/api/matrix.rs"),
        })
    }

    /// Form fields for a UI post.
    /// `method` on the UI route `path` (at `uri`) by the employee of `role`, with his session
    /// and, when posting, the route's form with his CSRF token.
    fn page_request(&self, method: &str, path: &str, uri: &str, role: usize) -> Request<Body> {
        let (cookie, csrf) = &self.cookies[role];
        let body = if method == "post" { Body::from(self.form(path, csrf)) } else { Body::empty() };
        Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(uri)
            .header("cookie", format!("{SESSION_COOKIE}={cookie}; sprut_sign_in={csrf}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .unwrap()
    }

    fn form(&self, path: &str, csrf: &str) -> String {
        let id = |k: &str| self.ids[k].as_str().unwrap().to_string();
        let owned;
        let extra = match path {
            "/transfers" => {
                owned = format!(
                    "from_id={}&client={}&to={}&effective_on={}",
                    self.c.rep1.employee.id,
                    id("/clients"),
                    id("head1"),
                    NOW.date()
                );
                owned.as_str()
            }
            "/transfers/{id}/check" => {
                owned = format!("client_id={}&step=plan_visit&on={}", id("/clients"), NOW.date() + Duration::days(1));
                owned.as_str()
            }
            "/transfers/{id}/{action}" => "reason=x",
            "/offboardings/{id}/{action}" => {
                owned = format!("client_id={}&note=x", id("b"));
                owned.as_str()
            }
            "/employees/{id}/offboard" => "last_day=2026-03-20",
            "/sales-plans/{id}/{month}" => "new_clients=2&reason=x",
            "/planning" => {
                owned = format!("team_id={}&balance_percent=101", id("/teams"));
                owned.as_str()
            }
            "/login" => "email=admin%40firm.ru&password=s3cret-pass",
            "/language" => "lang=en&back=%2Fclients",
            "/clients/{id}/activities" => "kind=call&text=x",
            "/meeting-requests" => {
                owned = format!("client_id={}&purpose=x&proposed_on={}", id("/clients"), NOW.date());
                owned.as_str()
            }
            "/meeting-requests/{id}/answer" => "answer=decline&reason=x",
            "/spot-checks/{id}/result" => "outcome=wrong_phone&note=x",
            "/investigations/{id}/step" => "step=close&finding=honest_mistake&correction=x",
            "/employees/{id}/depart" => "last_day=2026-03-20",
            "/alerts/{id}/close" => "note=ok",
            "/alerts/{id}/lift" => "reason=ok",
            // Refused by the checks, so that no later request finds the base changed.
            "/employees" => "name=x&email=not-an-address",
            "/employees/{id}/password" => "password=short",
            // An empty name is refused: the teams stay as they are.
            "/settings/teams" | "/settings/teams/{id}" => "name=",
            "/employees/{id}/edit" => {
                owned = format!("role=rep&team_id={}", id("/teams"));
                owned.as_str()
            }
            "/clients/{id}/report" => "status=working&text=x&next_step=y",
            "/clients/{id}/decide/{action}" => "reason=x",
            "/rotation/bulk" => {
                owned = format!("action=recall&reason=x&client={}", id("/clients"));
                owned.as_str()
            }
            // Client A, «Альфа», by name.
            "/contact-pool/{id}/attach" => "client=%D0%90%D0%BB%D1%8C%D1%84%D0%B0",
            _ => "",
        };
        format!("csrf={csrf}&{extra}")
    }
}

fn outcome(status: StatusCode) -> Option<Got> {
    match status.as_u16() {
        200..=399 | 409 | 422 => Some(Y),
        404 => Some(H),
        403 => Some(D),
        _ => None,
    }
}

/// Roles expected to be refused run first, so that an allowed change cannot alter what a
/// later refusal is about.
fn order(decision: &[Got; 7]) -> Vec<usize> {
    let mut roles: Vec<usize> = (0..7).collect();
    roles.sort_by_key(|&r| decision[r] == Y);
    roles
}

#[tokio::test]
async fn every_api_route_for_every_role() {
    let doc = serde_json::to_value(sprut_server::api::openapi()).unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let method = method.to_uppercase();
            if !["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&method.as_str()) {
                continue;
            }
            let decision = api_decision(&method, path);
            let mut w = World::new().await;
            for role in order(&decision) {
                // A deletion allowed for one role leaves nothing for the next: start afresh.
                if method == "DELETE" && decision[role] == Y {
                    w = World::new().await;
                }
                let uri = w.fill(path);
                let body = w.body(&method, path).await;
                let (s, answer) =
                    w.c.call(Method::from_bytes(method.as_bytes()).unwrap(), &uri, Some(&w.person(role).token), body)
                        .await;
                checked += 1;
                if outcome(s) != Some(decision[role]) {
                    failures.push(format!(
                        "{method} {path} as {}: expected {:?}, got {s} {answer}",
                        ROLES[role], decision[role]
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {checked} calls:\n{}", failures.len(), failures.join("\n"));
    assert!(checked > 300, "{checked}");
}

#[tokio::test]
async fn every_ui_route_for_every_role() {
    let mut failures = Vec::new();
    for (method, path) in sprut_server::ui::ROUTES {
        let decision = ui_decision(method, path);
        let w = World::new().await;
        let uri = w.fill(path);
        for role in order(&decision) {
            let res = w.c.app.clone().oneshot(w.page_request(method, path, &uri, role)).await.unwrap();
            let s = res.status();
            if outcome(s) != Some(decision[role]) {
                failures.push(format!("{method} {path} as {}: expected {:?}, got {s}", ROLES[role], decision[role]));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An id in a UI path that is not an id at all is the 404 page of a signed-in user (with his
/// navigation), on every route that takes one, posted forms included.
#[tokio::test]
async fn a_malformed_id_in_a_page_path_is_the_404_page() {
    let w = World::new().await;
    let mut checked = 0;
    for (method, path) in sprut_server::ui::ROUTES.iter().filter(|(_, p)| p.contains("{id}")) {
        let uri = path.replace("{id}", "not-an-id").replace("{action}", "complete");
        let res = w.c.app.clone().oneshot(w.page_request(method, path, &uri, 0)).await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{method} {uri}");
        let html = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
        assert!(String::from_utf8_lossy(&html).contains("/logout"), "{method} {uri}: the signed-in 404 page");
        checked += 1;
    }
    assert!(checked >= 10, "{checked} routes take an id");
}

/// One transfer shares rep 1's clients between rep 2 and the head: each receiver sees the
/// items he receives and nothing of the others' (whose cards he cannot open either); the giver
/// and the head see the whole transfer.
#[tokio::test]
async fn a_receiver_sees_only_his_items_of_a_transfer() {
    let c = Company::new().await;
    let a = c.rep_client(&c.rep1, "Альфа").await;
    let b = c.rep_client(&c.rep1, "Бета").await;
    let body = json!({
        "from_id": c.rep1.employee.id, "clients": [a, b], "to": [c.rep2.employee.id, c.head.employee.id],
        "assign": [{ "client_id": a, "to_id": c.rep2.employee.id }, { "client_id": b, "to_id": c.head.employee.id }],
        "effective_on": date(NOW.date() + Duration::days(3)),
    });
    let (s, t) = c.post("/api/v1/transfers", &c.head, body).await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let id = t["id"].as_str().unwrap();
    let clients = |t: &Value| -> Vec<String> {
        t["items"].as_array().unwrap().iter().map(|i| i["client_id"].as_str().unwrap().to_string()).collect()
    };
    for (who, expected) in
        [(&c.rep1, vec![a.clone(), b.clone()]), (&c.head, vec![a.clone(), b.clone()]), (&c.rep2, vec![a.clone()])]
    {
        let (s, one) = c.get(&format!("/api/v1/transfers/{id}"), who).await;
        assert_eq!(s, StatusCode::OK, "{one}");
        let mut got = clients(&one);
        got.sort();
        let mut want = expected.clone();
        want.sort();
        assert_eq!(got, want, "{} reads the transfer", who.employee.email);
        let (_, list) = c.get("/api/v1/transfers", who).await;
        let mut listed = clients(&list["items"][0]);
        listed.sort();
        assert_eq!(listed, want, "{} lists the transfer", who.employee.email);
    }
    let (s, _) = c.get(&format!("/api/v1/clients/{b}"), &c.rep2).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "the other receiver's client stays hidden");
    let (s, body) = c
        .post(&format!("/api/v1/transfers/{id}/check"), &c.rep2, json!({ "client_id": b, "step": "confirm_documents" }))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{body}");
    assert!(!body.to_string().contains("Бета"));
}
