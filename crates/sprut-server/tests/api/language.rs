//! One language per page: every page and every refusal of the UI, walked in Russian as each
//! role sees it on the demo company, holds no sentence in Latin script other than names,
//! codes and addresses.

use crate::playbook::demo;
use crate::support::{date, NOW};
use axum::http::{Method, StatusCode};
use serde_json::json;
use sprut_core::employee::{Employee, Role};
use time::Duration;

/// Words in Latin script a Russian page may show: the product, formats, units and codes.
const ALLOWED: [&str; 14] = [
    "sprut",
    "csv",
    "xlsx",
    "api",
    "smtp",
    "utf",
    "json",
    "ical",
    "id",
    "inn",
    "e-mail",
    "email",
    "authorization",
    "bearer",
];

/// The visible text of `html`: text nodes and the words of `placeholder`, `title`, `alt` and
/// `aria-label`, entities decoded. Left out: elements of class `as-written`, records shown as
/// stored: an audit event's JSON, a decision's figures, a person's words, and the lines not yet
/// stored as codes (an import's inferred holding; named in issue 17's note). The rotation's
/// holdings and decisions and the transfers' are said from their codes and are checked.
fn visible_text(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(mark) = rest.find("as-written\"") {
        let open = rest[..mark].rfind('<').unwrap_or(0);
        let name: String = rest[open + 1..].chars().take_while(char::is_ascii_alphanumeric).collect();
        kept.push_str(&rest[..open]);
        let close = format!("</{name}>");
        rest = rest[mark..].find(&close).map_or("", |end| &rest[mark + end + close.len()..]);
    }
    kept.push_str(rest);
    let mut rest = kept.as_str();
    while let Some(open) = rest.find('<') {
        out.push(rest[..open].to_string());
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open..close];
        for attr in ["placeholder=\"", "title=\"", "alt=\"", "aria-label=\""] {
            if let Some(at) = tag.find(attr) {
                let value = &tag[at + attr.len()..];
                out.push(value[..value.find('"').unwrap_or(value.len())].to_string());
            }
        }
        rest = &rest[close..];
    }
    out.push(rest.to_string());
    out.into_iter()
        .map(|t| {
            t.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
        })
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// The first run of two or more Latin-script words in `text` that are not an address, a code
/// (`client.view`, `Europe/Moscow`, a URL) or an allowed word, if any.
fn latin_sentence(text: &str) -> Option<String> {
    let mut run: Vec<&str> = Vec::new();
    for token in text.split(|c: char| c.is_whitespace() || ",;!?()«»\"".contains(c)) {
        let word = token.trim_end_matches(['.', ':']);
        let latin = word.chars().filter(char::is_ascii_alphabetic).count() >= 2
            && word.chars().all(|c| c.is_ascii_alphabetic() || "-'".contains(c))
            && !ALLOWED.contains(&word.to_lowercase().as_str());
        if latin {
            run.push(word);
            if run.len() >= 2 {
                return Some(run.join(" "));
            }
        } else {
            run.clear();
        }
    }
    None
}

