//! The words of the sales plans page.

use super::pick;
use sprut_core::employee::Language;
use sprut_core::sales_plan::AdjustCause;

phrases! {
    /// The page's title and the menu item.
    title: "Планы продаж"
        | "Sales plans",
    /// What the page shows.
    lead: "План продавца — доля годового потенциала каждого клиента, которого он держит, за каждый день периода (доля по уровню клиента задаётся в настройках). Когда клиент переходит из рук в руки — передачей, ротацией, уходом сотрудника — его часть плана переходит с того же дня; каждое такое изменение видно ниже с причиной. Факт — выигранные сделки, засчитанные продавцу."
        | "A rep's plan is the share of the yearly potential of every client he holds, for each day of the period (the share per tier is a setting). When a client changes hands — a transfer, the rotation, a departure — its part of the plan moves from that day; each such change shows below with its cause. Actual: won deals credited to the rep.",
    /// The period field.
    period: "Период"
        | "Period",
    /// The period's hint.
    period_hint: "2026-12 или 2026-Q4"
        | "2026-12 or 2026-Q4",
    /// Show.
    show: "Показать"
        | "Show",
    /// Plan.
    plan: "План"
        | "Plan",
    /// The plan up to today.
    plan_to_date: "план на сегодня"
        | "plan to date",
    /// From potential.
    from_potential: "Из потенциала"
        | "From potential",
    /// Actual.
    actual: "Факт"
        | "Actual",
    /// Done.
    done: "Выполнено"
        | "Done",
    /// New clients (hunters).
    new_clients: "Новые клиенты"
        | "New clients",
    /// First sales (hunters).
    first_sales: "Первые продажи"
        | "First sales",
    /// A hunter.
    hunter: "охотник"
        | "hunter",
    /// The head's plan marker.
    heads_plan: "план руководителя"
        | "the head's plan",
    /// The chart's title.
    trend: "План и факт команды нарастающим итогом"
        | "The team's plan and actual, cumulative",
    /// Changes of the plan.
    changes: "Изменения плана"
        | "Changes of the plan",
    /// No changes.
    no_changes: "Клиенты не переходили из рук в руки."
        | "No client changed hands.",
    /// The day.
    day: "День"
        | "Day",
    /// Change.
    change: "Изменение"
        | "Change",
    /// Cause.
    cause: "Причина"
        | "Cause",
    /// The set form.
    set_month: "План руководителя на месяц"
        | "The head's plan for the month",
    /// Empty clears it.
    empty_clears: "пусто — из потенциала"
        | "empty: from potential",
    /// Reason.
    reason: "Причина"
        | "Reason",
    /// Save.
    save: "Сохранить"
        | "Save",
    /// The unknown potentials.
    unknown: "Потенциал не оценён"
        | "Potential unknown",
    /// What to do with them.
    unknown_lead: "Эти клиенты не дают плана: оцените их потенциал (годовую выручку, которую от них можно ждать)."
        | "These clients give no plan: estimate their potential (the yearly revenue to expect from them).",
    /// The link to the client's form.
    estimate: "Оценить"
        | "Estimate",
    /// The set form applies to a month only.
    months_only: "План руководителя задаётся на месяц: выберите месяц, а не квартал."
        | "The head's plan is set for a month: choose a month, not a quarter.",
    /// Holder.
    holder: "Держатель"
        | "Holder",
    /// The team's total.
    team_total: "Команда"
        | "Team",
}

/// Why a rep's plan changed, in `lang`.
pub fn adjust_cause(lang: Language, c: AdjustCause) -> &'static str {
    match c {
        AdjustCause::Received => pick(lang, "получен от коллеги", "received from a colleague"),
        AdjustCause::HandedOver => pick(lang, "передан коллеге", "handed to a colleague"),
        AdjustCause::Gained => pick(lang, "новый клиент", "a new client"),
        AdjustCause::Recalled => pick(lang, "отозван руководителем", "recalled by the head"),
        AdjustCause::Released => pick(lang, "ушёл на передышку без продажи", "released to rest without a sale"),
        AdjustCause::Archived => pick(lang, "в архиве", "archived"),
        AdjustCause::Departed => pick(lang, "уход сотрудника", "the rep left"),
    }
}
