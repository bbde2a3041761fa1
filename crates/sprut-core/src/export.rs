//! Exports of lists and their watermark: every exported file carries a few canary rows,
//! plausible made-up records unique to that export, so a leaked copy names its export even
//! after its columns were renamed or reordered and most rows deleted.

use crate::activity::Activity;
use crate::canary_record::fake_record;
use crate::client::ClientListItem;
use crate::contact::Contact;
use crate::deal::Deal;
use crate::employee::Language;
use crate::{word_enum, EmployeeId, ExportId};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use time::OffsetDateTime;

word_enum!(
    /// What a file exports.
    ExportEntity {
        /// Clients with their holders.
        Clients = "clients",
        /// Contact persons.
        Contacts = "contacts",
        /// Deals.
        Deals = "deals",
        /// Activities.
        Activities = "activities",
    }
);

word_enum!(
    /// The file format.
    ExportFormat {
        /// Comma-separated values, UTF-8 with a BOM (opens in Excel).
        Csv = "csv",
        /// An Excel workbook.
        Xlsx = "xlsx",
    }
);

/// A recorded export: who exported what, when, with which filter.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ExportRecord {
    /// Id.
    pub id: ExportId,
    /// Who exported.
    pub employee_id: EmployeeId,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// What.
    pub entity: ExportEntity,
    /// Format.
    pub format: ExportFormat,
    /// The filter used (JSON).
    pub filter: serde_json::Value,
    /// Real rows in the file.
    pub rows: i64,
    /// Canary rows in the file.
    pub canaries: i64,
}

/// What a column of an export holds, for files that type their cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Text as it is.
    Text,
    /// An amount written `1234.50`: a number in a workbook, `1234,50` in a Russian CSV.
    Money,
    /// A date written `2026-11-23`: a date in a workbook.
    Date,
}

/// The kind of each column of `entity`'s export, in the order of [`headers`].
pub fn cell_kinds(entity: ExportEntity) -> Vec<CellKind> {
    use CellKind::{Date, Money};
    let typed: &[(usize, CellKind)] = match entity {
        ExportEntity::Clients => &[(5, Money), (9, Date)],
        ExportEntity::Contacts => &[],
        ExportEntity::Deals => &[(3, Money), (5, Date), (6, Date), (10, Date)],
        ExportEntity::Activities => &[(1, Date)],
    };
    let mut kinds = vec![CellKind::Text; headers(entity, Language::En).len()];
    for &(i, k) in typed {
        kinds[i] = k;
    }
    kinds
}

/// The column titles of an export in `lang`.
pub fn headers(entity: ExportEntity, lang: Language) -> Vec<&'static str> {
    let ru = lang == Language::Ru;
    let pick = |r: &'static str, e: &'static str| if ru { r } else { e };
    match entity {
        ExportEntity::Clients => vec![
            pick("Название", "Name"),
            pick("ИНН", "Tax id"),
            pick("Сегмент", "Segment"),
            pick("Регион", "Region"),
            pick("Категория", "Tier"),
            pick("Потенциал", "Potential"),
            pick("Валюта", "Currency"),
            pick("Адрес", "Address"),
            pick("Держатель", "Holder"),
            pick("Держит с", "Held since"),
            pick("Каналы", "Channels"),
            pick("Доп. поля", "Extra fields"),
        ],
        ExportEntity::Contacts => vec![
            pick("Клиент", "Client"),
            pick("ФИО", "Name"),
            pick("Должность", "Position"),
            pick("Телефоны", "Phones"),
            pick("Эл. почта", "E-mails"),
            pick("ЛПР", "Decision maker"),
            pick("Согласие", "Consent"),
            pick("Роль", "Level"),
            pick("Другие каналы", "Other channels"),
            pick("Доп. поля", "Extra fields"),
        ],
        ExportEntity::Deals => vec![
            pick("Клиент", "Client"),
            pick("Сделка", "Deal"),
            pick("Стадия", "Stage"),
            pick("Сумма", "Amount"),
            pick("Валюта", "Currency"),
            pick("Начата", "Opened"),
            pick("Закрыта", "Closed"),
            pick("Засчитана", "Credited to"),
            pick("Ответственный", "Owner"),
            pick("Этап", "Phase"),
            pick("Ожидаемое закрытие", "Expected close"),
            pick("Доп. поля", "Extra fields"),
        ],
        ExportEntity::Activities => vec![
            pick("Клиент", "Client"),
            pick("Дата", "Date"),
            pick("Вид", "Kind"),
            pick("Автор", "Author"),
            pick("Итог", "Outcome"),
            pick("Что было", "Text"),
            pick("Доп. поля", "Extra fields"),
        ],
    }
}

