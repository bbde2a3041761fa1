//! Rows through [`parse_row`] and [`DuplicateTracker`], per entity.

use super::*;
use crate::activity::ActivityKind;
use crate::channel::{ChannelKind, ChannelLabel};
use crate::client::{inn_from_prefix, Tier};
use crate::deal::DealStage;
use crate::employee::{Department, Role};
use time::macros::{date, datetime};

fn cells(line: &str) -> Vec<String> {
    line.split('|').map(str::to_string).collect()
}

fn mapping(entity: ImportEntity, preset: Preset, header: &str) -> Mapping {
    let m = suggest_mapping(entity, preset, &cells(header));
    m.check().unwrap();
    m
}

fn ok(entity: ImportEntity, m: &Mapping, values: &ValueMaps, line: &str) -> ImportRecord {
    parse_row(entity, m, values, 2, &cells(line)).unwrap_or_else(|e| panic!("{e:?}"))
}

fn errors(entity: ImportEntity, m: &Mapping, values: &ValueMaps, line: &str) -> Vec<(String, String, String)> {
    parse_row(entity, m, values, 7, &cells(line))
        .unwrap_err()
        .into_iter()
        .inspect(|e| assert_eq!(e.row, 7))
        .map(|e| (e.column, e.field, e.reason.to_string()))
        .collect()
}

#[test]
fn a_bitrix_company_row() {
    let m = mapping(
        ImportEntity::Clients,
        Preset::Bitrix24,
        "ID|Название компании|ИНН|Рабочий телефон|Мобильный телефон|Рабочий e-mail|Ответственный|Годовой оборот|Дата создания",
    );
    let inn = inn_from_prefix(770_708_389);
    let line = format!(
        "17|ООО «Ромашка»|{inn}|+7 495 123-45-67 (Рабочий), +7 495 123-45-68 (Рабочий)|+7 916 000-00-01|INFO@romashka.ru|Иван Петров|12 000 000,50 руб.|05.03.2024 10:15:00"
    );
    let ImportRecord::Client(c) = ok(ImportEntity::Clients, &m, &ValueMaps::new(), &line) else { panic!() };
    assert_eq!(c.external_id.as_deref(), Some("17"));
    assert_eq!(c.name, "ООО «Ромашка»");
    assert_eq!(c.legal_id.as_deref(), Some(inn.as_str()));
    let mut record = ImportRecord::Client(c);
    assert!(record.read_channels(2, "RU").is_empty());
    let ImportRecord::Client(c) = record else { panic!() };
    let channels: Vec<(ChannelKind, ChannelLabel, &str, Option<&str>)> =
        c.channels.iter().map(|ch| (ch.kind, ch.label, ch.value.as_str(), ch.e164.as_deref())).collect();
    assert_eq!(
        channels,
        [
            (ChannelKind::Phone, ChannelLabel::Work, "+7 495 123-45-67", Some("+74951234567")),
            (ChannelKind::Phone, ChannelLabel::Work, "+7 495 123-45-68", Some("+74951234568")),
            (ChannelKind::Phone, ChannelLabel::Mobile, "+7 916 000-00-01", Some("+79160000001")),
            (ChannelKind::Email, ChannelLabel::Work, "INFO@romashka.ru", None),
        ]
    );
    assert!(c.extra.is_empty(), "{:?}", c.extra);
    assert_eq!(c.holder, Some(PersonRef::Name("Иван Петров".into())));
    assert_eq!(c.potential_minor, Some(12_000_000_50));
    assert_eq!(c.currency.map(|c| c.to_string()).as_deref(), Some("RUB"));
    assert_eq!(c.created_on, Some(date!(2024 - 03 - 05)));
}

#[test]
fn bad_client_cells_are_each_reported() {
    let m = mapping(ImportEntity::Clients, Preset::Generic, "id|name|inn|tier|potential|phone|owner|created");
    let errs = errors(ImportEntity::Clients, &m, &ValueMaps::new(), "1| |7707083894|gold|много|12|boss@|31.02.2024");
    let fields: Vec<&str> = errs.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(
        fields,
        ["name", "legal_id", "tier", "potential", "holder", "created_on"],
        "a phone never rejects a row"
    );
    assert_eq!(errs[0], ("name".into(), "name".into(), "must not be empty".into()));
    assert_eq!(
        errs[5].2, "'31.02.2024' is not a date (expected dd.mm.yyyy, yyyy-mm-dd or mm/dd/yy)",
        "the reason quotes the cell"
    );
    assert!(errs[1].2.contains("wrong check digit"), "{}", errs[1].2);
}

