//! Reading words: yes/no, tiers, deal stages, activity kinds, roles, departments, and cells
//! that hold several phones or e-mails.
//!
//! Words compare like column titles: case, `ё`/`е`, spaces and punctuation do not matter.

use super::headers::{matches_normalised, normalise};
use crate::activity::ActivityKind;
use crate::client::Tier;
use crate::deal::DealStage;
use crate::employee::{Department, Role};
use crate::reason::{Reason, WordList};

fn find<T: Copy>(table: &[(&str, T)], s: &str) -> Option<T> {
    let key = normalise(s);
    table.iter().find(|(w, _)| matches_normalised(w, &key)).map(|(_, v)| *v)
}

/// The reason a cell is not a word of `list`.
fn not_a(list: WordList, s: &str) -> Reason {
    Reason::Word { value: s.trim().to_string(), list }
}

const BOOLS: &[(&str, bool)] = &[
    ("yes", true),
    ("y", true),
    ("true", true),
    ("1", true),
    ("x", true),
    ("да", true),
    ("д", true),
    ("+", true),
    ("✓", true),
    ("no", false),
    ("n", false),
    ("false", false),
    ("0", false),
    ("нет", false),
    ("н", false),
    ("-", false),
];

/// Reads yes/no: да/нет, yes/no, true/false, 1/0, x, Y/N (Bitrix), +/-.
pub fn parse_bool(s: &str) -> Result<bool, Reason> {
    let t = s.trim();
    let hit = match t {
        "+" => Some(true),
        "-" => Some(false),
        "✓" => Some(true),
        _ => find(BOOLS, t),
    };
    hit.ok_or_else(|| not_a(WordList::YesNo, t))
}

const TIERS: &[(&str, Tier)] = &[
    ("key", Tier::Key),
    ("regular", Tier::Regular),
    ("small", Tier::Small),
    ("a", Tier::Key),
    ("b", Tier::Regular),
    ("c", Tier::Small),
    ("vip", Tier::Key),
    ("ключевой", Tier::Key),
    ("ключевые", Tier::Key),
    ("стратегический", Tier::Key),
    ("крупный", Tier::Key),
    ("standard", Tier::Regular),
    ("обычный", Tier::Regular),
    ("средний", Tier::Regular),
    ("стандартный", Tier::Regular),
    ("мелкий", Tier::Small),
    ("малый", Tier::Small),
    ("небольшой", Tier::Small),
];

/// Reads a tier: key/regular/small, ABC classes (A = key, B = regular, C = small), Russian words.
pub fn parse_tier(s: &str) -> Result<Tier, Reason> {
    find(TIERS, s).ok_or_else(|| not_a(WordList::Tier, s))
}

const STAGES: &[(&str, DealStage)] = &[
    ("open", DealStage::Open),
    ("won", DealStage::Won),
    ("closed won", DealStage::Won),
    ("win", DealStage::Won),
    ("успешно реализовано", DealStage::Won),
    ("сделка успешна", DealStage::Won),
    ("успешно", DealStage::Won),
    ("успешная", DealStage::Won),
    ("выиграна", DealStage::Won),
    ("выиграно", DealStage::Won),
    ("реализовано", DealStage::Won),
    ("закрыта успешно", DealStage::Won),
    ("lost", DealStage::Lost),
    ("closed lost", DealStage::Lost),
    ("lose", DealStage::Lost),
    ("закрыто и не реализовано", DealStage::Lost),
    ("не реализовано", DealStage::Lost),
    ("сделка провалена", DealStage::Lost),
    ("провалена", DealStage::Lost),
    ("проиграна", DealStage::Lost),
    ("проиграно", DealStage::Lost),
    ("потеряна", DealStage::Lost),
    ("отказ", DealStage::Lost),
    ("закрыта неуспешно", DealStage::Lost),
];

/// Reads a deal stage from the words CRMs use: Won, Closed Won, Успешно реализовано (amoCRM),
/// Сделка успешна / WON (Bitrix24) are won; Lost, Closed Lost, Закрыто и не реализовано,
/// Сделка провалена / LOSE are lost; anything else is open. Bitrix's `C1:WON` reads as `WON`.
pub fn parse_stage(s: &str) -> DealStage {
    let word = s.rsplit(':').next().unwrap_or(s);
    find(STAGES, word).or_else(|| find(STAGES, s)).unwrap_or(DealStage::Open)
}

/// The stage told by Salesforce's `IsClosed` and `IsWon` flags, when they tell one.
pub fn stage_from_flags(is_closed: Option<bool>, is_won: Option<bool>) -> Option<DealStage> {
    match (is_closed, is_won) {
        (_, Some(true)) => Some(DealStage::Won),
        (Some(true), _) => Some(DealStage::Lost),
        (Some(false), _) => Some(DealStage::Open),
        (None, _) => None,
    }
}