/// A cell made safe for a spreadsheet that opens the CSV (OWASP's rule on formula injection):
/// text a spreadsheet would run as a formula (`=`, `@`, or `+`/`-` followed by anything but a
/// number or a phone number) and text starting with a tab or a carriage return get a leading
/// `'`; `+7 495 123-45-67` and `-12.50` stay as they are.
pub fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    let Some(first) = cell.chars().next() else { return cell.into() };
    let plain = |rest: &str| {
        rest.chars().any(|c| c.is_ascii_digit())
            && rest.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-' | '.' | ',' | '\u{a0}'))
    };
    let risky = match first {
        '=' | '@' | '\t' | '\r' => true,
        '+' | '-' => !plain(&cell[1..]),
        _ => false,
    };
    if risky {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Money as a plain decimal for spreadsheets: `1234.50`.
pub fn decimal(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", (minor / 100).unsigned_abs(), (minor % 100).unsigned_abs())
}

/// A client as an export row.
pub fn client_row(item: &ClientListItem) -> Vec<String> {
    let c = &item.client;
    vec![
        c.name.clone(),
        c.legal_id.clone().unwrap_or_default(),
        c.segment.clone().unwrap_or_default(),
        c.region.clone().unwrap_or_default(),
        c.tier.as_str().into(),
        decimal(c.potential_minor),
        c.currency.as_str().into(),
        c.address.clone().unwrap_or_default(),
        item.holder.as_ref().map(|h| h.name.clone()).unwrap_or_default(),
        item.holder.as_ref().map(|h| h.since.to_string()).unwrap_or_default(),
        crate::channel::text(&c.channels),
        extra_text(&c.extra),
    ]
}

/// Extra fields in one cell: `Банк: ПАО Сбербанк; Комментарий: звонить утром`.
pub fn extra_text(extra: &crate::ExtraFields) -> String {
    extra.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("; ")
}

/// A contact as an export row.
pub fn contact_row(c: &Contact, client: &str) -> Vec<String> {
    vec![
        client.into(),
        c.name.clone(),
        c.position.clone().unwrap_or_default(),
        c.phones.join("; "),
        c.emails.join("; "),
        yes_no(c.decision_maker),
        yes_no(c.consent),
        c.level.as_str().into(),
        crate::channel::text(&c.channels),
        extra_text(&c.extra),
    ]
}

/// A deal as an export row.
pub fn deal_row(d: &Deal, client: &str, credited: &str, owner: &str) -> Vec<String> {
    vec![
        client.into(),
        d.title.clone(),
        d.stage.as_str().into(),
        decimal(d.amount_minor),
        d.currency.as_str().into(),
        d.opened_on.to_string(),
        d.closed_on.map(|d| d.to_string()).unwrap_or_default(),
        credited.into(),
        owner.into(),
        d.phase.as_str().into(),
        d.expected_close_on.map(|d| d.to_string()).unwrap_or_default(),
        extra_text(&d.extra),
    ]
}

/// An activity as an export row.
pub fn activity_row(a: &Activity, client: &str, author: &str) -> Vec<String> {
    vec![
        client.into(),
        a.occurred_at.date().to_string(),
        a.kind.as_str().into(),
        author.into(),
        a.outcome.clone().unwrap_or_default(),
        a.text.clone(),
        extra_text(&a.extra),
    ]
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

/// A canary row and the values that identify it in a leaked copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canary {
    /// The row's cells, in the export's column order.
    pub cells: Vec<String>,
    /// Normalised identifying values (see [`tokens_of`]).
    pub tokens: Vec<String>,
}

/// The canary row of `entity` made from `seed` (random per export and row).
pub fn canary(entity: ExportEntity, seed: u64) -> Canary {
    let f = fake_record(seed);
    let (cells, identifying): (Vec<String>, Vec<String>) = match entity {
        ExportEntity::Clients => (
            vec![
                f.company.clone(),
                f.legal_id.clone(),
                f.segment,
                f.region,
                "regular".into(),
                decimal(f.amount_minor * 4),
                "RUB".into(),
                f.address.clone(),
                f.person,
                String::new(),
                String::new(),
                String::new(),
            ],
            vec![f.legal_id, f.company, f.address],
        ),
        ExportEntity::Contacts => (
            vec![
                f.company.clone(),
                f.person.clone(),
                f.position,
                f.phone.clone(),
                f.email.clone(),
                yes_no(true),
                yes_no(true),
                "decision_maker".into(),
                String::new(),
                String::new(),
            ],
            vec![f.phone, f.email, f.person],
        ),
        ExportEntity::Deals => {
            let amount = decimal(f.amount_minor);
            (
                vec![
                    f.company.clone(),
                    f.deal_title,
                    "won".into(),
                    amount.clone(),
                    "RUB".into(),
                    String::new(),
                    String::new(),
                    f.person.clone(),
                    f.person,
                    "contract".into(),
                    String::new(),
                    String::new(),
                ],
                vec![f.company, amount],
            )
        }
        ExportEntity::Activities => (
            vec![
                f.company.clone(),
                String::new(),
                "call".into(),
                f.person,
                String::new(),
                format!("{} Тел. {}", f.activity_text, f.phone),
                String::new(),
            ],
            vec![f.company, f.phone],
        ),
    };
    let tokens = identifying.iter().flat_map(|v| tokens_of(v)).collect::<BTreeSet<_>>().into_iter().collect();
    Canary { cells, tokens }
}

/// Normalised identifying values of one cell, robust to re-formatting: runs of 7+ digits
/// (phones and tax ids: the last 10 digits), e-mail addresses in lower case, and the whole
/// text in lower case with single spaces (when at least 8 characters long).
pub fn tokens_of(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut Vec<String>| {
        if digits.len() >= 7 {
            let start = digits.len().saturating_sub(10);
            out.push(format!("d:{}", &digits[start..]));
        }
        digits.clear();
    };
    for ch in cell.chars() {
        if ch.is_ascii_digit() {
            digits.push(ch);
        } else if !" -()+.".contains(ch) {
            flush(&mut digits, &mut out);
        }
    }
    flush(&mut digits, &mut out);
    for word in cell.split(|c: char| c.is_whitespace() || c == ';' || c == ',') {
        if word.contains('@') && word.contains('.') {
            out.push(format!("e:{}", word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()));
        }
    }
    let text = cell.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if text.chars().count() >= 8 {
        out.push(format!("t:{text}"));
    }
    out
}

/// How strongly a leaked file points at one export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TraceHit {
    /// The export.
    pub export_id: ExportId,
    /// Canary rows of that export found in the file.
    pub canary_rows: usize,
    /// Identifying values found.
    pub tokens: usize,
}

