//! The words of the administrator's settings page.

use super::pick;
use sprut_core::employee::Language;

phrases! {
    /// Page title.
    title: "Настройки компании"
        | "Company settings",
    /// What the page is for.
    lead: "Всё, что задаёт работу sprut в компании: название и часовой пояс, правила ротации, пределы и сигналы. Каждое изменение записывается в журнал."
        | "Everything that sets how sprut works in the company: name and time zone, the rotation rules, the limits and alerts. Every change goes to the audit log.",
    /// Section: the company.
    company: "Компания"
        | "Company",
    /// Section: the rules of dead clients and rotation.
    rules: "Правила ротации"
        | "Rotation rules",
    /// Section: limits and alerts.
    guards: "Пределы и сигналы"
        | "Limits and alerts",
    /// Section: leavers' clients at risk.
    risk: "Уход сотрудника: клиенты под риском"
        | "Leavers: clients at risk",
    /// Section: sales plans from potential.
    plans: "Планы продаж из потенциала"
        | "Sales plans from potential",
    /// Saved notice.
    saved: "Настройки сохранены."
        | "Settings saved.",
    /// Section: teams.
    teams: "Команды и их руководители"
        | "Teams and their heads",
    /// A team's name.
    team_name: "Название команды"
        | "Team name",
    /// A team's head.
    head: "Руководитель"
        | "Head",
    /// Add a team.
    add_team: "Добавить команду"
        | "Add a team",
}

