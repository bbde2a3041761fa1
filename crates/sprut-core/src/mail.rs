//! Who hears of what by mail: the rule that picks who is told about an alert, the letter
//! each of them gets, and the outbox totals an administrator watches.

use crate::alert::{summary_in, Alert};
use crate::employee::{Employee, EmployeeStatus, Language, Role};
use crate::error::CoreResult;
use crate::letters::alert_notice;
use crate::outbox::{MessageKind, NewMessage, OutboxStore};
use crate::word_enum;
use serde::Serialize;
use std::future::Future;

word_enum!(
    /// Why an alert's letter went to the people it went to.
    AlertAddressRule {
        /// The head of the team of the employee it is about.
        TeamHead = "team_head",
        /// The employee has no team: every active administrator.
        NoTeam = "no_team",
        /// The team has no head: every active administrator.
        NoHead = "no_head",
        /// The head is not at work (absent, leaving or gone): every active administrator.
        HeadAway = "head_away",
        /// The alert is about the head himself: every active administrator.
        AboutTheHead = "about_the_head",
        /// The alert is about no known employee (e.g. sign-ins to an unknown e-mail): every
        /// active administrator.
        NoEmployee = "no_employee",
    }
);

/// Who is told about an alert on `about`, whose team is headed by `head` (if it has a team
/// and the team a head), and by which rule: the head when he is at work and is not the one
/// it is about, otherwise every active administrator in `admins`.
pub fn alert_addressees<'a>(
    about: Option<&Employee>,
    has_team: bool,
    head: Option<&'a Employee>,
    admins: &'a [Employee],
) -> (Vec<&'a Employee>, AlertAddressRule) {
    let rule = match (about, head) {
        (None, _) => AlertAddressRule::NoEmployee,
        (Some(_), _) if !has_team => AlertAddressRule::NoTeam,
        (Some(_), None) => AlertAddressRule::NoHead,
        (Some(a), Some(h)) if a.id == h.id => AlertAddressRule::AboutTheHead,
        (Some(_), Some(h)) if h.status != EmployeeStatus::Active => AlertAddressRule::HeadAway,
        (Some(_), Some(h)) => return (vec![h], AlertAddressRule::TeamHead),
    };
    let admins = admins.iter().filter(|e| e.role == Role::Admin && e.status == EmployeeStatus::Active).collect();
    (admins, rule)
}

/// Whom an alert is about, as a letter in `lang` names him: the employee's name, else the
/// e-mail tried (for sign-ins to unknown accounts).
pub fn about_name(lang: Language, about: Option<&Employee>, alert: &Alert) -> String {
    match (about, alert.details["email"].as_str()) {
        (Some(e), _) => e.name.clone(),
        (None, Some(email)) => match lang {
            Language::Ru => format!("учётная запись {email}"),
            Language::En => format!("account {email}"),
        },
        (None, None) => match lang {
            Language::Ru => "неизвестный сотрудник".into(),
            Language::En => "unknown employee".into(),
        },
    }
}

/// The letter telling `to` about `alert` (on `about`), in `to`'s language.
pub fn alert_message(to: &Employee, company: &str, alert: &Alert, about: Option<&Employee>) -> NewMessage {
    let lang = to.language;
    let who = about.map_or("", |e| e.name.as_str());
    let letter = alert_notice(lang, company, alert, &about_name(lang, about, alert), &summary_in(lang, alert, who));
    NewMessage {
        kind: MessageKind::AlertNotice,
        to_address: to.email.clone(),
        to_name: to.name.clone(),
        language: lang,
        subject: letter.subject,
        body: letter.body,
        client_id: alert.client_id,
        employee_id: Some(to.id),
        cause: format!("alert:{}", alert.id),
    }
}

/// How many messages the outbox holds in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct OutboxCounts {
    /// Waiting to be sent or retried.
    pub pending: i64,
    /// Accepted by the mail server.
    pub sent: i64,
    /// Given up.
    pub failed: i64,
}

/// The mail use cases beyond the outbox itself.
pub trait MailStore: OutboxStore {
    /// How many messages are pending, sent and failed.
    fn outbox_counts(&self) -> impl Future<Output = CoreResult<OutboxCounts>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::AlertKind;
    use crate::{AlertId, EmployeeId};
    use time::macros::{date, datetime};

