//! Imports through the API and the web UI: preview with the suggested mapping and a dry run,
//! apply, re-apply changes nothing; reps may not import.

use crate::support::{Company, NOW};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use sprut_core::store::prelude::*;
use sprut_core::store::Session;
use sprut_core::Actor;
use sprut_server::auth::{new_token, SESSION_COOKIE};
use tower::ServiceExt;

const FILE: &str = "id;Название;ИНН;Ответственный;Статус\nk1;ООО Ромашка;7707083893;rep1@firm.ru;ключевой\nk2;АО Лютик;;Никто Неизвестный;\n";

async fn upload(c: &Company, uri: &str, token: &str) -> (StatusCode, Value) {
    let req = Request::post(uri)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/octet-stream")
        .body(Body::from(FILE))
        .unwrap();
    c.send(req).await
}

#[tokio::test]
async fn preview_apply_and_reapply() {
    let c = Company::new().await;
    let (status, p) = upload(&c, "/api/v1/imports/clients/preview?file_name=a.csv", &c.head.token).await;
    assert_eq!(status, StatusCode::OK, "{p}");
    let fields: Vec<(&str, Option<&str>)> =
        p["columns"].as_array().unwrap().iter().map(|c| (c["column"].as_str().unwrap(), c["field"].as_str())).collect();
    assert_eq!(
        fields[..4],
        [
            ("id", Some("external_id")),
            ("Название", Some("name")),
            ("ИНН", Some("legal_id")),
            ("Ответственный", Some("holder"))
        ]
    );
    assert_eq!(p["outcome"]["created"], 1);
    assert_eq!(p["outcome"]["errors"][0]["row"], 3);
    assert_eq!(p["outcome"]["errors"][0]["column"], "Ответственный");
    assert_eq!(p["outcome"]["committed"], false);
    // The bad rows as the file had them, for the uploader only.
    let key = p["errors_key"].as_str().expect("an errors file");
    let get = |token: &str| {
        Request::get(format!("/api/v1/imports/errors/{key}"))
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };
    let (status, text) = c.send(get(&c.head.token)).await;
    assert_eq!(status, StatusCode::OK);
    let text = text.as_str().unwrap_or_default();
    // In the uploader's language: the head of the test company reads Russian.
    assert!(text.contains("ошибка;id;Название") && text.contains("k2;АО Лютик;;Никто Неизвестный"), "{text}");
    assert!(text.contains("Ответственный: сотрудника «Никто Неизвестный» нет"), "{text}");
    assert_eq!(c.send(get(&c.admin.token)).await.0, StatusCode::NOT_FOUND, "another user's errors file is not there");

    let (status, all) = c.get("/api/v1/clients", &c.admin).await;
    assert_eq!((status, all["items"].as_array().map(Vec::len)), (StatusCode::OK, Some(0)), "the preview wrote nothing");
    let (_, refused) = upload(&c, "/api/v1/imports/clients", &c.head.token).await;
    assert_eq!(refused["outcome"]["committed"], false, "all or nothing");
    let (status, done) = upload(&c, "/api/v1/imports/clients?partial=true&map=Статус%3Dtier", &c.head.token).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!((done["outcome"]["created"].as_u64(), done["outcome"]["committed"].as_bool()), (Some(1), Some(true)));
    let (_, again) = upload(&c, "/api/v1/imports/clients?partial=true&map=Статус%3Dtier", &c.head.token).await;
    assert_eq!((again["outcome"]["created"].as_u64(), again["outcome"]["skipped"].as_u64()), (Some(0), Some(1)));
    let (_, all) = c.get("/api/v1/clients", &c.admin).await;
    let romashka = &all["items"][0];
    assert_eq!((romashka["name"].as_str(), romashka["tier"].as_str()), (Some("ООО Ромашка"), Some("key")));
    assert_eq!(romashka["holder"]["employee_id"], serde_json::json!(c.rep1.employee.id));

    let (status, _) = upload(&c, "/api/v1/imports/clients/preview", &c.rep1.token).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, bad) = upload(&c, "/api/v1/imports/clients?map=Нет%3Dname", &c.admin.token).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad["message"].as_str().unwrap().contains("no column 'Нет'"), "{bad}");
}

