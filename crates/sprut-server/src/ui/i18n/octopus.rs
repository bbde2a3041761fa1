//! The words of the relationship map and the coverage score.

phrases! {
    /// The card section's heading.
    title: "Связи с клиентом"
        | "Relationships",
    /// What the section shows.
    lead: "Кто из наших в контакте с кем у клиента: число касаний и последнее. Чем больше нитей, тем меньше клиент зависит от одного человека."
        | "Who of ours is in touch with whom at the client: touches and the last one. The more threads, the less the client hangs on one person.",
    /// The score's label.
    coverage: "Охват"
        | "Coverage",
    /// The column of touches that named no contact.
    no_contact: "без контакта"
        | "no contact named",
    /// The mark of a contact only the holder has met.
    only_holder: "знает только держатель"
        | "only the holder knows",
    /// The mark of the holder's row.
    holder: "держатель"
        | "holder",
    /// Nothing to draw yet.
    empty: "Касаний с контактами клиента ещё не было."
        | "No touches with the client's contacts yet.",
    /// The navigation item and the risk page's title.
    risk_nav: "Риски"
        | "Risks",
    /// The risk page's heading.
    risk_title: "Что потеряем, если сотрудник уйдёт"
        | "What we lose if someone leaves",
    /// What the risk page shows.
    risk_lead: "Клиент висит на одной нити, когда за 180 дней с ним был в контакте только один наш сотрудник (или никто — тогда держатель). Уйдёт он — уйдёт и клиент."
        | "A client hangs on one thread when only one of ours was in touch with it in 180 days (or no one: then its holder). If he leaves, so may the client.",
    /// The column of clients held.
    held: "Ведёт клиентов"
        | "Clients held",
    /// The column of single-threaded clients.
    single: "На одной нити"
        | "On one thread",
    /// The column of their revenue.
    revenue: "Выручка за 12 мес."
        | "Revenue, 12 months",
    /// The column of their potential.
    potential: "Потенциал"
        | "Potential",
    /// The column of people only he met.
    only_his: "Людей знает только он"
        | "People only he met",
    /// The column of people the company cannot reach.
    unreachable: "Нет прямого канала"
        | "No direct channel",
    /// The column of the share of the team's revenue.
    share: "Доля выручки команды"
        | "Share of team revenue",
    /// The mark of an employee over the alert's share.
    over: "выше порога"
        | "over the limit",
    /// The chart's title.
    chart_title: "Выручка клиентов на одной нити, топ-20"
        | "Revenue of single-threaded clients, top 20",
    /// The chart's unit.
    chart_unit: "тыс. ₽ за 12 мес."
        | "thousand ₽ over 12 months",
    /// Nothing at stake.
    risk_none: "Ни один клиент не висит на одной нити."
        | "No client hangs on a single thread.",
    /// The heading of one employee's clients.
    his_clients: "Клиенты на одной нити"
        | "Single-threaded clients",
    /// The mark of a client no one touched.
    untouched: "никто не касался"
        | "no one in touch",
    /// The link back to everyone.
    everyone: "Все сотрудники"
        | "Everyone",
    /// The link to one employee's risk.
    details: "подробнее"
        | "details",
    /// The playbook's heading of the leaver's figure.
    leaver_figure: "Что уходит вместе с ним"
        | "What leaves with him",
    /// The thin key clients' page title.
    thin_title: "Ключевые клиенты с узким охватом"
        | "Key clients with thin coverage",
    /// What that page shows.
    thin_lead: "Ключевые клиенты, чей охват за 180 дней ниже минимума из настроек, и чего им не хватает."
        | "Key clients whose coverage over 180 days is below the settings' minimum, and what they lack.",
    /// Nothing below.
    thin_none: "Все ключевые клиенты не ниже минимума."
        | "Every key client is at the minimum or above.",
    /// Column: what is missing.
    missing: "Чего не хватает"
        | "What is missing",
    /// The list filter of the kept score.
    coverage_below: "Охват ниже"
        | "Coverage below",
    /// The list's order.
    order: "Порядок"
        | "Order",
    /// The order by name.
    by_name: "по названию"
        | "by name",
    /// The order by coverage.
    by_coverage: "по охвату, узкий сначала"
        | "by coverage, thinnest first",
    /// When the kept scores were counted.
    counted_on: "Охват посчитан на"
        | "Coverage counted on",
    /// The kept scores were never counted.
    never_counted: "Охват ещё не считался: он считается каждую ночь."
        | "Coverage has not been counted yet: it is counted every night.",
    /// The administrator's button to count now.
    count_now: "Посчитать сейчас"
        | "Count now",
    /// After counting.
    counted: "Охват всех клиентов посчитан."
        | "Every client's coverage is counted.",
    /// A score not counted yet.
    not_counted: "ещё не посчитан"
        | "not counted yet",
    /// The link from the thin key clients to the whole list by coverage.
    all_by_coverage: "Все клиенты по охвату"
        | "Every client by coverage",
}