/// The Latin sentences of a page, with the page they were found on.
fn latin_on(uri: &str, html: &str, names: &[String]) -> Vec<String> {
    visible_text(html)
        .iter()
        .map(|t| names.iter().fold(t.clone(), |t, n| t.replace(n.as_str(), "")))
        .filter_map(|t| latin_sentence(&t).map(|s| format!("{uri}: «{s}» in «{}»", t.trim())))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_and_refusal_speaks_russian() {
    let (d, data) = demo().await;
    let who = |role: Role| -> &Employee { data.employees.iter().find(|e| e.role == role && e.can_sign_in()).unwrap() };
    let (admin, head, rep, auditor) = (who(Role::Admin), who(Role::Head), who(Role::Rep), who(Role::Auditor));
    // Names of people and clients are data, whatever their script.
    let mut names: Vec<String> = data.employees.iter().map(|e| e.name.clone()).collect();
    names.extend(data.clients.iter().map(|c| c.name.clone()));
    let card = data.assignments.iter().find(|a| a.employee_id == rep.id && a.ended_on.is_none()).unwrap().client_id;
    let transfer = data.transfers.first().map(|t| t.id.0.to_string());
    let mut pages: Vec<(String, &Employee, Option<&str>)> = Vec::new();
    let everyone = [admin, head, rep, auditor];
    for p in everyone {
        for uri in [
            "/clients",
            "/employees",
            "/alerts",
            "/audit",
            "/exports",
            "/transfers",
            "/offboardings",
            "/reports/transfers",
            "/rotation",
            "/rotation/cycle",
            "/rotation/scorecard",
            "/rotation/reports",
            "/settings",
            "/outbox",
            "/import",
            "/contact-pool",
            "/tokens",
            "/no-such-page",
        ] {
            pages.push((uri.to_string(), p, None));
        }
        pages.push((format!("/clients/{}", card.0), p, None));
    }
    pages.push(("/transfers/new".into(), head, None));
    if let Some(t) = &transfer {
        pages.push((format!("/transfers/{t}"), head, None));
    }
    // A transfer the rules share between two receivers: its page and the cards say why each.
    let team: Vec<&Employee> =
        data.employees.iter().filter(|e| e.role == Role::Rep && e.team_id == head.team_id && e.can_sign_in()).collect();
    let giver = team[team.len() - 1];
    let held: Vec<String> = data
        .assignments
        .iter()
        .filter(|a| a.employee_id == giver.id && a.ended_on.is_none())
        .take(2)
        .map(|a| a.client_id.0.to_string())
        .collect();
    let to: Vec<String> = team[1..team.len() - 1].iter().take(2).map(|e| e.id.0.to_string()).collect();
    let new = json!({ "from_id": giver.id.0.to_string(), "clients": held, "to": to, "effective_on": date(NOW.date()) });
    let (s, shared) = d.call(Method::POST, "/api/v1/transfers", head.id, Some(new)).await;
    assert_eq!(s, StatusCode::CREATED, "{shared}");
    pages.push((format!("/transfers/{}", shared["id"].as_str().unwrap()), head, None));
    pages.extend(held.iter().map(|c| (format!("/clients/{c}"), head, None)));
    // What the rules write: a day of rotation (releases, hand-outs), and a departure's plan.
    let (s, day) = d.call(Method::POST, "/api/v1/rotation/rotate", admin.id, Some(json!({}))).await;
    assert_eq!(s, StatusCode::OK, "{day}");
    for kind in ["releases", "handouts", "conversions"] {
        if let Some(client) = day[kind][0]["client_id"].as_str() {
            pages.push((format!("/clients/{client}"), admin, None));
        }
    }
    let released = day["releases"][0]["client_id"].as_str().expect("the demo releases clients on its day");
    let (_, card_html) = d.page(&format!("/clients/{released}"), admin.id, None).await;
    assert!(card_html.contains("отпущен на отдых до"), "the release is said from its code");
    let leaver = data.employees.iter().find(|e| e.role == Role::Rep && e.team_id == head.team_id && e.can_sign_in());
    let uri = format!("/api/v1/employees/{}/offboard", leaver.unwrap().id.0);
    let (s, plan) =
        d.call(Method::POST, &uri, head.id, Some(json!({ "last_day": date(NOW.date() + Duration::days(7)) }))).await;
    assert_eq!(s, StatusCode::CREATED, "{plan}");
    pages.push((format!("/offboardings/{}", plan["offboarding"]["id"].as_str().unwrap()), head, None));
    // Refusals: a form with bad values, an action on a record one may not touch.
    pages.push(("/settings".into(), admin, Some("company_name=&time_zone=Mars%2FOlympus&cycle_days=-3")));
    pages.push((format!("/clients/{}/activities", card.0), rep, Some("kind=call&text=")));
    pages.push((format!("/clients/{}/report", card.0), rep, Some("status=nonsense&note=")));
    pages.push(("/employees".into(), admin, Some("name=&email=not-an-address&role=rep")));
    let mut found = Vec::new();
    for (uri, p, form) in &pages {
        let (status, html) = d.page(uri, p.id, *form).await;
        assert!(status != StatusCode::INTERNAL_SERVER_ERROR, "{uri} as {:?}: {status}", p.role);
        found.extend(latin_on(&format!("{uri} ({:?}, {status})", p.role), &html, &names));
    }
    found.dedup();
    assert!(found.is_empty(), "Latin sentences on Russian pages:\n{}", found.join("\n"));
}

#[test]
fn the_check_finds_an_english_sentence_and_spares_codes_and_addresses() {
    assert_eq!(latin_sentence("no activity for 188 days").as_deref(), Some("no activity"));
    assert_eq!(latin_sentence("Файл CSV или XLSX, до 50 МБ"), None);
    assert_eq!(latin_sentence("напишите на head1@demo.sprut"), None);
    assert_eq!(latin_sentence("сайт https://vektorservis.ru, пояс Europe/Moscow, событие client.view"), None);
    assert_eq!(latin_sentence("Only a development can be extended.").as_deref(), Some("development can"));
    assert_eq!(latin_sentence("Выгрузка в JSON через API"), None);
    assert_eq!(visible_text("<p title=\"Only the holder\">Текст &amp; ещё</p>"), ["Only the holder", "Текст & ещё"]);
    assert_eq!(visible_text("<td class=\"explain as-written\">as typed</td><td>Да</td>"), ["Да"]);
}
