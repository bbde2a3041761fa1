//! The words of the head's quarterly meetings.

phrases! {
    /// Navigation and title.
    title: "Встречи руководителя"
        | "Head meetings",
    /// What the page is about.
    lead: "Каждый значимый клиент раз в квартал встречается с руководителем команды своего менеджера."
        | "Every significant client meets the head of its rep's team once a quarter.",
    /// The quarter's heading.
    quarter: "Квартал"
        | "Quarter",
    /// Column: the head.
    head: "Руководитель"
        | "Head",
    /// Column: where it stands.
    state: "Статус"
        | "State",
    /// Column: last meeting.
    last_met: "Последняя встреча"
        | "Last met",
    /// Column: planned for.
    planned: "Запланирована на"
        | "Planned for",
    /// The button that plans a meeting.
    plan: "Запланировать"
        | "Plan",
    /// The default title of a planned meeting.
    plan_title: "Квартальная встреча руководителя с клиентом"
        | "Head's quarterly meeting with the client",
    /// The notice after a meeting is planned.
    planned_notice: "Встреча запланирована."
        | "The meeting is planned.",
    /// No significant clients.
    none: "Клиентов, которым нужна встреча с руководителем, нет: порог задаётся в настройках."
        | "No client needs a head meeting: the threshold is in the settings.",
    /// The card's line.
    card: "Встреча руководителя в этом квартале"
        | "Head meeting this quarter",
    /// The activity form's checklist.
    checklist: "Чек-лист встречи руководителя"
        | "Head meeting checklist",
    /// The tick that makes a meeting the head's quarterly one.
    is_head_meeting: "Это квартальная встреча руководителя с клиентом"
        | "This is the head's quarterly meeting with the client",
    /// Checklist: decision makers met.
    dm_met: "С лицами, принимающими решения, встретились лично"
        | "Met the decision makers in person",
    /// Checklist: contacts confirmed.
    contacts_confirmed: "Контакты клиента в sprut подтверждены"
        | "The client's contacts in sprut are confirmed",
    /// Checklist: what the client said.
    client_says: "Что клиент говорит о компании (отдельно от менеджера)"
        | "What the client says about the company (apart from the rep)",
    /// Head's my day: his meetings.
    my_meetings: "Мои встречи с клиентами в этом квартале"
        | "My client meetings this quarter",
}
