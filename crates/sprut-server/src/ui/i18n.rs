//! The words of the web UI in Russian (the default) and English.
//!
//! One way to write them: every phrase lives in this module's files, its Russian beside its
//! English. A fixed phrase is a line of a `phrases!` table (`name: "ru" | "en",`), reached as
//! `ctx.t.name` or `ctx.t.area.name`; a word chosen by a value (a role, a stage) or a sentence
//! with figures is a function here that matches on the language. Page code holds no words, and
//! a phrase missing in one language does not compile.

/// Declares a table of fixed phrases: the struct `Txt` and its `RU` and `EN` values; the
/// optional `@tables` are the areas' own tables, reached as fields.
macro_rules! phrases {
    (
        $( @tables { $( $(#[$tdoc:meta])* $table:ident, )* } )?
        $( $(#[$doc:meta])* $name:ident: $ru:literal | $en:literal, )*
    ) => {
        /// Every fixed phrase of this table in one language.
        pub struct Txt {
            $($( $(#[$tdoc])* pub $table: &'static $table::Txt, )*)?
            $( $(#[$doc])* pub $name: &'static str, )*
        }

        /// The table in Russian.
        pub const RU: Txt = Txt { $($( $table: &$table::RU, )*)? $( $name: $ru, )* };

        /// The table in English.
        pub const EN: Txt = Txt { $($( $table: &$table::EN, )*)? $( $name: $en, )* };
    };
}

mod aging;
mod board;
mod checks;
mod common;
mod dead;
pub(crate) mod forms;
pub(crate) mod import;
pub(crate) mod mail;
mod meetings;
mod octopus;
mod offboarding;
mod people;
mod planning;
mod pool;
mod reasons;
mod report;
mod requests;
mod rotation;
mod rule_why;
mod sales_plans;
pub(crate) mod settings;
mod survey;
mod tokens;
mod transfers;
mod words;
pub(crate) mod workday;

pub use common::{Txt, EN, RU};
pub use dead::dead_reason;
pub use planning::{move_reason, plan_state};
pub use reasons::{conflict, reason, row_reason};
pub use rule_why::{rule_why, share_why};
pub use sales_plans::adjust_cause;
pub use words::*;
pub use workday::touch_basis;

use sprut_core::employee::Language;

/// The Russian or the English word: the one way a word chosen by a value is written.
fn pick(lang: Language, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Language::Ru => ru,
        Language::En => en,
    }
}

/// A count with its noun in the Russian form the number asks for, given as (one, few, many):
/// «21 день», «3 дня», «11 дней».
fn russian_count(n: i64, [one, few, many]: [&str; 3]) -> String {
    let (last, tens) = (n.abs() % 10, n.abs() % 100);
    let word = match last {
        _ if (11..=14).contains(&tens) => many,
        1 => one,
        2..=4 => few,
        _ => many,
    };
    format!("{n} {word}")
}

/// The phrases of `lang`.
pub fn tr(lang: Language) -> &'static Txt {
    match lang {
        Language::Ru => &RU,
        Language::En => &EN,
    }
}

/// The label of a form field named as the domain names it.
pub fn field(lang: Language, name: &str) -> String {
    let t = tr(lang);
    match name {
        "kind" => t.kind.into(),
        "text" => t.text.into(),
        "outcome" => t.outcome.into(),
        "email" => t.email.into(),
        "password" => t.password.into(),
        "status" => t.status.into(),
        "name" => t.person_name.into(),
        "note" | "reason" | "explanation" => t.rotation.why.into(),
        "next_step" => t.rotation.next_step.into(),
        "postponed_until" => t.rotation.postponed_until_title.into(),
        "until" => t.rotation.until.into(),
        "last_day" => t.last_day.into(),
        "week" => t.rotation.week_of.trim_end().into(),
        "client" | "clients" | "client_id" => t.rotation.client.into(),
        "to" => t.rotation.to_whom.into(),
        "on" | "effective_on" => t.date.into(),
        "occurred_at" => t.workday.occurred_at.into(),
        "title" | "next_step.title" => t.workday.next_step.into(),
        "due_on" | "next_step.due_on" => t.workday.next_step_due.into(),
        "owner_id" | "next_step.owner_id" => t.workday.owner.into(),
        "contact_ids" => t.workday.their_side.into(),
        "legal_id" => t.legal_id.into(),
        "position" => t.position.into(),
        "phones" => t.phones.into(),
        "emails" => t.emails.into(),
        "channels" => t.channels.into(),
        "amount_minor" => t.amount.into(),
        "potential_minor" => t.potential.into(),
        "currency" => t.forms.currency.into(),
        "level" => t.forms.level.into(),
        "phase" => t.forms.phase.into(),
        "expected_close_on" => t.forms.expected_close.into(),
        "opened_on" => t.opened.into(),
        "closed_on" => t.closed.into(),
        "number" => t.number.into(),
        "issued_on" => t.issued.into(),
        "paid_on" => t.paid.into(),
        "participant_ids" => t.workday.our_side.into(),
        "team_id" => t.planning.team.into(),
        "balance_percent" => t.planning.balance.into(),
        "max_moves" => t.planning.max_moves.into(),
        "capacity" => t.planning.capacity.into(),
        "move_key" => t.planning.move_key.into(),
        other => match settings::label(lang, other) {
            "" => other.into(),
            label => label.into(),
        },
    }
}

/// The language named by `code` (`ru`, `en`, or a tag such as `en-GB`).
pub fn parse_language(code: &str) -> Option<Language> {
    let primary = code.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    match primary.as_str() {
        "ru" => Some(Language::Ru),
        "en" => Some(Language::En),
        _ => None,
    }
}

/// The first supported language of an `Accept-Language` header, else Russian.
pub fn from_accept_language(header: Option<&str>) -> Language {
    let Some(header) = header else { return Language::Ru };
    let mut best: Option<(f32, Language)> = None;
    for part in header.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("");
        let q = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|v| v.parse::<f32>().ok())).unwrap_or(1.0);
        if let Some(lang) = parse_language(tag) {
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
    }
    best.map_or(Language::Ru, |(_, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_preferred_supported_one() {
        assert_eq!(from_accept_language(None), Language::Ru);
        assert_eq!(from_accept_language(Some("en-US,en;q=0.9")), Language::En);
        assert_eq!(from_accept_language(Some("de-DE,ru;q=0.5,en;q=0.8")), Language::En);
        assert_eq!(from_accept_language(Some("fr")), Language::Ru);
        assert_eq!(parse_language("EN"), Some(Language::En));
        assert_eq!(parse_language("xx"), None);
    }

    #[test]
    fn the_bad_rows_file_names_its_reasons_column_as_the_importer_leaves_it_out() {
        let names = [tr(Language::En).import.error, tr(Language::Ru).import.error];
        assert!(names.iter().all(|n| sprut_core::import::ERRORS_COLUMN.contains(n)));
    }
}