#[test]
fn a_client_is_not_its_own_parent() {
    let m = mapping(ImportEntity::Clients, Preset::Generic, "id|name|parent id|parent");
    let errs = errors(ImportEntity::Clients, &m, &ValueMaps::new(), "A1|Ромашка|A1|");
    assert_eq!((errs[0].0.as_str(), errs[0].2.as_str()), ("parent + parent id", "a client cannot be its own parent"));
    assert_eq!(errors(ImportEntity::Clients, &m, &ValueMaps::new(), "A1|Ромашка||ромашка").len(), 1);
    let ImportRecord::Client(c) = ok(ImportEntity::Clients, &m, &ValueMaps::new(), "A2|Лютик||Ромашка")
    else {
        panic!()
    };
    assert_eq!(c.parent, Some(Ref::Name("Ромашка".into())));
}

#[test]
fn inn_that_lost_its_leading_zero_is_restored() {
    let m = mapping(ImportEntity::Clients, Preset::Generic, "name|inn");
    let inn = inn_from_prefix(27_406_211);
    assert!(inn.starts_with('0'));
    let ImportRecord::Client(c) = ok(ImportEntity::Clients, &m, &ValueMaps::new(), &format!("X|{}", &inn[1..])) else {
        panic!()
    };
    assert_eq!(c.legal_id, Some(inn));
}

#[test]
fn contacts_join_name_parts_and_check_phones_and_emails() {
    let m =
        mapping(ImportEntity::Contacts, Preset::Bitrix24, "ID|Имя|Отчество|Фамилия|Компания|Рабочий телефон|E-mail");
    let ImportRecord::Contact(c) = ok(
        ImportEntity::Contacts,
        &m,
        &ValueMaps::new(),
        "5|Иван|Ильич|Петров|Ромашка|+7 (495) 123-45-67|I.Petrov@Romashka.ru",
    ) else {
        panic!()
    };
    assert_eq!(c.name, "Петров Иван Ильич", "Фамилия Имя Отчество, as a Russian user reads it");
    assert_eq!(c.client, Some(Ref::Name("Ромашка".into())));
    // Bitrix24's own sample names the parts by their codes; NAME is the first name, not the whole.
    let codes = mapping(ImportEntity::Contacts, Preset::Bitrix24, "ID|NAME|SECOND_NAME|LAST_NAME|COMPANY_ID|POST");
    let ImportRecord::Contact(coded) =
        ok(ImportEntity::Contacts, &codes, &ValueMaps::new(), "7|Иван|Петрович|Иванов|12|Директор")
    else {
        panic!()
    };
    assert_eq!((coded.name.as_str(), coded.position.as_deref()), ("Иванов Иван Петрович", Some("Директор")));
    assert_eq!(coded.client, Some(Ref::External("12".into())));
    // Salesforce keeps first, middle, last.
    let sf = mapping(ImportEntity::Contacts, Preset::Salesforce, "Id|AccountId|FirstName|MiddleName|LastName");
    let ImportRecord::Contact(english) = ok(ImportEntity::Contacts, &sf, &ValueMaps::new(), "003|001|John|Q|Smith")
    else {
        panic!()
    };
    assert_eq!(english.name, "John Q Smith");
    assert_eq!(c.emails, vec!["i.petrov@romashka.ru"]);
    assert_eq!(c.decision_maker, None);
    let errs = errors(ImportEntity::Contacts, &m, &ValueMaps::new(), "6|||||доб. 12|not-an-email");
    let fields: Vec<&str> = errs.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(fields, ["name"], "an odd phone or e-mail never rejects a row; no client sends it to the pool");
    assert_eq!(errs[0].0, "Имя + Отчество + Фамилия");
    // They are kept as written, with a warning (Bitrix24's own sample has a pager `060`).
    let mut record = ok(
        ImportEntity::Contacts,
        &m,
        &ValueMaps::new(),
        "8|Олег|Ильич|Петров|Ромашка|060, +7 (495) 123-45-67|not-an-email",
    );
    let warnings: Vec<(String, String)> =
        record.read_channels(8, "RU").into_iter().map(|w| (w.column, w.reason.to_string())).collect();
    assert_eq!(
        warnings,
        [
            ("Рабочий телефон".into(), "'060' does not read as a phone number of RU; kept as written".into()),
            ("E-mail".into(), "'not-an-email' is not an e-mail address; kept as written".into()),
        ]
    );
    let ImportRecord::Contact(c) = record else { panic!() };
    assert_eq!(c.phones, ["+7 (495) 123-45-67"]);
    let kept: Vec<(ChannelKind, &str)> = c.channels.iter().map(|ch| (ch.kind, ch.value.as_str())).collect();
    assert_eq!(kept, [(ChannelKind::Phone, "060"), (ChannelKind::Other, "not-an-email")]);
}