/// The label of a setting, by its name in the API.
pub fn label(lang: Language, name: &str) -> &'static str {
    match name {
        "company_name" => {
            pick(lang, "Название компании (в письмах и на страницах)", "Company name (in letters and pages)")
        }
        "time_zone" => {
            pick(lang, "Часовой пояс (IANA, например Europe/Moscow)", "Time zone (IANA, e.g. Europe/Moscow)")
        }
        "currency" => pick(lang, "Валюта по умолчанию", "Default currency"),
        "phone_region" => pick(lang, "Страна телефонов без кода (RU)", "Country of phones without a code (RU)"),
        "default_cycle_days" => {
            pick(lang, "Период продажи, если продаж мало, дн.", "Sales cycle when sales are few, days")
        }
        "rest_days" => pick(lang, "Передышка между держателями, дн.", "Rest between holders, days"),
        "cycle_figure" => {
            pick(lang, "Какая величина периода продажи действует", "Which sales-cycle figure the rules use")
        }
        "cycle_min_samples" => pick(lang, "Продаж, чтобы считать свой период", "Sales needed for an own cycle"),
        "group_cycle_percent" => {
            pick(lang, "Период для группы компаний, % от обычного", "Corporate group's cycle, % of the plain one")
        }
        "no_activity_days" => {
            pick(lang, "Без касаний клиент «мёртв» через, дн.", "Dead after this many days without a touch")
        }
        "lapse_days" => pick(
            lang,
            "Без покупок клиент «мёртв» через, дн.",
            "A customer is dead after this many days without a sale",
        ),
        "max_extension_percent" => pick(lang, "Самое долгое продление, % периода", "Longest extension, % of the cycle"),
        "rotation_same_team" => pick(lang, "Ротация только внутри команды", "Rotate only within the team"),
        "rotation_same_region" => pick(lang, "Ротация только внутри региона", "Rotate only within the region"),
        "daily_record_limit" => pick(lang, "Разных записей в день на менеджера", "Different records a day per rep"),
        "mass_view_threshold" => pick(lang, "Карточек в день до сигнала", "Cards a day before an alert"),
        "mass_view_multiple" => {
            pick(lang, "Сигнал, если карточек больше обычного в, раз", "Alert when cards exceed the usual by, times")
        }
        "mass_view_floor" => pick(lang, "…и не меньше карточек", "…and at least cards"),
        "departing_spike_multiple" => {
            pick(lang, "Уходящий: всплеск больше обычного в, раз", "Leaver: a spike above the usual by, times")
        }
        "departing_spike_floor" => pick(lang, "…и не меньше карточек", "…and at least cards"),
        "failed_sign_in_limit" => {
            pick(lang, "Неудачных входов за час до сигнала", "Failed sign-ins an hour before an alert")
        }
        "sign_ins_per_minute" => pick(lang, "Попыток входа в минуту", "Sign-in attempts a minute"),
        "list_requests_per_minute" => pick(lang, "Запросов списков в минуту", "List requests a minute"),
        "export_canaries" => pick(lang, "Контрольных строк в выгрузке", "Canary rows in an export"),
        "api_token_days" => pick(lang, "Срок токена API, дн.", "API token lifetime, days"),
        "touch_key_days" => pick(lang, "Касание ключевого клиента раз в, дн.", "Touch a key client every, days"),
        "touch_regular_days" => pick(lang, "Касание обычного клиента раз в, дн.", "Touch a regular client every, days"),
        "touch_small_days" => pick(lang, "Касание мелкого клиента раз в, дн.", "Touch a small client every, days"),
        "plan_key_percent" => {
            pick(lang, "План: % годового потенциала ключевого клиента", "Plan: % of a key client's yearly potential")
        }
        "plan_regular_percent" => {
            pick(lang, "План: % годового потенциала обычного клиента", "Plan: % of a regular client's yearly potential")
        }
        "plan_small_percent" => {
            pick(lang, "План: % годового потенциала мелкого клиента", "Plan: % of a small client's yearly potential")
        }
        "key_coverage_min" => {
            pick(lang, "Минимальный охват ключевого клиента, 0–100", "The least coverage of a key client, 0–100")
        }
        "spot_check_per_rep" => pick(
            lang,
            "Проверка базы: контактов каждого менеджера в неделю (0 — выкл.)",
            "Data checks: contacts of each rep a week (0: off)",
        ),
        "spot_check_department" => pick(
            lang,
            "Проверяют сотрудники отдела (пусто — руководитель)",
            "Checked by the staff of the department (empty: the head)",
        ),
        "meeting_decline_limit" => pick(
            lang,
            "Красный флаг: отказов во встрече с одним клиентом за год",
            "Red flag: declines of meetings with one client in a year",
        ),
        "meeting_postpone_days" => {
            pick(lang, "Красный флаг: перенос встречи дальше, дн.", "Red flag: a meeting postponed further than, days")
        }
        "head_meeting_tier" => pick(
            lang,
            "Встреча руководителя раз в квартал: клиенты с уровня",
            "Quarterly head meeting: clients from the tier",
        ),
        "head_meeting_potential_minor" => pick(
            lang,
            "…или с потенциалом от, ₽ (0 — только по уровню)",
            "…or with a potential from, ₽ (0: by tier only)",
        ),
        "risk_revenue_minor" => {
            pick(lang, "Крупный клиент: выручка за 12 мес. от, ₽", "Big client: 12-month revenue from, ₽")
        }
        "risk_threshold" => pick(lang, "Клиент под риском от, баллов", "At risk from, points"),
        "single_thread_alert_percent" => pick(
            lang,
            "Сигнал: сотрудник — единственная нить для доли выручки команды от, %",
            "Alert: an employee is the only thread of a share of the team's revenue from, %",
        ),
        _ => "",
    }
}

/// The name of a word a setting takes (the sales-cycle figures).
pub fn choice(lang: Language, word: &str) -> &str {
    match word {
        "median" => pick(lang, "медиана", "median"),
        "mean" => pick(lang, "среднее", "mean"),
        "p80" => pick(lang, "80-й процентиль", "80th percentile"),
        "key" => pick(lang, "ключевые", "key"),
        "regular" => pick(lang, "ключевые и обычные", "key and regular"),
        "small" => pick(lang, "все", "all"),
        "none" => pick(lang, "никакие (только по потенциалу)", "none (by potential only)"),
        "" => pick(lang, "руководитель", "the head"),
        "logistics" => pick(lang, "логистика", "logistics"),
        "accounting" => pick(lang, "бухгалтерия", "accounting"),
        "legal" => pick(lang, "юристы", "legal"),
        "support" => pick(lang, "поддержка", "support"),
        "contracts" => pick(lang, "договорной отдел", "contracts"),
        "km_median" => {
            pick(lang, "медиана Каплана–Мейера (учитывает незакрытые)", "Kaplan–Meier median (counts the open ones)")
        }
        other => other,
    }
}
