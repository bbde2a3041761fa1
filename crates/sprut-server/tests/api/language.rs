//! One language per page: every page and every refusal of the UI, walked as each role sees it
//! on the demo company, holds no sentence in Latin script in Russian other than names, codes and
//! addresses, and no Cyrillic in English other than the company's data.

use crate::playbook::{demo_in, Demo};
use crate::support::{date, NOW};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use sprut_core::dataset::Dataset;
use sprut_core::employee::{Employee, Language, Role};
use std::collections::HashSet;
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
/// stored: an audit event's JSON, a decision's figures, a person's words, and lines stored
/// before their reasons were kept as codes. The rotation's holdings and decisions, the
/// transfers' and the imports' are said from their codes and are checked.
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

/// Every page and refusal the walk covers on a demo company speaking `lang`: what was asked,
/// as whom, and the page's status and HTML; and the company's data.
async fn walk(lang: Language) -> (Vec<(String, String)>, Dataset) {
    const FOUND: &str = "Находка";
    let (d, data) = demo_in(lang).await;
    let who = |role: Role| -> &Employee { data.employees.iter().find(|e| e.role == role && e.can_sign_in()).unwrap() };
    let (admin, head, rep, auditor) = (who(Role::Admin), who(Role::Head), who(Role::Rep), who(Role::Auditor));
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
    // A client a rep found himself, and a dead one the head recalls straight to another rep.
    let (s, found) = d.call(Method::POST, "/api/v1/clients", rep.id, Some(json!({ "name": FOUND }))).await;
    assert_eq!(s, StatusCode::CREATED, "{found}");
    pages.push((format!("/clients/{}", found["id"].as_str().unwrap()), rep, None));
    let (_, dead) = d.call(Method::GET, "/api/v1/rotation/dead?limit=1", head.id, None).await;
    let dead_id = dead[0]["dead"]["client_id"].as_str().expect("the head's teams have a dead client").to_string();
    let holder = dead[0]["dead"]["employee_id"].as_str().unwrap_or_default().to_string();
    let uri = format!("/api/v1/clients/{dead_id}/recall");
    if let Err(refusals) = recall_to_someone(&d, &uri, head, &team, &holder).await {
        panic!("no rep of the team could take the recalled client:\n{refusals}");
    }
    pages.push((format!("/clients/{dead_id}"), head, None));
    if lang == Language::Ru {
        let (_, card) = d.page(&format!("/clients/{dead_id}"), head.id, None).await;
        assert!(card.contains("отозван руководителем у прежнего держателя"), "the recall said from its data");
        let (_, card) = d.page(&format!("/clients/{}", found["id"].as_str().unwrap()), rep.id, None).await;
        assert!(card.contains("клиента нашёл сам менеджер"), "the find said from its data");
    }
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
    if lang == Language::Ru {
        assert!(card_html.contains("отпущен на отдых до"), "the release is said from its code");
    }
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
    let mut walked = Vec::new();
    for (uri, p, form) in &pages {
        let (status, html) = d.page(uri, p.id, *form).await;
        assert!(status != StatusCode::INTERNAL_SERVER_ERROR, "{uri} as {:?}: {status}", p.role);
        walked.push((format!("{uri} ({:?}, {status})", p.role), html));
    }
    // The client the rep made is the company's data as much as the others.
    let mut data = data;
    let mut made = data.clients[0].clone();
    made.name = FOUND.into();
    data.clients.push(made);
    (walked, data)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_and_refusal_speaks_russian() {
    let (pages, data) = walk(Language::Ru).await;
    // Names of people and clients are data, whatever their script.
    let mut names: Vec<String> = data.employees.iter().map(|e| e.name.clone()).collect();
    names.extend(data.clients.iter().map(|c| c.name.clone()));
    let mut found: Vec<String> = pages.iter().flat_map(|(uri, html)| latin_on(uri, html, &names)).collect();
    found.dedup();
    assert!(found.is_empty(), "Latin sentences on Russian pages:\n{}", found.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_and_refusal_speaks_english() {
    let (pages, data) = walk(Language::En).await;
    let words = data_words(&data);
    let mut found: Vec<String> = pages.iter().flat_map(|(uri, html)| cyrillic_on(uri, html, &words)).collect();
    found.dedup();
    assert!(found.is_empty(), "Cyrillic on English pages:\n{}", found.join("\n"));
}

/// Recalls a client with the head's reason to the first rep of `team` who can take it (not its
/// holder); whether one could.
async fn recall_to_someone(
    d: &Demo,
    uri: &str,
    head: &Employee,
    team: &[&Employee],
    holder: &str,
) -> Result<(), String> {
    let mut refusals = Vec::new();
    for r in team.iter().filter(|r| r.id.0.to_string() != holder) {
        let body = json!({ "to": r.id.0.to_string(), "reason": "не работает с клиентом" });
        let (status, answer) = d.call(Method::POST, uri, head.id, Some(body)).await;
        if status.is_success() {
            return Ok(());
        }
        refusals.push(format!("{status} {answer}"));
    }
    Err(refusals.join("\n"))
}

/// Every word the company's records hold in Cyrillic (names, segments, notes, titles),
/// lower-cased.
fn data_words(data: &Dataset) -> HashSet<String> {
    fn leaves(v: &Value, out: &mut HashSet<String>) {
        match v {
            Value::String(s) => out.extend(cyrillic_words(s)),
            Value::Array(a) => a.iter().for_each(|x| leaves(x, out)),
            Value::Object(o) => o.values().for_each(|x| leaves(x, out)),
            _ => {}
        }
    }
    let mut out = HashSet::new();
    let records = [
        serde_json::to_value(&data.teams),
        serde_json::to_value(&data.employees),
        serde_json::to_value(&data.clients),
        serde_json::to_value(&data.contacts),
        serde_json::to_value(&data.assignments),
        serde_json::to_value(&data.deals),
        serde_json::to_value(&data.activities),
        serde_json::to_value(&data.receivables),
        serde_json::to_value(&data.transfers),
        serde_json::to_value(&data.tasks),
    ];
    for r in records {
        leaves(&r.unwrap(), &mut out);
    }
    out
}

/// The words of `text` written in Cyrillic, lower-cased.
fn cyrillic_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}')))
        .map(str::to_lowercase)
}

/// The texts of an English page holding a Cyrillic word that is not the company's data (a
/// name, a segment, a note): a Russian sentence of the UI has words no record holds.
fn cyrillic_on(uri: &str, html: &str, data: &HashSet<String>) -> Vec<String> {
    visible_text(html)
        .iter()
        .filter(|t| cyrillic_words(t).any(|w| !data.contains(&w) && !ALLOWED_CYRILLIC.contains(&w.as_str())))
        .map(|t| format!("{uri}: «{}»", t.trim()))
        .collect()
}

/// Cyrillic an English page may show: the Russian tax id's name and the language's own name.
const ALLOWED_CYRILLIC: [&str; 2] = ["инн", "русский"];

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
    let data: HashSet<String> = cyrillic_words("ООО Ромашка, Опт").collect();
    let page = "<td>ООО Ромашка · Опт</td><td>ИНН 7707083893</td><p>Клиент отпущен</p>";
    assert_eq!(cyrillic_on("/x", page, &data), ["/x: «Клиент отпущен»"]);
}