#[test]
fn contacts_by_client_id_and_flags() {
    let m =
        mapping(ImportEntity::Contacts, Preset::Hubspot, "Record ID|First Name|Last Name|Associated Company IDs|Email");
    let mut m2 = m.clone();
    m2.apply_overrides(&["Email=-"]).unwrap();
    let ImportRecord::Contact(c) = ok(ImportEntity::Contacts, &m2, &ValueMaps::new(), "9|Jane|Doe|1001|x") else {
        panic!()
    };
    assert_eq!(c.client, Some(Ref::External("1001".into())));
    assert!(c.emails.is_empty());
    let m = mapping(ImportEntity::Contacts, Preset::Generic, "company|фио|лпр|согласие");
    let ImportRecord::Contact(c) = ok(ImportEntity::Contacts, &m, &ValueMaps::new(), "Ромашка|Петров Иван|да|нет")
    else {
        panic!()
    };
    assert_eq!((c.decision_maker, c.consent), (Some(true), Some(false)));
}

#[test]
fn employees_roles_and_departments() {
    let m = mapping(ImportEntity::Employees, Preset::Generic, "email|фио|должность|department|team");
    let ImportRecord::Employee(e) =
        ok(ImportEntity::Employees, &m, &ValueMaps::new(), "Ivan@Firm.ru|Иван Петров|РОП||Москва")
    else {
        panic!()
    };
    assert_eq!(
        (e.email.as_deref(), e.role, e.team.as_deref()),
        (Some("ivan@firm.ru"), Some(Role::Head), Some("Москва"))
    );
    let ImportRecord::Employee(e) = ok(ImportEntity::Employees, &m, &ValueMaps::new(), "b@firm.ru|Бух|бухгалтер||")
    else {
        panic!()
    };
    assert_eq!((e.role, e.department), (Some(Role::Staff), Some(Department::Accounting)));
    let errs = errors(ImportEntity::Employees, &m, &ValueMaps::new(), "nope|Имя|менеджер|legal|");
    assert_eq!(errs.iter().map(|e| e.1.as_str()).collect::<Vec<_>>(), ["email", "department"]);
    assert_eq!(errs[1].2, "only staff have a department");
}

#[test]
fn salesforce_opportunities_use_the_flags() {
    let m = mapping(
        ImportEntity::Deals,
        Preset::Salesforce,
        "Id|Name|AccountId|OwnerId|StageName|Amount|CloseDate|IsWon|IsClosed|CreatedDate",
    );
    let v = ValueMaps::new();
    let ImportRecord::Deal(d) = ok(
        ImportEntity::Deals,
        &m,
        &v,
        "006A|Renewal|001A|005A|Signed|1500.50|2024-03-05|true|true|2024-01-10T09:00:00.000+0000",
    ) else {
        panic!()
    };
    assert_eq!(d.stage, DealStage::Won);
    assert_eq!(d.client, Ref::External("001A".into()));
    assert_eq!(d.owner, Some(PersonRef::External("005A".into())));
    assert_eq!(d.amount_minor, 150_050);
    assert_eq!((d.opened_on, d.closed_on), (Some(date!(2024 - 01 - 10)), Some(date!(2024 - 03 - 05))));
    let ImportRecord::Deal(d) = ok(
        ImportEntity::Deals,
        &m,
        &v,
        "006B|New|001A|005A|Prospecting|0|2024-09-30|false|false|2024-01-10T09:00:00.000+0000",
    ) else {
        panic!()
    };
    assert_eq!((d.stage, d.closed_on), (DealStage::Open, None), "an open deal's CloseDate is only expected");
    let ImportRecord::Deal(d) = ok(ImportEntity::Deals, &m, &v, "006C|Old|001A||Closed Lost||2021-05-01|false|true|")
    else {
        panic!()
    };
    assert_eq!((d.stage, d.amount_minor, d.opened_on), (DealStage::Lost, 0, Some(date!(2021 - 05 - 01))));
}

