//! Why the rotation started or ended a holding, in Russian from the rule's figures; an English
//! page shows the holding's own English line.

use super::dead::{days, dead_reason};
use crate::ui::format::date;
use sprut_core::employee::Language;
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
    })
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
    }
}
