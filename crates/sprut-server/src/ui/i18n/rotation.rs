//! The words of the rotation pages and the card's rotation panel.

phrases! {
    /// purchase cycle
    purchase_cycle: "цикл закупок"
        | "purchase cycle",
    /// budget period
    budget_period: "бюджетный период"
        | "budget period",
    /// corporate group
    corporate_group: "корпоративный куст"
        | "corporate group",
    /// state funding
    state_funding: "госфинансирование"
        | "state funding",
    /// seasonality
    seasonality: "сезонность"
        | "seasonality",
    /// Reason
    reason: "Причина"
        | "Reason",
    /// Facts
    facts: "Факты"
        | "Facts",
    /// Until
    until: "До"
        | "Until",
    /// Extend
    extend: "Продлить"
        | "Extend",
    /// Why
    why: "Почему"
        | "Why",
    /// To whom
    to_whom: "Кому"
        | "To whom",
    /// to rest
    to_rest: "на передышку"
        | "to rest",
    /// Recall
    recall: "Отозвать"
        | "Recall",
    /// Archive
    archive: "В архив"
        | "Archive",
    /// Dead clients
    dead_clients: "«Мёртвые» клиенты"
        | "Dead clients",
    /// Sales cycle
    sales_cycle: "Период продажи"
        | "Sales cycle",
    /// Rep scorecard
    rep_scorecard: "Показатели менеджера"
        | "Rep scorecard",
    /// Clients held past the cycle without a sale, without touches, or without purchases. Extend…
    clients_held_past_cycle: "Клиенты, которые держат без продажи дольше периода, без касаний или без покупок. Продление — только по объективной причине и до твёрдой даты."
        | "Clients held past the cycle without a sale, without touches, or without purchases. Extend only for an objective reason, to a firm date.",
    /// No dead clients.
    no_dead_clients: "«Мёртвых» клиентов нет."
        | "No dead clients.",
    /// Client
    client: "Клиент"
        | "Client",
    /// Holder
    holder: "Держит"
        | "Holder",
    /// Days
    days: "Дней"
        | "Days",
    /// Cycle
    cycle: "Период"
        | "Cycle",
    /// Last activity
    last_activity: "Последнее касание"
        | "Last activity",
    /// Last report
    last_report: "Последний отчёт"
        | "Last report",
    /// Deals
    deals: "Сделок"
        | "Deals",
    /// Potential
    potential: "Потенциал"
        | "Potential",
    /// Decision
    decision: "Решение"
        | "Decision",
    /// Missing weekly reports
    missing_weekly_reports: "Не сданы еженедельные отчёты"
        | "Missing weekly reports",
    /// Every report is in.
    every_report_is_in: "Все отчёты сданы."
        | "Every report is in.",
    /// week of
    week_of: "неделя с "
        | "week of ",
    /// Days from the start of work to the first sale. The mean as in the article; median and 80th…
    days_from_start_of: "Дни от начала работы до первой продажи. Среднее — по статье; медиана и 80-й перцентиль рядом; оценка Каплана–Мейера учитывает и незавершённую работу."
        | "Days from the start of work to the first sale. The mean as in the article; median and 80th percentile beside it; the Kaplan–Meier estimate also counts unfinished work.",
    /// Segment
    segment: "Сегмент"
        | "Segment",
    /// Sales
    sales: "Продаж"
        | "Sales",
    /// Censored
    censored: "Без продажи"
        | "Censored",
    /// Mean
    mean: "Среднее"
        | "Mean",
    /// Median
    median: "Медиана"
        | "Median",
    /// K–M median
    k_m_median: "Медиана К–М"
        | "K–M median",
    /// Company
    company: "Вся компания"
        | "Company",
    /// Deals left out with an unknown opening date (migrated from another CRM, the record created…
    deals_left_out_with: "Не учтено сделок с неизвестной датой начала (перенесены из другой CRM, запись создана после закрытия): "
        | "Deals left out with an unknown opening date (migrated from another CRM, the record created after they closed): ",
    /// Clients held
    clients_held: "Клиентов сейчас"
        | "Clients held",
    /// Development periods
    development_periods: "Периодов разработки"
        | "Development periods",
    /// Converted to a sale
    converted_to_sale: "Закончились продажей"
        | "Converted to a sale",
    /// Conversion rate
    conversion_rate: "Доля продаж"
        | "Conversion rate",
    /// Days to first sale
    days_to_first_sale: "Дней до первой продажи"
        | "Days to first sale",
    /// Hopeless, then sold
    hopeless_then_sold: "«Безнадёжен», а потом продан"
        | "Hopeless, then sold",
    /// Missing reports
    missing_reports: "Не сдано отчётов"
        | "Missing reports",
    /// Rep
    rep: "Менеджер"
        | "Rep",
    /// Weekly reports
    weekly_reports: "Еженедельные отчёты"
        | "Weekly reports",
    /// No clients in development.
    no_clients_in_development: "Клиентов в разработке нет."
        | "No clients in development.",
    /// Due
    due: "Срок"
        | "Due",
    /// last report
    last_report_lower: "последний отчёт"
        | "last report",
    /// Status
    status: "Статус"
        | "Status",
    /// working
    working: "в работе"
        | "working",
    /// postponed until
    postponed_until: "отложен до"
        | "postponed until",
    /// hopeless
    hopeless: "безнадёжен"
        | "hopeless",
    /// Postponed until
    postponed_until_title: "Отложен до"
        | "Postponed until",
    /// What happened
    what_happened: "Что сделано"
        | "What happened",
    /// Next step
    next_step: "Следующий шаг"
        | "Next step",
    /// Submit report
    submit_report: "Сдать отчёт"
        | "Submit report",
    /// extension
    extension: "продление"
        | "extension",
    /// recalled to rest
    recalled_to_rest: "отзыв на передышку"
        | "recalled to rest",
    /// recalled to another rep
    recalled_to_another_rep: "отзыв другому менеджеру"
        | "recalled to another rep",
    /// archived
    archived: "архив"
        | "archived",
    /// released when due
    released_when_due: "снят по сроку"
        | "released when due",
    /// rotated
    rotated: "передан по ротации"
        | "rotated",
    /// sale: now a customer
    sale_now_customer: "продажа: стал клиентом"
        | "sale: now a customer",
    /// postponed
    postponed: "отложен"
        | "postponed",
    /// Decisions and reports
    decisions_and_reports: "Решения и отчёты"
        | "Decisions and reports",
    /// Date
    date: "Дата"
        | "Date",
    /// Who
    who: "Кто"
        | "Who",
    /// Week
    week: "Неделя"
        | "Week",
    /// until
    until_lower: "до"
        | "until",
    /// Notice: clients decided in bulk.
    decided_in_bulk: "Решение принято по клиентам: "
        | "Decided for clients: ",
    /// Filter: least days past a rule's limit.
    min_days_over: "Просрочка от, дн."
        | "At least days over",
    /// Filter: the order.
    sort: "Порядок"
        | "Order",
    /// How many match the filters.
    matched: "подходит: "
        | "matching: ",
    /// How many dead clients there are.
    dead_total: "всего мёртвых: "
        | "dead in all: ",
    /// The bulk bar's lead.
    with_ticked: "С отмеченными:"
        | "With the ticked ones:",
    /// Bulk action: recall to rest.
    recall_to_rest: "отозвать на передышку"
        | "recall to rest",
    /// Bulk submit.
    decide_ticked: "Применить к отмеченным"
        | "Apply to the ticked",
    /// The column of ticks.
    tick: "Отметить"
        | "Tick",
    /// More rows than shown.
    and_more: "и ещё "
        | "and more: ",
    /// Rule (a): past its due date.
    kind_past_due: "срок разработки истёк"
        | "development past due",
    /// Rule (b): no activity.
    kind_no_activity: "нет касаний"
        | "no activity",
    /// Rule (c): lapsed customer.
    kind_lapsed: "нет покупок"
        | "no purchases",
    /// Order: days over.
    sort_days_over: "по просрочке"
        | "by days over",
    /// Order: potential.
    sort_potential: "по потенциалу"
        | "by potential",
    /// Order: name.
    sort_name: "по названию"
        | "by name",
    /// Order: holder.
    sort_holder: "по держателю"
        | "by holder",
    /// Clients a bulk decision could not decide.
    not_decided: "По этим клиентам решение не принято:"
        | "These clients were not decided:",
}
