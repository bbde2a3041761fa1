//! Creating and changing clients, contacts, deals and invoices through the UI's forms: what was
//! typed lands as the API would store it, a refused form comes back with everything typed and
//! each reason beside its field in Russian, and nothing is saved.

use crate::support::Company;
use axum::http::StatusCode;
use serde_json::Value;

/// A form body from pairs, percent-encoded.
fn body(pairs: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&")
}

/// A page as `who` sees it: the status and the HTML.
async fn page(c: &Company, uri: &str, who: &crate::support::Person) -> (StatusCode, String) {
    let (s, v) = c.get(uri, who).await;
    (s, v.as_str().unwrap_or_default().to_string())
}

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().expect("a page of items")
}

#[tokio::test]
async fn a_rep_creates_a_client_with_its_channels_and_holds_it_and_a_bad_one_keeps_what_was_typed() {
    let c = Company::new().await;
    let (s, html) = page(&c, "/clients/new", &c.rep1).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Новый клиент") && html.contains("name=\"channels.value\""), "{html}");

    // An ИНН that fails its check digit: the page comes back with every value typed.
    let typed = [
        ("name", "ООО «Вектор»"),
        ("legal_id", "7707083894"),
        ("tier", "key"),
        ("potential_minor", "2 500 000,50"),
        ("currency", "RUB"),
        ("region", "Урал"),
        ("channels.kind", "phone"),
        ("channels.label", "work"),
        ("channels.value", "+7 343 123-45-67"),
        ("channels.kind", "web"),
        ("channels.label", "work"),
        ("channels.value", "vektor.ru"),
    ];
    let (s, html) = c.form("/clients/new", &c.rep1, &body(&typed)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(html.contains("aria-invalid=\"true\"") && html.contains("контрольн"), "{html}");
    assert!(html.contains("value=\"ООО «Вектор»\"") && html.contains("value=\"2 500 000,50\""));
    assert!(html.contains("value=\"vektor.ru\""), "the channels typed stay");
    let (_, list) = c.get("/api/v1/clients?q=%D0%92%D0%B5%D0%BA%D1%82%D0%BE%D1%80", &c.rep1).await;
    assert!(items(&list).is_empty(), "nothing saved");

    // With a right ИНН it lands: held by the rep, the potential in kopecks, the channels kept.
    let good: Vec<(&str, &str)> =
        typed.iter().map(|(k, v)| if *k == "legal_id" { (*k, "7707083893") } else { (*k, *v) }).collect();
    let (s, _) = c.form("/clients/new", &c.rep1, &body(&good)).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, list) = c.get("/api/v1/clients?q=%D0%92%D0%B5%D0%BA%D1%82%D0%BE%D1%80", &c.rep1).await;
    let item = &items(&list)[0];
    assert_eq!(item["holder"]["employee_id"], c.rep1.employee.id.to_string());
    let client = item;
    assert_eq!((client["potential_minor"].as_i64(), client["tier"].as_str()), (Some(250_000_050), Some("key")));
    let channels: Vec<&str> =
        client["channels"].as_array().unwrap().iter().map(|ch| ch["value"].as_str().unwrap()).collect();
    assert_eq!(channels, ["+7 343 123-45-67", "vektor.ru"]);
    assert_eq!(client["channels"][0]["e164"], "+73431234567");

    // The edit form shows it as it is; a cleared name is refused beside the field.
    let id = client["id"].as_str().unwrap();
    let (s, html) = page(&c, &format!("/clients/{id}/edit"), &c.rep1).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("value=\"2\u{a0}500\u{a0}000,50\"") && html.contains("value=\"vektor.ru\""), "{html}");
    let (s, html) = c.form(&format!("/clients/{id}/edit"), &c.rep1, &body(&[("name", ""), ("region", "Сибирь")])).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("заполните это поле"), "{html}");
    let (s, _) = c
        .form(&format!("/clients/{id}/edit"), &c.rep1, &body(&[("name", "ООО «Вектор-М»"), ("region", "Сибирь")]))
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, one) = c.get(&format!("/api/v1/clients/{id}"), &c.rep1).await;
    assert_eq!((one["name"].as_str(), one["region"].as_str()), (Some("ООО «Вектор-М»"), Some("Сибирь")));
    // The audit log has the change, as the API's would.
    let (_, audit) = c.get(&format!("/api/v1/audit?entity_id={id}"), &c.admin).await;
    let actions: Vec<&str> = items(&audit).iter().filter_map(|e| e["action"].as_str()).collect();
    assert!(actions.contains(&"client.update") && actions.contains(&"client.create"), "{actions:?}");

    // A channel that came from an imported column keeps its column through an edit: the form
    // carries it hidden with the row.
    let imported = serde_json::json!({ "name": "Гамма", "channels": [
        { "kind": "phone", "label": "mobile", "value": "8 912 000-00-00", "source_column": "Мобильный телефон" }
    ] });
    let (_, gamma) = c.post("/api/v1/clients", &c.rep1, imported).await;
    let gid = gamma["id"].as_str().unwrap();
    let (_, html) = page(&c, &format!("/clients/{gid}/edit"), &c.rep1).await;
    assert!(html.contains("value=\"Мобильный телефон\""), "{html}");
    let resent = [
        ("name", "Гамма"),
        ("channels.source_column", "Мобильный телефон"),
        ("channels.kind", "phone"),
        ("channels.label", "mobile"),
        ("channels.value", "8 912 000-00-01"),
        ("channels.source_column", ""),
        ("channels.kind", "phone"),
        ("channels.label", "work"),
        ("channels.value", ""),
    ];
    assert_eq!(c.form(&format!("/clients/{gid}/edit"), &c.rep1, &body(&resent)).await.0, StatusCode::SEE_OTHER);
    let (_, one) = c.get(&format!("/api/v1/clients/{gid}"), &c.rep1).await;
    let ch = &one["channels"].as_array().unwrap()[..];
    assert_eq!(ch.len(), 1, "the blank row adds nothing");
    assert_eq!(
        (ch[0]["value"].as_str(), ch[0]["source_column"].as_str()),
        (Some("8 912 000-00-01"), Some("Мобильный телефон"))
    );

    // An auditor is refused the form; a rep of another team does not find the client.
    assert_eq!(page(&c, "/clients/new", &c.auditor).await.0, StatusCode::FORBIDDEN);
    assert_eq!(page(&c, &format!("/clients/{id}/edit"), &c.rep2).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_contact_deal_and_invoice_are_added_and_changed_on_the_card() {
    let c = Company::new().await;
    let alfa = c.rep_client(&c.rep1, "Альфа").await;

    // A contact with two phones and a level; a bad e-mail keeps both phones typed.
    let contact = [
        ("name", "Ирина Закупова"),
        ("position", "Директор по закупкам"),
        ("level", "influencer"),
        ("phones", "+7 495 111-22-33"),
        ("phones", "+7 916 000-11-22"),
        ("phones", ""),
        ("emails", "irina@"),
        ("consent", "on"),
    ];
    let new_contact = format!("/clients/{alfa}/contacts/new");
    let (s, html) = c.form(&new_contact, &c.rep1, &body(&contact)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("value=\"+7 916 000-11-22\"") && html.contains("irina@"), "{html}");
    let good: Vec<(&str, &str)> =
        contact.iter().map(|(k, v)| if *k == "emails" { (*k, "irina@alfa.ru") } else { (*k, *v) }).collect();
    let (s, _) = c.form(&new_contact, &c.rep1, &body(&good)).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, contacts) = c.get(&format!("/api/v1/contacts?client_id={alfa}"), &c.rep1).await;
    let saved = &items(&contacts)[0];
    assert_eq!(saved["phones"].as_array().unwrap().len(), 2);
    assert_eq!((saved["level"].as_str(), saved["consent"].as_bool()), (Some("influencer"), Some(true)));
    assert_eq!(saved["decision_maker"], false);
    // Made the decision maker through its edit form: the flag follows the level.
    let cid = saved["id"].as_str().unwrap();
    let edited: Vec<(&str, &str)> =
        good.iter().map(|(k, v)| if *k == "level" { (*k, "decision_maker") } else { (*k, *v) }).collect();
    assert_eq!(c.form(&format!("/contacts/{cid}/edit"), &c.rep1, &body(&edited)).await.0, StatusCode::SEE_OTHER);
    let (_, one) = c.get(&format!("/api/v1/contacts/{cid}"), &c.rep1).await;
    assert_eq!((one["level"].as_str(), one["decision_maker"].as_bool()), (Some("decision_maker"), Some(true)));

    // A deal typed as people type money, with a next step in three days: both land together.
    let deal = [
        ("title", "Поставка насосов"),
        ("stage", "open"),
        ("phase", "proposal"),
        ("amount_minor", "1 234 567,89 ₽"),
        ("currency", "RUB"),
        ("opened_on", "2026-03-02"),
        ("expected_close_on", "2026-04-15"),
        ("next_step.title", "Отправить КП"),
        ("next_step.due_on", "2026-02-27"),
    ];
    let new_deal = format!("/clients/{alfa}/deals/new");
    // The step in the past: nothing is saved, neither the deal nor the step.
    let (s, html) = c.form(&new_deal, &c.rep1, &body(&deal)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("не раньше сегодняшнего дня"), "{html}");
    let (_, deals) = c.get(&format!("/api/v1/deals?client_id={alfa}"), &c.rep1).await;
    assert!(items(&deals).is_empty());
    // A negative amount and a date that is not one are each named.
    let worse: Vec<(&str, &str)> = deal
        .iter()
        .map(|(k, v)| match *k {
            "amount_minor" => (*k, "-5"),
            "opened_on" => (*k, "32.13.2026"),
            _ => (*k, *v),
        })
        .collect();
    let (s, html) = c.form(&new_deal, &c.rep1, &body(&worse)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("32.13.2026") && html.matches("field-error").count() >= 2, "{html}");
    let good: Vec<(&str, &str)> =
        deal.iter().map(|(k, v)| if *k == "next_step.due_on" { (*k, "2026-03-05") } else { (*k, *v) }).collect();
    assert_eq!(c.form(&new_deal, &c.rep1, &body(&good)).await.0, StatusCode::SEE_OTHER);
    let (_, deals) = c.get(&format!("/api/v1/deals?client_id={alfa}"), &c.rep1).await;
    let d = &items(&deals)[0];
    assert_eq!((d["amount_minor"].as_i64(), d["phase"].as_str()), (Some(123_456_789), Some("proposal")));
    assert_eq!(d["expected_close_on"], "2026-04-15");
    let (_, tasks) = c.get(&format!("/api/v1/tasks?client_id={alfa}"), &c.rep1).await;
    assert_eq!(items(&tasks)[0]["title"], "Отправить КП");

    // Won from its edit form without a close date: the reason is said beside "closed".
    let did = d["id"].as_str().unwrap();
    let won: Vec<(&str, &str)> = good
        .iter()
        .filter(|(k, _)| !k.starts_with("next_step"))
        .map(|(k, v)| if *k == "stage" { (*k, "won") } else { (*k, *v) })
        .collect();
    let (s, html) = c.form(&format!("/deals/{did}/edit"), &c.rep1, &body(&won)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    let mut won = won;
    won.push(("closed_on", "2026-03-02"));
    assert_eq!(c.form(&format!("/deals/{did}/edit"), &c.rep1, &body(&won)).await.0, StatusCode::SEE_OTHER);
    let (_, one) = c.get(&format!("/api/v1/deals/{did}"), &c.rep1).await;
    assert_eq!(
        (one["stage"].as_str(), one["credited_to"].as_str()),
        (Some("won"), Some(c.rep1.employee.id.to_string().as_str()))
    );

    // An invoice in roubles with kopecks; then paid.
    let invoice = [
        ("number", "СЧ-17"),
        ("amount_minor", "15 000,5"),
        ("currency", "RUB"),
        ("issued_on", "2026-03-02"),
        ("due_on", "2026-03-01"),
    ];
    let new_invoice = format!("/clients/{alfa}/receivables/new");
    let (s, html) = c.form(&new_invoice, &c.rep1, &body(&invoice)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "due before issued");
    assert!(html.contains("value=\"15 000,5\""), "{html}");
    let good: Vec<(&str, &str)> =
        invoice.iter().map(|(k, v)| if *k == "due_on" { (*k, "2026-03-16") } else { (*k, *v) }).collect();
    assert_eq!(c.form(&new_invoice, &c.rep1, &body(&good)).await.0, StatusCode::SEE_OTHER);
    let (_, invoices) = c.get(&format!("/api/v1/receivables?client_id={alfa}"), &c.rep1).await;
    let r = &items(&invoices)[0];
    assert_eq!(r["amount_minor"].as_i64(), Some(1_500_050));
    let rid = r["id"].as_str().unwrap();
    let mut paid = good.clone();
    paid.push(("paid_on", "2026-03-02"));
    assert_eq!(c.form(&format!("/receivables/{rid}/edit"), &c.rep1, &body(&paid)).await.0, StatusCode::SEE_OTHER);
    let (_, one) = c.get(&format!("/api/v1/receivables/{rid}"), &c.rep1).await;
    assert_eq!(one["paid_on"], "2026-03-02");

    // The card offers each form and shows the saved notice.
    let (_, card) = page(&c, &format!("/clients/{alfa}?changed=1"), &c.rep1).await;
    for link in ["/contacts/new", "/deals/new", "/receivables/new", "/edit"] {
        assert!(card.contains(link), "{link}");
    }
    assert!(card.contains("Сохранено."));
    // Another team's rep finds none of it.
    assert_eq!(page(&c, &format!("/deals/{did}/edit"), &c.rep2).await.0, StatusCode::NOT_FOUND);
    assert_eq!(c.form(&new_contact, &c.rep2, &body(&good)).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_deal_moves_along_the_board_and_is_won_with_its_date_and_amount() {
    let c = Company::new().await;
    let alfa = c.rep_client(&c.rep1, "Альфа").await;
    let new = serde_json::json!({
        "client_id": alfa, "title": "Поставка", "amount_minor": 100_000, "opened_on": "2026-02-01",
        "phase": "negotiation", "expected_close_on": "2026-02-20"
    });
    let (s, deal) = c.post("/api/v1/deals", &c.rep1, new).await;
    assert_eq!(s, StatusCode::CREATED, "{deal}");
    let id = deal["id"].as_str().unwrap();

    // The board: the deal under its phase with the column's total; late, it is marked.
    let (s, html) = page(&c, "/deals/board", &c.rep1).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Поставка") && html.contains("1\u{a0}000\u{a0}₽") && html.contains("→ договор"), "{html}");
    let (_, api) = c.get("/api/v1/deals/board", &c.rep1).await;
    let column = api["columns"].as_array().unwrap().iter().find(|c| c["phase"] == "negotiation").unwrap();
    assert_eq!((column["deals_count"].as_u64(), column["totals"]["RUB"].as_i64()), (Some(1), Some(100_000)));
    // Another team's rep has an empty board.
    let (_, other) = c.get("/api/v1/deals/board", &c.rep2).await;
    assert!(other["columns"].as_array().unwrap().iter().all(|c| c["deals_count"] == 0));

    // To the next phase, back to the board.
    let (s, _) = c.form(&format!("/deals/{id}/move"), &c.rep1, "to=next&back=%2Fdeals%2Fboard").await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(c.get(&format!("/api/v1/deals/{id}"), &c.rep1).await.1["phase"], "contract");
    // Won without a date: the board again, the reason named, nothing changed.
    let (s, html) = c.form(&format!("/deals/{id}/move"), &c.rep1, "to=won&closed_on=&back=%2Fdeals%2Fboard").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("«Поставка»") && html.contains("заполните это поле"), "{html}");
    assert_eq!(c.get(&format!("/api/v1/deals/{id}"), &c.rep1).await.1["stage"], "open");
    // Won on a date for the amount agreed: credited to the holder.
    let won = body(&[("to", "won"), ("closed_on", "2026-03-02"), ("amount", "1 150,00"), ("back", "/deals/board")]);
    assert_eq!(c.form(&format!("/deals/{id}/move"), &c.rep1, &won).await.0, StatusCode::SEE_OTHER);
    let (_, d) = c.get(&format!("/api/v1/deals/{id}"), &c.rep1).await;
    assert_eq!((d["stage"].as_str(), d["amount_minor"].as_i64()), (Some("won"), Some(115_000)));
    assert_eq!(d["credited_to"], c.rep1.employee.id.to_string());
    // A stranger's move finds nothing.
    assert_eq!(c.form(&format!("/deals/{id}/move"), &c.rep2, "to=next").await.0, StatusCode::NOT_FOUND);
}
