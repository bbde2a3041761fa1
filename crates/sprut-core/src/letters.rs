//! The letters sprut sends, in Russian and English: plain text, short, signed by the company.

use crate::alert::Alert;
use crate::employee::{Department, Language};
use crate::person_name::{dative, verb};
use time::Date;

/// A subject and a plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// Subject line.
    pub subject: String,
    /// Body.
    pub body: String,
}

fn day(lang: Language, d: Date) -> String {
    match lang {
        Language::Ru => format!("{:02}.{:02}.{}", d.day(), u8::from(d.month()), d.year()),
        Language::En => d.to_string(),
    }
}

/// To a client's contact: from `effective_on` the company's person for the client is `new_holder`.
/// Sent by the company (not by the rep), so the client hears it from the company itself.
pub fn client_notice(
    lang: Language,
    company: &str,
    contact: &str,
    client: &str,
    new_holder: &str,
    new_holder_email: &str,
    effective_on: Date,
) -> Letter {
    let on = day(lang, effective_on);
    match lang {
        Language::Ru => Letter {
            subject: format!("{company}: ваш новый менеджер с {on}"),
            body: format!(
                "Здравствуйте, {contact}!\n\n\
                 С {on} работу с {client} в компании {company} ведёт {new_holder} ({new_holder_email}).\n\
                 Вся история наших договорённостей, документы и расчёты переданы полностью, \
                 договорённости остаются в силе.\n\n\
                 Если у вас есть вопросы, напишите {} или ответьте на это письмо.\n\n\
                 С уважением,\n{company}\n",
                dative(new_holder)
            ),
        },
        Language::En => Letter {
            subject: format!("{company}: your new account manager from {on}"),
            body: format!(
                "Dear {contact},\n\n\
                 From {on}, {new_holder} ({new_holder_email}) looks after {client} at {company}.\n\
                 The whole history of our arrangements, documents and accounts has been handed over, \
                 and everything agreed stays in force.\n\n\
                 If you have questions, write to {new_holder} or reply to this letter.\n\n\
                 Kind regards,\n{company}\n"
            ),
        },
    }
}

/// To a member of a client's account team: the client changes hands.
pub fn department_notice(
    lang: Language,
    company: &str,
    department: Department,
    client: &str,
    from: &str,
    to: &str,
    effective_on: Date,
) -> Letter {
    let on = day(lang, effective_on);
    match lang {
        Language::Ru => Letter {
            subject: format!("Передача клиента {client} с {on}"),
            body: format!(
                "Коллеги ({}),\n\n\
                 с {on} клиента {client} ведёт {to} (прежде {} {from}). По всем вопросам клиента \
                 (отгрузки, документы, расчёты) обращайтесь к {}.\n\n{company}\n",
                crate::letters::department_ru(department),
                verb(from, "вёл", "вела"),
                dative(to)
            ),
        },
        Language::En => Letter {
            subject: format!("{client} changes hands on {on}"),
            body: format!(
                "Colleagues ({}),\n\n\
                 from {on}, {to} looks after {client} instead of {from}. Please take every question about \
                 the client (deliveries, documents, payments) to {to}.\n\n{company}\n",
                department.as_str()
            ),
        },
    }
}

/// To a head of sales: an alert about one of his people.
pub fn alert_notice(lang: Language, company: &str, alert: &Alert, about: &str, summary: &str) -> Letter {
    let on = day(lang, alert.day);
    match lang {
        Language::Ru => Letter {
            subject: format!("Сигнал sprut: {about}, {on}"),
            body: format!(
                "{about}: {summary}.\n\nОткройте раздел «Сигналы» в sprut, чтобы разобраться и закрыть сигнал.\n\n{company}\n"
            ),
        },
        Language::En => Letter {
            subject: format!("sprut alert: {about}, {on}"),
            body: format!(
                "{about}: {summary}.\n\nOpen Alerts in sprut to look into it and close the alert.\n\n{company}\n"
            ),
        },
    }
}