#[test]
fn amocrm_deals_with_value_maps_and_problems() {
    let m = mapping(
        ImportEntity::Deals,
        Preset::Amocrm,
        "ID|Название сделки|Бюджет|Ответственный|Статус сделки|Компания|Дата создания|Дата закрытия",
    );
    let v = ValueMaps::parse(ImportEntity::Deals, &["stage:Оплачено=won"]).unwrap();
    let row = |line: &str| ok(ImportEntity::Deals, &m, &v, line);
    let ImportRecord::Deal(d) =
        row("1|Поставка|150 000 ₽|manager@firm.ru|Успешно реализовано|Ромашка|01.02.2024|15.02.2024")
    else {
        panic!()
    };
    assert_eq!((d.stage, d.amount_minor), (DealStage::Won, 150_000_00));
    assert_eq!(d.owner, Some(PersonRef::Email("manager@firm.ru".into())));
    assert_eq!(d.currency.map(|c| c.to_string()).as_deref(), Some("RUB"));
    let ImportRecord::Deal(d) = row("2|Счёт|10|Анна|Оплачено|Ромашка|01.02.2024|03.02.2024")
    else {
        panic!()
    };
    assert_eq!(d.stage, DealStage::Won);
    let ImportRecord::Deal(d) = row("3|Тендер|10|Анна|Переговоры|Ромашка|01.02.2024|")
    else {
        panic!()
    };
    assert_eq!(d.stage, DealStage::Open);
    let errs = errors(ImportEntity::Deals, &m, &v, "4|Тендер|-10|Анна|Закрыто и не реализовано|Ромашка|10.02.2024|");
    assert_eq!(
        errs.iter().map(|e| (e.0.as_str(), e.2.as_str())).collect::<Vec<_>>(),
        [
            ("Бюджет", "must not be negative"),
            ("Дата закрытия + Статус сделки", "a won or lost deal needs its close date")
        ]
    );
    // Created after it closed (a migrated record): not refused; it opens on its close date,
    // its opening marked unknown.
    let ImportRecord::Deal(d) = row("5|Тендер|10|Анна|Успешно реализовано|Ромашка|10.02.2024|01.02.2024")
    else {
        panic!()
    };
    assert_eq!(
        (d.opened_on, d.closed_on, d.opened_unknown),
        (Some(date!(2024 - 02 - 01)), Some(date!(2024 - 02 - 01)), true)
    );
    let ImportRecord::Deal(d) = row("6|Тендер|10|Анна|Успешно реализовано|Ромашка|01.02.2024|10.02.2024")
    else {
        panic!()
    };
    assert!(!d.opened_unknown);
}

#[test]
fn currency_column_must_agree_with_the_amount() {
    let m = mapping(ImportEntity::Deals, Preset::Generic, "company|title|amount|currency");
    let errs = errors(ImportEntity::Deals, &m, &ValueMaps::new(), "A|B|$100|RUB");
    assert_eq!(errs[0].2, "the amount is in USD but the currency is RUB");
    let ImportRecord::Deal(d) = ok(ImportEntity::Deals, &m, &ValueMaps::new(), "A|B|100|EUR") else { panic!() };
    assert_eq!(d.currency.map(|c| c.to_string()).as_deref(), Some("EUR"));
}

#[test]
fn activities() {
    let m = mapping(ImportEntity::Activities, Preset::Generic, "client|type|date|author|text|result");
    let v = ValueMaps::parse(ImportEntity::Activities, &["kind:Исх. звонок=call"]).unwrap();
    let ImportRecord::Activity(a) =
        ok(ImportEntity::Activities, &m, &v, "Ромашка|Исх. звонок|05.03.2024 10:30|Анна|Обсудили поставку|Ждут КП")
    else {
        panic!()
    };
    assert_eq!((a.kind, a.occurred_at), (ActivityKind::Call, datetime!(2024-03-05 10:30 UTC)));
    assert_eq!(a.outcome.as_deref(), Some("Ждут КП"));
    let ImportRecord::Activity(a) = ok(ImportEntity::Activities, &m, &v, "Ромашка||2024-03-05||Заметка|")
    else {
        panic!()
    };
    assert_eq!(a.kind, ActivityKind::Note);
    let errs = errors(ImportEntity::Activities, &m, &v, "Ромашка|Телепатия|||  |");
    assert_eq!(errs.iter().map(|e| e.1.as_str()).collect::<Vec<_>>(), ["kind", "occurred_at", "text"]);
}

