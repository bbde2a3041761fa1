//! The daily workbench through the UI and the API: a touch with its date, people and next
//! step; "my day" with tasks, touches and invoices due; the head's team; closing a task.

use crate::support::Company;
use axum::http::StatusCode;
use serde_json::{json, Value};

/// Creates a client the admin hands to `rep` from 10 January (so touches are due by now).
async fn held_since_january(c: &Company, rep: &crate::support::Person, name: &str) -> String {
    let id = c.client(name).await;
    let hold =
        json!({ "employee_id": rep.employee.id, "kind": "account", "started_on": "2026-01-10", "explanation": "база" });
    let (s, body) = c.post(&format!("/api/v1/clients/{id}/assignments"), &c.admin, hold).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    id
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

#[tokio::test]
async fn a_touch_logged_on_the_card_keeps_its_date_people_and_next_step_and_a_bad_one_keeps_what_was_typed() {
    let c = Company::new().await;
    let alfa = held_since_january(&c, &c.rep1, "Альфа").await;
    let (_, contact) =
        c.post("/api/v1/contacts", &c.rep1, json!({ "client_id": alfa, "name": "Ирина Закупова" })).await;
    let contact = text(&contact["id"]).to_string();

    // A next step dated yesterday: the card comes back with everything typed and the reason
    // beside the field, in Russian, and nothing is saved.
    let bad = format!(
        "kind=call&occurred_at=2026-03-02T10%3A15&text=%D0%9E%D0%B1%D1%81%D1%83%D0%B4%D0%B8%D0%BB%D0%B8+%D1%86%D0%B5%D0%BD%D1%8B\
         &contact_ids={contact}&participant_ids={}&next_step=%D0%9E%D1%82%D0%BF%D1%80%D0%B0%D0%B2%D0%B8%D1%82%D1%8C+%D0%9A%D0%9F&next_due=2026-03-01",
        c.head.employee.id
    );
    let (s, page) = c.form(&format!("/clients/{alfa}/activities"), &c.rep1, &bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("не раньше сегодняшнего дня (02.03.2026)"), "{page}");
    assert!(page.contains("Обсудили цены") && page.contains("value=\"Отправить КП\""));
    assert!(page.contains("value=\"2026-03-01\"") && page.contains("value=\"2026-03-02T10:15\""));
    assert!(page.contains(&format!("value=\"{contact}\" checked")), "the ticked contact stays ticked");
    let (_, acts) = c.get(&format!("/api/v1/activities?client_id={alfa}"), &c.rep1).await;
    assert_eq!(acts["items"].as_array().unwrap().len(), 0);
    // A time that is not one: named in Russian too.
    let (s, page) = c.form(&format!("/clients/{alfa}/activities"), &c.rep1, "kind=call&text=x&occurred_at=вчера").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("aria-invalid=\"true\""), "{page}");

    // The same touch with the step in three days lands: the call at 10:15 Moscow time, the
    // head among our people, the contact on theirs, the step a task of the holder.
    let good = bad.replace("next_due=2026-03-01", "next_due=2026-03-05");
    let (s, _) = c.form(&format!("/clients/{alfa}/activities"), &c.rep1, &good).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, acts) = c.get(&format!("/api/v1/activities?client_id={alfa}"), &c.rep1).await;
    let act = &acts["items"][0];
    assert_eq!(text(&act["occurred_at"]), "2026-03-02T07:15:00Z");
    assert_eq!(act["participant_ids"], json!([c.head.employee.id]));
    assert_eq!(act["contact_ids"], json!([contact]));
    let (_, tasks) = c.get(&format!("/api/v1/tasks?client_id={alfa}"), &c.rep1).await;
    let task = &tasks["items"][0];
    assert_eq!((text(&task["title"]), text(&task["due_on"])), ("Отправить КП", "2026-03-05"));
    assert_eq!((text(&task["owner_id"]), &task["activity_id"]), (c.rep1.employee.id.to_string().as_str(), &act["id"]));
    let (_, card) = c.get(&format!("/clients/{alfa}"), &c.rep1).await;
    assert!(text(&card).contains("Следующие шаги") && text(&card).contains("05.03.2026"));

    // Through the API a task due yesterday is refused naming the field.
    let (s, body) =
        c.post("/api/v1/tasks", &c.rep1, json!({ "client_id": alfa, "title": "Звонок", "due_on": "2026-03-01" })).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["field"], "due_on");
    // A rep cannot set a task on a client outside his scope.
    let (s, _) =
        c.post("/api/v1/tasks", &c.rep2, json!({ "client_id": alfa, "title": "Моё", "due_on": "2026-03-03" })).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn my_day_lists_what_is_due_and_the_head_sees_it_per_rep() {
    let c = Company::new().await;
    let alfa = held_since_january(&c, &c.rep1, "Альфа").await;
    let beta = held_since_january(&c, &c.rep1, "Бета").await;
    // Beta has a task due today (so its touch is planned by it); Alfa is untouched since
    // January and owes an invoice due on 1 February.
    let (s, task) = c
        .post(
            "/api/v1/tasks",
            &c.rep1,
            json!({ "client_id": beta, "title": "Согласовать отгрузку", "due_on": "2026-03-02" }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{task}");
    let invoice = json!({ "client_id": alfa, "number": "С-17", "amount_minor": 1_234_567, "issued_on": "2026-01-10", "due_on": "2026-02-01" });
    assert_eq!(c.post("/api/v1/receivables", &c.rep1, invoice).await.0, StatusCode::CREATED);

    let (s, day) = c.get("/api/v1/my-day", &c.rep1).await;
    assert_eq!(s, StatusCode::OK, "{day}");
    assert_eq!(day["tasks"].as_array().unwrap().len(), 1);
    let touches = day["touches"].as_array().unwrap();
    assert_eq!(touches.len(), 1, "beta's touch is its task: {day}");
    assert_eq!((text(&touches[0]["client_id"]), text(&touches[0]["due_on"])), (alfa.as_str(), "2026-02-24"));
    assert_eq!((text(&touches[0]["basis"]), touches[0]["cadence_days"].as_i64()), ("held_since", Some(45)));
    assert_eq!(text(&day["invoices"][0]["number"]), "С-17");
    assert_eq!(text(&day["clients"][&alfa]), "Альфа");

    // The page: the rep's home, each line a link to the card, Russian dates and money.
    let (_, page) = c.get("/my-day", &c.rep1).await;
    let page = text(&page);
    for expected in
        ["Мой день", "Согласовать отгрузку", "Плановые касания", "24.02.2026", "Просроченные счета", "345,67\u{a0}₽"]
    {
        assert!(page.contains(expected), "{expected} missing: {page}");
    }
    assert!(page.contains(&format!("href=\"/clients/{alfa}\"")));

    // The head: his team's counts, and the rep's day one click away; another head's rep is hidden.
    let (_, team) = c.get("/api/v1/team-day", &c.head).await;
    let rep1 = team.as_array().unwrap().iter().find(|r| r["employee_id"] == json!(c.rep1.employee.id)).unwrap();
    assert_eq!(
        (rep1["tasks_today"].as_u64(), rep1["touches_due"].as_u64(), rep1["overdue_invoices"].as_u64()),
        (Some(1), Some(1), Some(1))
    );
    let (_, head_page) = c.get("/my-day", &c.head).await;
    assert!(
        text(&head_page).contains("Команда сегодня")
            && text(&head_page).contains(&format!("/my-day?employee={}", c.rep1.employee.id))
    );
    let (s, rep_day) = c.get(&format!("/my-day?employee={}", c.rep1.employee.id), &c.head).await;
    assert_eq!(s, StatusCode::OK);
    assert!(text(&rep_day).contains("Согласовать отгрузку"));
    let (s, _) = c.get(&format!("/api/v1/my-day?employee_id={}", c.rep1.employee.id), &c.rep2).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "a rep does not read a colleague's day");
    assert_eq!(c.get("/api/v1/team-day", &c.rep1).await.0, StatusCode::FORBIDDEN);

    // Done from "my day": back to the page, the task gone from it.
    let id = text(&task["id"]);
    let (s, _) = c.form(&format!("/tasks/{id}/done"), &c.rep1, "back=%2Fmy-day").await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, day) = c.get("/api/v1/my-day", &c.rep1).await;
    assert!(day["tasks"].as_array().unwrap().is_empty());
    // With the task closed, Beta's touch is planned by the cadence again.
    assert_eq!(day["touches"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn receivables_are_aged_per_client_rep_and_team_and_a_collection_step_is_a_task() {
    let c = Company::new().await;
    let alfa = held_since_january(&c, &c.rep1, "Альфа").await;
    let beta = held_since_january(&c, &c.rep2, "Бета").await;
    // Today is 2 March: due 1 March is 1 day late, 20 December 72 days, 10 March not due.
    for (client, number, amount, due) in [
        (&alfa, "A-1", 150_000_00, "2026-03-01"),
        (&alfa, "A-2", 10_000_50, "2025-12-20"),
        (&alfa, "A-3", 5_000_00, "2026-03-10"),
        (&beta, "B-1", 99_00, "2025-10-01"),
    ] {
        let invoice = json!({ "client_id": client, "number": number, "amount_minor": amount,
            "issued_on": "2025-09-01", "due_on": due });
        let (s, body) = c.post("/api/v1/receivables", &c.admin, invoice).await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
    }
    let (s, aged) = c.get("/api/v1/receivables/aging", &c.head).await;
    assert_eq!(s, StatusCode::OK, "{aged}");
    let total = &aged["total"][0];
    assert_eq!(
        [&total["not_due"], &total["days_1_30"], &total["days_61_90"], &total["over_90"]],
        [&json!(5_000_00), &json!(150_000_00), &json!(10_000_50), &json!(99_00)]
    );
    assert_eq!(aged["clients"][0]["client_id"], json!(alfa), "the largest debtor first");
    // A rep sees only his own clients; the filter by rep narrows a head's view.
    let (_, mine) = c.get("/api/v1/receivables/aging", &c.rep2).await;
    assert_eq!(mine["clients"].as_array().unwrap().len(), 1);
    let (_, one) = c.get(&format!("/api/v1/receivables/aging?owner_id={}", c.rep2.employee.id), &c.head).await;
    assert_eq!(one["total"][0]["over_90"], json!(99_00));
    let (s, _) = c.get("/api/v1/receivables/aging?team_id=x", &c.head).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    // The page: buckets in Russian with Russian money; the card shows its client's aging.
    let (s, page) = c.get("/receivables", &c.head).await;
    assert_eq!(s, StatusCode::OK);
    let page = text(&page).to_string();
    assert!(page.contains("61–90 дней") && page.contains("150\u{a0}000\u{a0}₽") && page.contains("Альфа"), "{page}");
    let (_, card) = c.get(&format!("/clients/{alfa}"), &c.rep1).await;
    assert!(text(&card).contains("Дебиторка по срокам"));
    let (_, day) = c.get("/my-day", &c.rep1).await;
    assert!(text(&day).contains("1–30 дней"), "my day ages the overdue invoices");

    // A collection step: a task of the holder; one dated yesterday is refused on the page.
    let step = |due: &str| {
        format!("title=%D0%9F%D0%BE%D0%B7%D0%B2%D0%BE%D0%BD%D0%B8%D1%82%D1%8C&due_on={due}&back=%2Freceivables")
    };
    let (s, page) = c.form(&format!("/clients/{alfa}/collect"), &c.head, &step("2026-03-01")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("не раньше сегодняшнего дня"), "{page}");
    let (s, _) = c.form(&format!("/clients/{alfa}/collect"), &c.head, &step("2026-03-05")).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, tasks) = c.get(&format!("/api/v1/tasks?client_id={alfa}"), &c.head).await;
    let task = &tasks["items"][0];
    assert_eq!((text(&task["title"]), &task["owner_id"]), ("Позвонить", &json!(c.rep1.employee.id)));
    assert_eq!(tasks["items"].as_array().unwrap().len(), 1, "the refused step saved nothing");
    // A rep cannot set one on a client he does not hold.
    let (s, _) = c.form(&format!("/clients/{beta}/collect"), &c.rep1, &step("2026-03-05")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_head_plans_a_quarterly_meeting_a_rep_sees_it_and_the_checklist_holds_it() {
    let c = Company::new().await;
    let key = held_since_january(&c, &c.rep1, "Ключевой").await;
    let (s, body) = c.patch(&format!("/api/v1/clients/{key}"), &c.admin, json!({ "tier": "key" })).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let (_, list) = c.get("/api/v1/head-meetings", &c.head).await;
    assert_eq!(list["meetings"][0]["state"], "due", "{list}");
    assert_eq!(list["quarter"], json!({ "year": 2026, "number": 1 }));

    // The head plans it from the list; a date in the past is refused on the page.
    let (_, page) = c.get("/meetings", &c.head).await;
    assert!(text(&page).contains("Ключевой") && text(&page).contains("нужна в этом квартале"));
    let (s, page) =
        c.form(&format!("/clients/{key}/head-meeting"), &c.head, "due_on=2026-02-01&back=%2Fmeetings").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("не раньше сегодняшнего дня"), "{page}");
    let (s, _) = c.form(&format!("/clients/{key}/head-meeting"), &c.head, "due_on=2026-03-10&back=%2Fmeetings").await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    // A rep may not plan one.
    let (s, _) = c.form(&format!("/clients/{key}/head-meeting"), &c.rep1, "due_on=2026-03-10").await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // The rep sees it planned on the card and cannot cancel it through the API.
    let (_, card) = c.get(&format!("/clients/{key}"), &c.rep1).await;
    assert!(text(&card).contains("запланирована") && text(&card).contains("10.03.2026"), "{card}");
    let (_, tasks) = c.get(&format!("/api/v1/tasks?client_id={key}"), &c.rep1).await;
    let task = &tasks["items"][0];
    assert_eq!((&task["kind"], &task["owner_id"]), (&json!("head_meeting"), &json!(c.head.employee.id)));
    let id = text(&task["id"]).to_string();
    let (s, body) = c.patch(&format!("/api/v1/tasks/{id}"), &c.rep1, json!({ "status": "cancelled" })).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["code"], "head_meeting_by_head", "{body}");

    // The head's own day counts it; he logs the meeting on the card with the checklist.
    let (_, day) = c.get("/my-day", &c.head).await;
    assert!(text(&day).contains("Мои встречи с клиентами"), "{day}");
    let meeting = "kind=meeting&text=%D0%92%D1%81%D1%82%D1%80%D0%B5%D1%87%D0%B0&head_meeting=1&dm_met=1\
                   &client_says=%D0%A5%D0%B2%D0%B0%D0%BB%D1%8F%D1%82+%D0%B4%D0%BE%D1%81%D1%82%D0%B0%D0%B2%D0%BA%D1%83";
    let (s, page) =
        c.form(&format!("/clients/{key}/activities"), &c.head, &meeting.replace("kind=meeting", "kind=call")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("чек-лист бывает только у встречи или визита"), "{page}");
    let (s, _) = c.form(&format!("/clients/{key}/activities"), &c.head, meeting).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, list) = c.get("/api/v1/head-meetings", &c.rep1).await;
    assert_eq!(list["meetings"][0]["state"], "met", "{list}");
    // The page shows one state's meetings when asked.
    let (_, held) = c.get("/meetings?state=met", &c.head).await;
    assert!(text(&held).contains(&format!("id=\"client-{key}\"")), "{held}");
    let (_, late) = c.get("/meetings?state=overdue", &c.head).await;
    assert!(!text(&late).contains(&format!("id=\"client-{key}\"")));
    let (_, acts) = c.get(&format!("/api/v1/activities?client_id={key}"), &c.head).await;
    assert_eq!(acts["items"][0]["checklist"]["client_says"], "Хвалят доставку");
    assert_eq!(acts["items"][0]["checklist"]["decision_makers_met"], true);
}
