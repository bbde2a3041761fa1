//! Why the rules decided, in Russian from their figures: the rotation's holdings, transfers and
//! the departure playbook's receivers; an English page shows the decision's own English line.

use super::dead::{days, dead_reason};
use super::words::transfer_cause;
use crate::ui::format::date;
use sprut_core::employee::Language;
use sprut_core::handover::share::ShareWhy;
use sprut_core::rules::rotation::PickRule;
use sprut_core::rules::why::RuleWhy;

/// The rule and its figures in `lang`, or `None` where the stored line already is in it.
pub fn rule_why(lang: Language, w: &RuleWhy) -> Option<String> {
    if lang == Language::En {
        return None;
    }
    let ru = Language::Ru;
    Some(match w {
        RuleWhy::Converted => "продажа в период разработки: клиент стал клиентом держателя".to_string(),
        RuleWhy::Released { until, reason } => {
            format!("отпущен на отдых до {}: {}", date(ru, *until), dead_reason(ru, reason))
        }
        RuleWhy::HandedOut { pick, load, capacity, among, cycle_days } => {
            let rule = match pick {
                PickRule::NeverHeld => "ещё не вёл этого клиента",
                PickRule::HeldBefore => "все подходящие уже вели этого клиента",
            };
            format!(
                "ротация: {rule}; наименьшая загрузка ({load} из {capacity}) среди подходящих ({among}); разработка на {}",
                days(ru, *cycle_days)
            )
        }
        RuleWhy::HandedOver { cause, to } => format!("передача «{}»: принимает {to}", transfer_cause(ru, *cause)),
        RuleWhy::Inferred { source, holder: true } => format!("по загрузке из {source}: держатель клиента там"),
        RuleWhy::Inferred { source, holder: false } => {
            format!("по загрузке из {source}: ответственный за последнюю сделку или касание клиента там")
        }
        RuleWhy::Recalled { reason, days: n } => {
            format!("отозван руководителем у прежнего держателя: {reason}; разработка на {}", days(ru, *n))
        }
        RuleWhy::FoundByRep => "клиента нашёл сам менеджер".to_string(),
        RuleWhy::HolderElsewhere { source } => format!("по загрузке из {source}: держатель клиента там — другой"),
        RuleWhy::Received { cause, from, reason, why } => {
            let reason = why.as_ref().and_then(|w| share_why(ru, w)).unwrap_or_else(|| reason.clone());
            format!("передача «{}»: передаёт {from}; {reason}", transfer_cause(ru, *cause))
        }
    })
}

/// «1 клиент», «3 клиента», «5 клиентов».
fn clients(n: i64) -> String {
    super::russian_count(n, ["клиент", "клиента", "клиентов"])
}

/// Why the playbook proposed a receiver, in `lang`, or `None` where the stored line already is
/// in it.
pub fn share_why(lang: Language, w: &ShareWhy) -> Option<String> {
    if lang == Language::En {
        return None;
    }
    let (customer, specialisation, same_team, same_region, load) = match w {
        ShareWhy::Nobody => return Some("никто из работающих не может принять клиентов".into()),
        ShareWhy::ChosenByHead => return Some("выбор руководителя".into()),
        ShareWhy::OneReceiver => return Some("единственный названный получатель".into()),
        ShareWhy::Picked { customer, specialisation, same_team, same_region, load } => {
            (customer, specialisation, same_team, same_region, load)
        }
    };
    let mut why: Vec<String> = Vec::new();
    let role = if *customer { "фермер" } else { "охотник" };
    match specialisation {
        Some(true) if *customer => why.push("действующий клиент — фермеру".into()),
        Some(true) => why.push("потенциальный клиент — охотнику".into()),
        Some(false) => why.push(format!("свободного «{role}» нет: любая специализация")),
        None => {}
    }
    match same_team {
        Some(true) => why.push("та же команда".into()),
        Some(false) => why.push("другая команда (в своей свободных нет)".into()),
        None => {}
    }
    match same_region {
        Some(true) => why.push("тот же регион".into()),
        Some(false) => why.push("другой регион".into()),
        None => {}
    }
    why.push(format!("самый лёгкий портфель: {} → {}", load, clients(load + 1)));
    Some(why.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sprut_core::rules::dead::DeadReason;
    use time::macros::date;

    #[test]
    fn the_rules_say_why_in_russian_with_their_figures() {
        let release = RuleWhy::Released {
            until: date!(2026 - 04 - 16),
            reason: DeadReason::PastDue { due_on: date!(2026 - 02 - 25), extension_until: None, days_over: 5 },
        };
        assert_eq!(
            rule_why(Language::Ru, &release).unwrap(),
            "отпущен на отдых до 16.04.2026: срок разработки 25.02.2026: просрочена на 5 дней, продажи не было"
        );
        let handout = RuleWhy::HandedOut { pick: PickRule::NeverHeld, load: 3, capacity: 40, among: 7, cycle_days: 91 };
        assert!(rule_why(Language::Ru, &handout).unwrap().ends_with("среди подходящих (7); разработка на 91 день"));
        assert_eq!(rule_why(Language::En, &handout), None);
        let recalled = RuleWhy::Recalled { reason: "не звонит".into(), days: 45 };
        assert_eq!(
            rule_why(Language::Ru, &recalled).unwrap(),
            "отозван руководителем у прежнего держателя: не звонит; разработка на 45 дней"
        );
        let taken = RuleWhy::Received {
            cause: sprut_core::handover::transfer::TransferCause::Rebalance,
            from: "Петров Пётр".into(),
            reason: "выравнивание нагрузки".into(),
            why: None,
        };
        assert_eq!(
            rule_why(Language::Ru, &taken).unwrap(),
            "передача «перераспределение»: передаёт Петров Пётр; выравнивание нагрузки"
        );
        let chosen = RuleWhy::Received {
            cause: sprut_core::handover::transfer::TransferCause::Offboarding,
            from: "Петров Пётр".into(),
            reason: "chosen by the head".into(),
            why: Some(ShareWhy::ChosenByHead),
        };
        assert_eq!(
            rule_why(Language::Ru, &chosen).unwrap(),
            "передача «уход сотрудника»: передаёт Петров Пётр; выбор руководителя"
        );
        let share = ShareWhy::Picked {
            customer: true,
            specialisation: Some(true),
            same_team: Some(true),
            same_region: None,
            load: 256,
        };
        assert_eq!(
            share_why(Language::Ru, &share).unwrap(),
            "действующий клиент — фермеру, та же команда, самый лёгкий портфель: 256 → 257 клиентов"
        );
        assert_eq!([1, 2, 5, 11, 21].map(clients), ["1 клиент", "2 клиента", "5 клиентов", "11 клиентов", "21 клиент"]);
    }
}