#[test]
fn receivables() {
    let m = mapping(
        ImportEntity::Receivables,
        Preset::Generic,
        "клиент|номер счета|сумма|дата счета|срок оплаты|дата оплаты",
    );
    let v = ValueMaps::new();
    let ImportRecord::Receivable(r) =
        ok(ImportEntity::Receivables, &m, &v, "Ромашка|С-1|1 000,00|01.03.2024|15.03.2024|")
    else {
        panic!()
    };
    assert_eq!(
        (r.amount_minor, r.issued_on, r.due_on, r.paid_on),
        (1_000_00, date!(2024 - 03 - 01), date!(2024 - 03 - 15), None)
    );
    let errs = errors(ImportEntity::Receivables, &m, &v, "Ромашка|С-2||15.03.2024|01.03.2024|01.01.2024");
    assert_eq!(errs.iter().map(|e| e.1.as_str()).collect::<Vec<_>>(), ["amount", "due_on", "paid_on"]);
}

#[test]
fn short_rows_read_as_blank() {
    let m = mapping(ImportEntity::Clients, Preset::Generic, "name|segment|region");
    let ImportRecord::Client(c) = ok(ImportEntity::Clients, &m, &ValueMaps::new(), "Ромашка") else { panic!() };
    assert_eq!((c.segment, c.tier), (None, None::<Tier>));
    assert!(parse_row(ImportEntity::Clients, &m, &ValueMaps::new(), 3, &cells("Ромашка|a|b||")).is_ok());
    let errs = errors(ImportEntity::Clients, &m, &ValueMaps::new(), "ООО Ромашка|ООО|retail|Москва");
    assert_eq!(errs[0].0, "column 4");
    assert!(errs[0].2.starts_with("the row has 4 cells but the header has 3 columns"));
}

#[test]
fn duplicates_name_the_first_row() {
    let m = mapping(ImportEntity::Clients, Preset::Generic, "id|name|inn");
    let v = ValueMaps::new();
    let inn = inn_from_prefix(1);
    let mut dups = DuplicateTracker::new();
    let first = ok(ImportEntity::Clients, &m, &v, &format!("A1|Ромашка|{inn}"));
    assert!(dups.check(&m, 2, &first).is_empty());
    let again = ok(ImportEntity::Clients, &m, &v, &format!("A1|Ромашка 2|{inn}"));
    let errs = dups.check(&m, 9, &again);
    assert_eq!(errs.len(), 2);
    assert_eq!(
        (errs[0].row, errs[0].column.as_str(), errs[0].reason.to_string().as_str()),
        (9, "id", "the id 'A1' already appeared in row 2; each record must appear once")
    );
    assert!(errs[1].reason.to_string().starts_with("the ИНН"));
    let other = ok(ImportEntity::Clients, &m, &v, "A2|Лютик|");
    assert!(dups.check(&m, 10, &other).is_empty());
    assert_eq!(dups.len(), 3);
}

#[test]
fn errors_and_records_serialise_for_json_reports() {
    let errs = [
        FileError::MissingColumns { entity: ImportEntity::Deals, missing: vec![vec!["title"]] },
        FileError::UnknownField { entity: ImportEntity::Deals, field: "x".into(), valid: vec!["title"] },
        FileError::UnknownColumn { column: "x".into(), headers: vec!["a".into()] },
        FileError::bad_option("bad"),
        FileError::unreadable(Some(3), "cut"),
    ];
    let json: Vec<String> = errs.iter().map(|e| serde_json::to_string(e).unwrap()).collect();
    assert_eq!(json[3], r#"{"code":"bad_option","reason":"bad"}"#);
    assert_eq!(json[4], r#"{"code":"unreadable","row":3,"reason":"cut"}"#);
    assert_eq!(errs[4].to_string(), "row 3: cut");
    let m = mapping(ImportEntity::Activities, Preset::Generic, "client|date|text");
    let r = ok(ImportEntity::Activities, &m, &ValueMaps::new(), "Ромашка|2024-03-05 10:00|Звонок");
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["entity"], "activity");
    assert_eq!(v["client"], serde_json::json!({"by": "name", "value": "Ромашка"}));
    assert_eq!(v["occurred_at"], "2024-03-05T10:00:00Z");
    assert!(serde_json::to_string(&m).unwrap().contains(r#""columns":["client","occurred_at","text"]"#));
}