const KINDS: &[(&str, ActivityKind)] = &[
    ("call", ActivityKind::Call),
    ("email", ActivityKind::Email),
    ("meeting", ActivityKind::Meeting),
    ("visit", ActivityKind::Visit),
    ("proposal", ActivityKind::Proposal),
    ("note", ActivityKind::Note),
    ("phone call", ActivityKind::Call),
    ("звонок", ActivityKind::Call),
    ("звонки", ActivityKind::Call),
    ("исходящий звонок", ActivityKind::Call),
    ("входящий звонок", ActivityKind::Call),
    ("телефонный звонок", ActivityKind::Call),
    ("mail", ActivityKind::Email),
    ("письмо", ActivityKind::Email),
    ("почта", ActivityKind::Email),
    ("электронное письмо", ActivityKind::Email),
    ("встреча", ActivityKind::Meeting),
    ("переговоры", ActivityKind::Meeting),
    ("визит", ActivityKind::Visit),
    ("выезд", ActivityKind::Visit),
    ("quote", ActivityKind::Proposal),
    ("кп", ActivityKind::Proposal),
    ("коммерческое предложение", ActivityKind::Proposal),
    ("предложение", ActivityKind::Proposal),
    ("заметка", ActivityKind::Note),
    ("примечание", ActivityKind::Note),
    ("комментарий", ActivityKind::Note),
    ("comment", ActivityKind::Note),
    ("task", ActivityKind::Note),
    ("задача", ActivityKind::Note),
    ("дело", ActivityKind::Note),
];

/// Reads an activity kind: call, email, meeting, visit, proposal, note, or their Russian
/// names (звонок, письмо, встреча, визит, КП, заметка); tasks (задача, дело) count as notes.
pub fn parse_activity_kind(s: &str) -> Result<ActivityKind, Reason> {
    find(KINDS, s).ok_or_else(|| not_a(WordList::ActivityKind, s))
}

const ROLES: &[(&str, Role)] = &[
    ("admin", Role::Admin),
    ("head", Role::Head),
    ("rep", Role::Rep),
    ("staff", Role::Staff),
    ("auditor", Role::Auditor),
    ("administrator", Role::Admin),
    ("администратор", Role::Admin),
    ("админ", Role::Admin),
    ("head of sales", Role::Head),
    ("руководитель", Role::Head),
    ("руководитель отдела продаж", Role::Head),
    ("роп", Role::Head),
    ("начальник отдела продаж", Role::Head),
    ("коммерческий директор", Role::Head),
    ("директор по продажам", Role::Head),
    ("sales rep", Role::Rep),
    ("salesperson", Role::Rep),
    ("account manager", Role::Rep),
    ("менеджер", Role::Rep),
    ("менеджер по продажам", Role::Rep),
    ("менеджер по работе с клиентами", Role::Rep),
    ("аккаунт-менеджер", Role::Rep),
    ("км", Role::Rep),
    ("продавец", Role::Rep),
    ("специалист", Role::Staff),
    ("логист", Role::Staff),
    ("бухгалтер", Role::Staff),
    ("юрист", Role::Staff),
    ("специалист поддержки", Role::Staff),
    ("контракт-менеджер", Role::Staff),
    ("аудитор", Role::Auditor),
    ("собственник", Role::Auditor),
    ("служба безопасности", Role::Auditor),
];

/// Reads a role: admin, head, rep, staff, auditor, or a Russian job title (РОП, менеджер по
/// продажам, бухгалтер, собственник...).
pub fn parse_role(s: &str) -> Result<Role, Reason> {
    find(ROLES, s).ok_or_else(|| not_a(WordList::Role, s))
}

const DEPARTMENTS: &[(&str, Department)] = &[
    ("logistics", Department::Logistics),
    ("accounting", Department::Accounting),
    ("legal", Department::Legal),
    ("support", Department::Support),
    ("contracts", Department::Contracts),
    ("логистика", Department::Logistics),
    ("логист", Department::Logistics),
    ("склад", Department::Logistics),
    ("бухгалтерия", Department::Accounting),
    ("бухгалтер", Department::Accounting),
    ("финансы", Department::Accounting),
    ("юридический отдел", Department::Legal),
    ("юротдел", Department::Legal),
    ("юристы", Department::Legal),
    ("юрист", Department::Legal),
    ("поддержка", Department::Support),
    ("техподдержка", Department::Support),
    ("служба поддержки", Department::Support),
    ("специалист поддержки", Department::Support),
    ("договорной отдел", Department::Contracts),
    ("договоры", Department::Contracts),
    ("контракт-менеджер", Department::Contracts),
];

/// Reads a staff department: logistics, accounting, legal, support, contracts, or Russian names.
pub fn parse_department(s: &str) -> Result<Department, Reason> {
    find(DEPARTMENTS, s).ok_or_else(|| not_a(WordList::Department, s))
}