    fn person(name: &str, role: Role, status: EmployeeStatus, language: Language) -> Employee {
        Employee {
            id: EmployeeId::new(),
            email: format!("{}@firm.ru", name.to_lowercase()),
            name: name.into(),
            role,
            department: None,
            team_id: None,
            region: None,
            capacity: 10,
            specialisation: None,
            status,
            last_day: None,
            language,
            created_at: datetime!(2026-01-01 0:00 UTC),
        }
    }

    fn alert(employee: Option<&Employee>) -> Alert {
        Alert {
            id: AlertId::new(),
            kind: AlertKind::MassViewing,
            employee_id: employee.map(|e| e.id),
            client_id: None,
            day: date!(2026 - 03 - 02),
            count: 90,
            summary: "opened 90 client cards today; threshold 80, own 30-day median 4 (x5 = 20)".into(),
            details: serde_json::json!({ "cards_today": 90, "threshold": 80, "median_30d": 4.0 }),
            status: crate::alert::AlertStatus::Open,
            created_at: datetime!(2026-03-02 9:00 UTC),
            updated_at: datetime!(2026-03-02 9:00 UTC),
            closed_by: None,
            note: None,
        }
    }

    #[test]
    fn the_head_at_work_is_told_else_every_active_admin() {
        use EmployeeStatus::*;
        let rep = person("Rep", Role::Rep, Active, Language::Ru);
        let head = person("Head", Role::Head, Active, Language::En);
        let away = person("Away", Role::Head, Absent, Language::Ru);
        let admins =
            [person("Admin", Role::Admin, Active, Language::Ru), person("Gone", Role::Admin, Departed, Language::Ru)];
        let names = |(to, rule): (Vec<&Employee>, AlertAddressRule)| {
            (to.iter().map(|e| e.name.clone()).collect::<Vec<_>>(), rule)
        };
        let admin_only = vec!["Admin".to_string()];
        assert_eq!(
            names(alert_addressees(Some(&rep), true, Some(&head), &admins)),
            (vec!["Head".into()], AlertAddressRule::TeamHead)
        );
        assert_eq!(
            names(alert_addressees(Some(&rep), false, None, &admins)),
            (admin_only.clone(), AlertAddressRule::NoTeam)
        );
        assert_eq!(
            names(alert_addressees(Some(&rep), true, None, &admins)),
            (admin_only.clone(), AlertAddressRule::NoHead)
        );
        assert_eq!(
            names(alert_addressees(Some(&rep), true, Some(&away), &admins)),
            (admin_only.clone(), AlertAddressRule::HeadAway)
        );
        assert_eq!(
            names(alert_addressees(Some(&head), true, Some(&head), &admins)),
            (admin_only.clone(), AlertAddressRule::AboutTheHead)
        );
        assert_eq!(names(alert_addressees(None, false, None, &admins)), (admin_only, AlertAddressRule::NoEmployee));
    }

    #[test]
    fn the_letter_is_in_the_readers_language() {
        let rep = person("Виктор", Role::Rep, EmployeeStatus::Active, Language::Ru);
        let a = alert(Some(&rep));
        let en =
            alert_message(&person("Head", Role::Head, EmployeeStatus::Active, Language::En), "Alfa", &a, Some(&rep));
        assert_eq!(en.language, Language::En);
        assert!(en.subject.contains("Виктор") && en.body.contains("opened 90 client cards"), "{en:?}");
        assert_eq!(en.cause, format!("alert:{}", a.id));
        let ru =
            alert_message(&person("Анна", Role::Head, EmployeeStatus::Active, Language::Ru), "Альфа", &a, Some(&rep));
        assert!(ru.body.contains("открыл 90 карточек клиентов за день"), "{ru:?}");
        assert!(ru.subject.starts_with("Сигнал sprut: Виктор, 02.03.2026"), "{}", ru.subject);
        let nobody = alert(None);
        let mut sign_ins = nobody.clone();
        sign_ins.details = serde_json::json!({ "email": "ghost@firm.ru" });
        assert_eq!(about_name(Language::En, None, &sign_ins), "account ghost@firm.ru");
        assert_eq!(about_name(Language::Ru, None, &nobody), "неизвестный сотрудник");
    }
}