#[tokio::test]
async fn the_ui_uploads_maps_and_applies() {
    let c = Company::new().await;
    let (cookie, hash) = new_token();
    let (csrf, _) = new_token();
    let session = Session {
        token_hash: hash,
        employee_id: c.admin.employee.id,
        csrf_token: csrf.clone(),
        expires_at: NOW + time::Duration::hours(1),
    };
    c.state.store.create_session(&Actor::system(NOW), session).await.unwrap();
    let page = |req: Request<Body>| {
        let app = c.app.clone();
        async move {
            let res = app.oneshot(req).await.unwrap();
            let status = res.status();
            let bytes = axum::body::to_bytes(res.into_body(), 1 << 24).await.unwrap();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        }
    };
    let (status, html) = page(
        Request::get("/import").header("cookie", format!("{SESSION_COOKIE}={cookie}")).body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("import-upload") && html.contains("multipart/form-data"));

    let mut body = Vec::new();
    for (name, value) in [("csrf", csrf.as_str()), ("entity", "clients"), ("preset", "generic"), ("encoding", "")] {
        body.extend(format!("--B\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
    }
    body.extend(
        b"--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\n",
    );
    body.extend(FILE.as_bytes());
    body.extend(b"\r\n--B--\r\n");
    let req = Request::post("/import/upload")
        .header("cookie", format!("{SESSION_COOKIE}={cookie}"))
        .header("content-type", "multipart/form-data; boundary=B")
        .body(Body::from(body))
        .unwrap();
    let (status, html) = page(req).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("import-figures") && html.contains("import-errors") && html.contains("Никто Неизвестный"),
        "{html}"
    );
    assert!(html.contains(r#"<option value="holder" selected>"#), "the suggested field is chosen");
    assert!(html.contains("сотрудника «Никто Неизвестный» нет"), "a bad row is said in the user's language");
    // The bad rows as the file had them, to fix and upload again: for the uploader only.
    let link = html.split(r#"href="/import/errors/"#).nth(1).and_then(|r| r.split('"').next()).expect("errors link");
    let get = |who: &str| {
        Request::get(format!("/import/errors/{link}"))
            .header("cookie", format!("{SESSION_COOKIE}={who}"))
            .body(Body::empty())
            .unwrap()
    };
    let (status, csv) = page(get(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    let csv = csv.trim_start_matches('\u{feff}');
    assert!(csv.starts_with("ошибка;") && csv.contains("Никто Неизвестный"), "{csv}");
    let (other, other_hash) = new_token();
    let session = Session {
        token_hash: other_hash,
        employee_id: c.head.employee.id,
        csrf_token: "x".into(),
        expires_at: NOW + time::Duration::hours(1),
    };
    c.state.store.create_session(&Actor::system(NOW), session).await.unwrap();
    assert_eq!(page(get(&other)).await.0, StatusCode::NOT_FOUND, "another user's errors file is not there");

    let hex: String = FILE.bytes().map(|b| format!("{b:02x}")).collect();
    assert!(!html.contains(&hex) && !html.contains("Никто Неизвестный;"), "the file stays on the server");
    let key =
        html.split(r#"name="upload" value=""#).nth(1).and_then(|r| r.split('"').next()).expect("the upload's key");
    let form = format!(
        "csrf={csrf}&entity=clients&preset=generic&encoding=&upload={key}&column_0=id&field_0=external_id\
         &column_1=%D0%9D%D0%B0%D0%B7%D0%B2%D0%B0%D0%BD%D0%B8%D0%B5&field_1=name&column_2=%D0%98%D0%9D%D0%9D&field_2=\
         &column_3=%D0%9E%D1%82%D0%B2%D0%B5%D1%82%D1%81%D1%82%D0%B2%D0%B5%D0%BD%D0%BD%D1%8B%D0%B9&field_3=&partial=1&action=apply"
    );
    let req = Request::post("/import/apply")
        .header("cookie", format!("{SESSION_COOKIE}={cookie}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(form))
        .unwrap();
    let (status, html) = page(req).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("import-done"), "{html}");
    let again = Request::post("/import/apply")
        .header("cookie", format!("{SESSION_COOKIE}={cookie}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(format!("csrf={csrf}&entity=clients&upload={key}&action=apply")))
        .unwrap();
    let (_, html) = page(again).await;
    assert!(html.contains("больше не хранится"), "an imported upload is not kept: {html}");
    let (_, all) = c.get("/api/v1/clients", &c.admin).await;
    assert_eq!(all["items"].as_array().map(Vec::len), Some(2), "the ИНН column was left out, the holder ignored");
}

#[tokio::test]
async fn hostile_and_oversized_uploads_are_refused_with_json() {
    let c = Company::new().await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Название").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let req = Request::post("/api/v1/imports/clients/preview?file_name=sparse.xlsx")
        .header("authorization", format!("Bearer {}", c.head.token))
        .body(Body::from(book.save_to_buffer().unwrap()))
        .unwrap();
    let (status, body) = c.send(req).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let error = &body["outcome"]["file_error"];
    assert!(error["reason"].as_str().unwrap().starts_with("cell XFD1048576 is in column 16384"), "{body}");
    assert_eq!(body["outcome"]["committed"], false);

    let big = vec![b'x'; sprut_server::uploads::MAX_UPLOAD as usize + 1];
    let req = Request::post("/api/v1/imports/clients/preview?file_name=big.csv")
        .header("authorization", format!("Bearer {}", c.head.token))
        .body(Body::from(big))
        .unwrap();
    let (status, body) = c.send(req).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["code"], "payload_too_large", "{body}");
    assert!(body["message"].as_str().unwrap().contains("larger than 64 MB"), "{body}");

    let json = format!("{{\"name\": \"{}\"}}", "я".repeat(sprut_server::uploads::MAX_FORM));
    let req = Request::post("/api/v1/clients")
        .header("authorization", format!("Bearer {}", c.head.token))
        .header("content-type", "application/json")
        .body(Body::from(json))
        .unwrap();
    let (status, body) = c.send(req).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["code"], "payload_too_large", "{body}");
}

/// A file exported from this base brought back in: its canary rows are recognised and left
/// out, never imported as clients.
#[tokio::test]
async fn an_export_of_this_base_imports_without_its_canaries() {
    let c = Company::new().await;
    for i in 0..3 {
        c.rep_client(&c.rep1, &format!("ООО Клиент {i}")).await;
    }
    let (s, body) =
        c.call(axum::http::Method::GET, "/api/v1/export/clients?format=csv", Some(&c.head.token), None).await;
    assert_eq!(s, StatusCode::OK);
    let req = Request::post("/api/v1/imports/clients/preview?file_name=export.csv&map=%D0%94%D0%B5%D1%80%D0%B6%D0%B0%D1%82%D0%B5%D0%BB%D1%8C%3D-")
        .header("authorization", format!("Bearer {}", c.head.token))
        .body(Body::from(body.as_str().unwrap().to_string()))
        .unwrap();
    let (s, p) = c.send(req).await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!(p["outcome"]["canaries_skipped"], 3, "{p}");
    assert_eq!(p["outcome"]["created"], 0, "the real clients are matched, the canaries not created: {p}");
}

/// A column no field matches lands on the client, in the API and on its card under "From the
/// import"; the preview says so per column.
#[tokio::test]
async fn extra_fields_reach_the_api_and_the_card() {
    let c = Company::new().await;
    let upload = |uri: &str| {
        Request::post(uri)
            .header("authorization", format!("Bearer {}", c.head.token))
            .body(Body::from("Название;Комментарий\nАльфа;важный клиент\n"))
            .unwrap()
    };
    let (s, p) = c.send(upload("/api/v1/imports/clients/preview?file_name=a.csv")).await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!(
        (p["columns"][1]["column"].as_str(), p["columns"][1]["extra"].as_bool()),
        (Some("Комментарий"), Some(true))
    );
    let (s, done) = c.send(upload("/api/v1/imports/clients?file_name=a.csv")).await;
    assert_eq!((s, done["outcome"]["committed"].as_bool()), (StatusCode::OK, Some(true)), "{done}");
    let (_, all) = c.get("/api/v1/clients", &c.admin).await;
    let client = &all["items"][0];
    assert_eq!(client["extra"]["Комментарий"], "важный клиент", "{client}");
    let (cookie, hash) = new_token();
    let (csrf, _) = new_token();
    let session = sprut_core::store::Session {
        token_hash: hash,
        employee_id: c.admin.employee.id,
        csrf_token: csrf,
        expires_at: NOW + time::Duration::hours(1),
    };
    c.state.store.create_session(&Actor::system(NOW), session).await.unwrap();
    let req = Request::get(format!("/clients/{}", client["id"].as_str().unwrap()))
        .header("cookie", format!("{SESSION_COOKIE}={cookie}"))
        .body(Body::empty())
        .unwrap();
    let res = c.app.clone().oneshot(req).await.unwrap();
    let html = String::from_utf8(axum::body::to_bytes(res.into_body(), 1 << 24).await.unwrap().to_vec()).unwrap();
    assert!(html.contains("Из импорта") && html.contains("важный клиент"), "{html}");
}