/// Splits a cell holding several values (separated by `,` `;` or new lines), drops type labels
/// such as Bitrix's "+7 495 123-45-67 (Рабочий)" or "Рабочий: ...", blanks and repeats.
pub fn parse_multi(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in s.split([',', ';', '\n', '\r']) {
        let mut v = part.trim();
        if let Some(open) = v.rfind('(') {
            let label = &v[open..];
            if v.ends_with(')') && label.chars().any(char::is_alphabetic) {
                v = v[..open].trim_end();
            }
        }
        if let Some((label, rest)) = v.split_once(':') {
            // "Рабочий: +7 495 …" has a label; "https://site.ru" has a scheme, kept.
            let scheme = rest.starts_with("//");
            if !scheme && !label.trim().is_empty() && label.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-') {
                v = rest.trim();
            }
        }
        let v = v.trim().to_string();
        if !v.is_empty() && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans() {
        for yes in ["да", "Да", "YES", "true", "1", "x", "Y", "+"] {
            assert_eq!(parse_bool(yes), Ok(true), "{yes}");
        }
        for no in ["нет", "No", "FALSE", "0", "N", "-"] {
            assert_eq!(parse_bool(no), Ok(false), "{no}");
        }
        assert!(parse_bool("может быть").unwrap_err().to_string().contains("да/нет"));
    }

    #[test]
    fn tiers() {
        assert_eq!(parse_tier("Key"), Ok(Tier::Key));
        assert_eq!(parse_tier("A"), Ok(Tier::Key));
        assert_eq!(parse_tier("обычный"), Ok(Tier::Regular));
        assert_eq!(parse_tier("C"), Ok(Tier::Small));
        assert!(parse_tier("gold").is_err());
    }

    #[test]
    fn stages_from_english_and_russian_words() {
        for won in ["Won", "Closed Won", "closedwon", "Успешно реализовано", "Сделка успешна", "C1:WON", "WON"]
        {
            assert_eq!(parse_stage(won), DealStage::Won, "{won}");
        }
        for lost in ["Lost", "Closed Lost", "closedlost", "Закрыто и не реализовано", "LOSE", "C3:LOSE", "Отказ"]
        {
            assert_eq!(parse_stage(lost), DealStage::Lost, "{lost}");
        }
        for open in ["Engaging", "Переговоры", "Qualification", "NEW", "Первичный контакт", ""]
        {
            assert_eq!(parse_stage(open), DealStage::Open, "{open}");
        }
    }

    #[test]
    fn salesforce_flags() {
        assert_eq!(stage_from_flags(Some(true), Some(true)), Some(DealStage::Won));
        assert_eq!(stage_from_flags(Some(true), Some(false)), Some(DealStage::Lost));
        assert_eq!(stage_from_flags(Some(false), Some(false)), Some(DealStage::Open));
        assert_eq!(stage_from_flags(None, None), None);
    }

    #[test]
    fn kinds_roles_departments() {
        assert_eq!(parse_activity_kind("Звонок"), Ok(ActivityKind::Call));
        assert_eq!(parse_activity_kind("E-mail"), Ok(ActivityKind::Email));
        assert_eq!(parse_activity_kind("КП"), Ok(ActivityKind::Proposal));
        assert!(parse_activity_kind("телепатия").unwrap_err().to_string().contains("--value kind:"));
        assert_eq!(parse_role("РОП"), Ok(Role::Head));
        assert_eq!(parse_role("Менеджер по продажам"), Ok(Role::Rep));
        assert_eq!(parse_role("бухгалтер"), Ok(Role::Staff));
        assert!(parse_role("космонавт").is_err());
        assert_eq!(parse_department("Бухгалтерия"), Ok(Department::Accounting));
        assert!(parse_department("маркетинг").unwrap_err().to_string().contains("logistics, accounting"));
    }

    #[test]
    fn multi_value_cells() {
        assert_eq!(
            parse_multi("+7 495 123-45-67 (Рабочий), +7 (916) 765-43-21 (Мобильный)"),
            vec!["+7 495 123-45-67", "+7 (916) 765-43-21"]
        );
        assert_eq!(parse_multi("a@b.ru; c@d.ru\nA@b.ru\n a@b.ru "), vec!["a@b.ru", "c@d.ru", "A@b.ru"]);
        assert_eq!(parse_multi("Рабочий: +7 495 000-00-00"), vec!["+7 495 000-00-00"]);
        assert_eq!(parse_multi("ivan@x.ru (Рабочий)"), vec!["ivan@x.ru"]);
        assert_eq!(parse_multi("https://sever.ru, http://x.ru/a"), vec!["https://sever.ru", "http://x.ru/a"]);
        assert!(parse_multi(" ; ,").is_empty());
    }
}