/// To an auditor: the day's anchor of the audit log, to keep outside sprut.
pub fn audit_anchor_notice(lang: Language, company: &str, on: Date, anchor: &str) -> Letter {
    let on = day(lang, on);
    match lang {
        Language::Ru => Letter {
            subject: format!("Якорь журнала аудита sprut на {on}"),
            body: format!(
                "Якорь журнала аудита на {on}: {anchor}\n\nСохраните это письмо. Команда `sprut audit verify --anchor {anchor}` \
                 проверит, что журнал по-прежнему содержит это событие без изменений: если журнал обрезали или \
                 переписали после этого дня, проверка это покажет.\n\n{company}\n"
            ),
        },
        Language::En => Letter {
            subject: format!("sprut audit log anchor for {on}"),
            body: format!(
                "The audit log's anchor for {on}: {anchor}\n\nKeep this letter. `sprut audit verify --anchor {anchor}` proves \
                 the log still holds this event unchanged: a log cut back or rewritten after this day fails the check.\n\n\
                 {company}\n"
            ),
        },
    }
}

/// The Russian name of a department, as a letter addresses it.
pub fn department_ru(d: Department) -> &'static str {
    match d {
        Department::Logistics => "логистика",
        Department::Accounting => "бухгалтерия",
        Department::Legal => "юридический отдел",
        Department::Support => "поддержка",
        Department::Contracts => "договорной отдел",
    }
}

/// To a client's contact: the company's survey, with its single-use link until `expires_on`.
/// Sent by the company itself, not by the rep.
pub fn survey_request(
    lang: Language,
    company: &str,
    contact: &str,
    client: &str,
    link: &str,
    expires_on: Date,
) -> Letter {
    let until = day(lang, expires_on);
    match lang {
        Language::Ru => Letter {
            subject: format!("{company}: как мы работаем с {client}?"),
            body: format!(
                "Здравствуйте, {contact}!\n\n\
                 Мы в компании {company} хотим знать, как вам работается с нами и с вашим менеджером. \
                 Две оценки и, если хотите, пара слов — меньше минуты:\n\n{link}\n\n\
                 Ссылка действует до {until} и только для одного ответа. \
                 Ответ читает руководство компании.\n\n\
                 С уважением,\n{company}\n"
            ),
        },
        Language::En => Letter {
            subject: format!("{company}: how are we doing with {client}?"),
            body: format!(
                "Dear {contact},\n\n\
                 We at {company} would like to know how working with us and with your account manager \
                 feels. Two ratings and, if you like, a few words: under a minute.\n\n{link}\n\n\
                 The link works until {until} and for one answer only. The company's management \
                 reads the answers.\n\nKind regards,\n{company}\n"
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_survey_request_carries_its_link_and_its_last_day() {
        let l =
            survey_request(Language::Ru, "ООО «Сталь»", "Пётр", "Альфа", "https://crm/survey/x", date!(2026 - 12 - 15));
        assert!(l.body.contains("https://crm/survey/x") && l.body.contains("15.12.2026"), "{}", l.body);
    }

    #[test]
    fn letters_in_both_languages_name_the_people_and_the_day() {
        let ru = client_notice(
            Language::Ru,
            "ООО Альфа",
            "Иван Петрович",
            "ООО Бета",
            "Анна Смирнова",
            "a@alfa.ru",
            date!(2026 - 03 - 02),
        );
        assert!(ru.subject.contains("02.03.2026") && ru.body.contains("Анна Смирнова (a@alfa.ru)"), "{ru:?}");
        let en = client_notice(Language::En, "Alfa", "Ivan", "Beta", "Anna", "a@alfa.ru", date!(2026 - 03 - 02));
        assert!(en.subject.contains("2026-03-02") && en.body.starts_with("Dear Ivan"));
        let d = department_notice(
            Language::Ru,
            "Альфа",
            Department::Accounting,
            "Бета",
            "Олег",
            "Анна",
            date!(2026 - 03 - 02),
        );
        assert!(d.body.contains("бухгалтерия") && d.body.contains("ведёт Анна (прежде вёл Олег)"), "{d:?}");
    }
}