/// The canaries `row` holds (export, canary number) with how many of their values it holds:
/// one of a canary's digit or e-mail values, or two of its texts, make a canary found.
pub fn canaries_in(row: &[String], known: &BTreeMap<String, (ExportId, u32)>) -> Vec<((ExportId, u32), usize)> {
    let mut per_canary: BTreeMap<(ExportId, u32), (usize, usize)> = BTreeMap::new();
    let tokens: BTreeSet<String> = row.iter().flat_map(|c| tokens_of(c)).collect();
    for t in &tokens {
        if let Some(&key) = known.get(t) {
            let entry = per_canary.entry(key).or_default();
            if t.starts_with("t:") {
                entry.1 += 1;
            } else {
                entry.0 += 1;
            }
        }
    }
    per_canary
        .into_iter()
        .filter(|(_, (strong, texts))| *strong >= 1 || *texts >= 2)
        .map(|(key, (strong, texts))| (key, strong + texts))
        .collect()
}

/// Finds the exports whose canaries appear in `rows` (any columns, any order). `known` maps
/// each canary token to its export and canary number. A canary counts as found when a row
/// holds one of its digit or e-mail values, or two of its texts. Best match first.
pub fn trace<I>(rows: I, known: &BTreeMap<String, (ExportId, u32)>) -> Vec<TraceHit>
where
    I: IntoIterator<Item = Vec<String>>,
{
    let mut found: BTreeMap<ExportId, (BTreeSet<u32>, usize)> = BTreeMap::new();
    for row in rows {
        for ((export, canary), weight) in canaries_in(&row, known) {
            let e = found.entry(export).or_default();
            e.0.insert(canary);
            e.1 += weight;
        }
    }
    let mut hits: Vec<TraceHit> = found
        .into_iter()
        .map(|(export_id, (canaries, tokens))| TraceHit { export_id, canary_rows: canaries.len(), tokens })
        .collect();
    hits.sort_by(|a, b| (b.canary_rows, b.tokens, a.export_id).cmp(&(a.canary_rows, a.tokens, b.export_id)));
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_their_sign() {
        assert_eq!(decimal(123_456), "1234.56");
        assert_eq!(decimal(-5), "-0.05");
        assert_eq!(decimal(-1_250), "-12.50");
        assert_eq!(decimal(0), "0.00");
    }

    #[test]
    fn formulas_are_neutralised_and_phones_are_not() {
        for (cell, out) in [
            ("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
            ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("\tinvisible", "'\tinvisible"),
            ("\r=1+1", "'\r=1+1"),
            ("+7 495 123-45-67", "+7 495 123-45-67"),
            ("+7 (495) 123-45-67", "+7 (495) 123-45-67"),
            ("-12.50", "-12.50"),
            ("-", "'-"),
            ("ООО «Ромашка»", "ООО «Ромашка»"),
            ("", ""),
        ] {
            assert_eq!(neutralised(cell), out, "{cell:?}");
        }
    }

    #[test]
    fn tokens_survive_reformatting() {
        assert!(tokens_of("+7 916 123-45-67").contains(&"d:9161234567".to_string()));
        assert!(tokens_of("8 (916) 1234567").contains(&"d:9161234567".to_string()));
        assert!(tokens_of("I.Petrov@Firm.RU; a@b.ru").contains(&"e:i.petrov@firm.ru".to_string()));
        assert!(tokens_of("ООО  «Техснаб»").contains(&"t:ооо «техснаб»".to_string()));
        assert!(tokens_of("12").is_empty());
    }

    #[test]
    fn a_leaked_file_names_its_export() {
        let (a, b) = (ExportId::new(), ExportId::new());
        let mut known = BTreeMap::new();
        let mut canary_rows = Vec::new();
        for (export, seed) in [(a, 1u64), (a, 2), (b, 3)] {
            let c = canary(ExportEntity::Contacts, seed);
            for t in &c.tokens {
                known.insert(t.clone(), (export, seed as u32));
            }
            canary_rows.push(c.cells);
        }
        // The leaker keeps one canary of export `a`, reorders its columns and drops some.
        let mut leaked = canary_rows[1].clone();
        leaked.reverse();
        leaked.remove(0);
        let rows = vec![vec!["ООО «Настоящий»".into(), "+7 495 000-00-01".into()], leaked];
        let hits = trace(rows, &known);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].export_id, a);
        assert_eq!(hits[0].canary_rows, 1);
    }

    #[test]
    fn typed_columns_are_the_money_and_date_columns() {
        for e in ExportEntity::ALL {
            let kinds = cell_kinds(*e);
            assert_eq!(kinds.len(), headers(*e, Language::En).len(), "{e}");
            for (i, k) in kinds.iter().enumerate() {
                let h = headers(*e, Language::En)[i];
                let want = match h {
                    "Potential" | "Amount" => CellKind::Money,
                    "Held since" | "Opened" | "Closed" | "Expected close" | "Date" => CellKind::Date,
                    _ => CellKind::Text,
                };
                assert_eq!(*k, want, "{e}: {h}");
            }
        }
    }

    #[test]
    fn canaries_of_each_entity_fit_their_headers() {
        for e in ExportEntity::ALL {
            let c = canary(*e, 7);
            assert_eq!(c.cells.len(), headers(*e, Language::En).len(), "{e}");
            assert!(c.tokens.iter().any(|t| !t.starts_with("t:")), "{e} has a strong token");
        }
    }
}
