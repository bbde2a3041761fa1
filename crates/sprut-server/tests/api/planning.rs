//! The redistribution planner through the API and the pages: a preview with its reasons and
//! chart, limits that name what to relax, a refused apply when the book changed, and an apply
//! that makes the transfers.

use crate::support::{Company, Person};
use axum::http::StatusCode;
use serde_json::json;

/// A client the admin gives `rep` to hold as an account.
async fn account(c: &Company, rep: &Person, name: &str) {
    let id = c.client(name).await;
    let body =
        json!({ "employee_id": rep.employee.id, "kind": "account", "started_on": "2026-01-10", "explanation": "база" });
    let (s, got) = c.post(&format!("/api/v1/clients/{id}/assignments"), &c.admin, body).await;
    assert_eq!(s, StatusCode::CREATED, "{got}");
}

#[tokio::test]
async fn a_head_previews_and_applies_a_redistribution_of_his_team() {
    let c = Company::new().await;
    let team = c.rep1.employee.team_id.unwrap();
    // Rep 1 holds six clients, rep 2 none.
    for i in 0..6 {
        account(&c, &c.rep1, &format!("Клиент {i}")).await;
    }
    let ask = json!({ "team_id": team, "balance_percent": 0 });

    // A rep may not plan; a limit with no plan is named with what it needs.
    assert_eq!(c.post("/api/v1/plans/redistribution", &c.rep1, ask.clone()).await.0, StatusCode::FORBIDDEN);
    let tight = json!({ "team_id": team, "balance_percent": 0, "max_moves": 1 });
    let (s, body) = c.post("/api/v1/plans/redistribution", &c.head, tight).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["field"], "max_moves", "{body}");
    assert!(body["fields"][0]["reason"].as_str().unwrap().contains("needs 3 moves"), "{body}");
    let (s, page) = c.form("/planning", &c.head, &format!("team_id={team}&balance_percent=0&max_moves=1")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("для баланса нужно переносов: 3"), "{page}");
    let (s, page) = c.form("/planning", &c.head, &format!("team_id={team}&balance_percent=ten")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("«ten»"), "the typed value is named");

    // The preview: three clients from rep 1 to rep 2, each with its reason.
    let (s, plan) = c.post("/api/v1/plans/redistribution", &c.head, ask.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{plan}");
    let moves = plan["moves"].as_array().unwrap();
    assert_eq!(moves.len(), 3);
    assert!(moves.iter().all(|m| m["from_id"] == c.rep1.employee.id.to_string()));
    assert!(moves[0]["reason"].as_str().unwrap().contains("holds 6 clients against the team's mean of 3.0"));
    let id = plan["id"].as_str().unwrap().to_string();
    assert_eq!(c.get(&format!("/api/v1/plans/redistribution/{id}"), &c.head).await.1, plan);
    assert_eq!(c.get(&format!("/api/v1/plans/redistribution/{id}"), &c.rep1).await.0, StatusCode::NOT_FOUND);
    let (_, list) = c.get("/api/v1/plans/redistribution", &c.auditor).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!((list[0]["moves"].as_i64(), list[0]["clients"].as_i64()), (Some(3), Some(6)), "{list}");

    // Its page: the chart, the loads, the moves in Russian, the apply form.
    let (s, page) = c.get(&format!("/planning/{id}"), &c.head).await;
    let page = page.as_str().unwrap_or_default().to_string();
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("id=\"plan-chart\"") && page.contains("<rect"), "a drawn chart");
    assert!(page.contains("id=\"plan-moves\"") && page.contains("id=\"apply-form\""));
    assert!(page.contains("6 клиентов при среднем по команде 3,0"), "{page}");
    let (_, list_page) = c.get("/planning", &c.head).await;
    assert!(list_page.as_str().unwrap().contains(&format!("/planning/{id}")));

    // Rep 2 is given a client: the book changed, the apply is refused in both.
    account(&c, &c.rep2, "Свой").await;
    let (s, body) = c.post(&format!("/api/v1/plans/redistribution/{id}/apply"), &c.head, json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{body}");
    assert!(body.to_string().contains("Свой joined"), "{body}");
    let (s, page) = c.form(&format!("/planning/{id}/apply"), &c.head, "effective_on=").await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(page.contains("«Свой» — новый в базе команды"), "{page}");
    let (_, transfers) = c.get("/api/v1/transfers", &c.head).await;
    assert!(transfers["items"].as_array().unwrap().is_empty());

    // Planned again (7 clients: 4 and 3) and applied from the page: one transfer, handed over.
    let (_, plan) = c.post("/api/v1/plans/redistribution", &c.head, ask).await;
    let id = plan["id"].as_str().unwrap().to_string();
    assert_eq!(plan["moves"].as_array().unwrap().len(), 2, "{plan}");
    let (s, _) = c.form(&format!("/planning/{id}/apply"), &c.head, "effective_on=2026-03-02").await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, applied) = c.get(&format!("/api/v1/plans/redistribution/{id}"), &c.head).await;
    assert_eq!(applied["transfers"].as_array().unwrap().len(), 1, "{applied}");
    let t = applied["transfers"][0].as_str().unwrap();
    let (_, transfer) = c.get(&format!("/api/v1/transfers/{t}"), &c.head).await;
    assert_eq!((transfer["cause"].as_str(), transfer["state"].as_str()), (Some("rebalance"), Some("in_progress")));
    let (_, page) = c.get(&format!("/planning/{id}"), &c.head).await;
    let page = page.as_str().unwrap();
    assert!(page.contains("применён") && page.contains(&format!("/transfers/{t}")) && !page.contains("apply-form"));
    assert!(page.contains("id=\"plan-outcome\""), "how the plan sells is followed on its page");
    let (_, report) = c.get("/reports/transfers", &c.head).await;
    assert!(report.as_str().unwrap().contains("id=\"by-plan\""), "and in the transfer report");
    let (_, report) = c.get("/api/v1/reports/transfers", &c.head).await;
    assert_eq!(report["by_plan"][0]["key"].as_str(), Some(id.as_str()), "{report}");
    let (s, _) = c.post(&format!("/api/v1/plans/redistribution/{id}/apply"), &c.head, json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "applied once");
}
