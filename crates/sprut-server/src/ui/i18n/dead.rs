//! Why a client is dead, in the user's language, from the rule's figures (never its English).

use crate::ui::format::date;
use sprut_core::employee::Language;
use sprut_core::rules::dead::DeadReason;

/// «3 дня», «5 дней», «21 день».
pub fn days(lang: Language, n: i64) -> String {
    match lang {
        Language::En if n.abs() == 1 => format!("{n} day"),
        Language::En => format!("{n} days"),
        Language::Ru => super::russian_count(n, ["день", "дня", "дней"]),
    }
}

/// One reason a client is dead, with its figures.
pub fn dead_reason(lang: Language, r: &DeadReason) -> String {
    if lang == Language::En {
        return r.explain();
    }
    let d = |x: &time::Date| date(Language::Ru, *x);
    match r {
        DeadReason::PastDue { due_on, extension_until, days_over } => {
            let ext = extension_until.map_or(String::new(), |u| format!(", продлена до {}", d(&u)));
            format!("срок разработки {}{ext}: просрочена на {}, продажи не было", d(due_on), days(lang, *days_over))
        }
        DeadReason::NoActivity { last_activity, counted_from, days_silent, limit } => {
            let since = match last_activity {
                Some(a) if a == counted_from => format!("последнее касание {}", d(a)),
                Some(a) => format!("считая с начала держания {}; последнее касание {}", d(counted_from), d(a)),
                None => format!("касаний не было; считая с начала держания {}", d(counted_from)),
            };
            format!("нет касаний {} ({since}), больше предела в {limit}", days(lang, *days_silent))
        }
        DeadReason::Lapsed { last_won, counted_from, days: n, limit } => {
            let since = match last_won {
                Some(w) if w == counted_from => format!("последняя продажа {}", d(w)),
                Some(w) => format!("считая с начала держания {}; последняя продажа {}", d(counted_from), d(w)),
                None => format!("продаж не было; считая с начала держания {}", d(counted_from)),
            };
            format!("клиент не покупает {} ({since}), больше предела в {limit}", days(lang, *n))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn reasons_read_in_russian_with_their_figures() {
        assert_eq!(
            [1, 2, 5, 11, 21, 22, 188].map(|n| days(Language::Ru, n)),
            ["1 день", "2 дня", "5 дней", "11 дней", "21 день", "22 дня", "188 дней"]
        );
        let r = DeadReason::NoActivity {
            last_activity: Some(date!(2026 - 05 - 30)),
            counted_from: date!(2026 - 05 - 30),
            days_silent: 188,
            limit: 60,
        };
        assert_eq!(
            dead_reason(Language::Ru, &r),
            "нет касаний 188 дней (последнее касание 30.05.2026), больше предела в 60"
        );
        assert!(dead_reason(Language::En, &r).starts_with("no activity for 188 days"));
    }
}
