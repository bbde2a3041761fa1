//! The words of meeting requests.

phrases! {
    /// The page's title.
    title: "Просьбы о встрече"
        | "Meeting requests",
    /// What the page is about.
    lead: "Руководитель или коллега просит о встрече с клиентом, держатель отвечает: согласует дату, переносит или отказывает с причиной. Повторные отказы и далёкие переносы — красный флаг."
        | "A head or a colleague asks to meet a client; its holder answers: agrees a date, postpones or declines with a reason. Repeated declines and far postponements are a red flag.",
    /// The form's heading.
    ask: "Попросить о встрече"
        | "Ask for a meeting",
    /// The purpose field.
    purpose: "Цель встречи"
        | "Purpose",
    /// The dates field.
    dates: "Предлагаемые даты (до трёх)"
        | "Proposed dates (up to three)",
    /// The submit button.
    send: "Отправить держателю"
        | "Send to the holder",
    /// Incoming requests.
    incoming: "Ждут вашего ответа"
        | "Waiting for your answer",
    /// One's own requests.
    mine: "Ваши просьбы"
        | "Your requests",
    /// Everyone's requests (heads).
    all: "Все просьбы"
        | "All requests",
    /// Per holder.
    by_holder: "Как отвечают держатели"
        | "How holders answer",
    /// Column: who asks.
    asker: "Кто просит"
        | "Asked by",
    /// Column: the holder.
    holder: "Держатель"
        | "Holder",
    /// Column: the state.
    state: "Ответ"
        | "Answer",
    /// Column: the date agreed.
    agreed: "Дата"
        | "Date",
    /// Column: the reason.
    reason: "Причина"
        | "Reason",
    /// The answer button.
    answer: "Ответить"
        | "Answer",
    /// The withdraw button.
    withdraw: "Отозвать"
        | "Withdraw",
    /// Column: requests.
    requests: "Просьб"
        | "Requests",
    /// Column: red flags.
    red_flags: "Красных флагов"
        | "Red flags",
    /// The mark of a red-flag answer.
    red_flag: "красный флаг"
        | "red flag",
    /// Nothing yet.
    none: "Просьб о встрече пока нет."
        | "No meeting requests yet.",
    /// After asking.
    sent: "Просьба отправлена держателю."
        | "The request went to the holder.",
    /// After answering.
    answered: "Ответ сохранён."
        | "The answer is saved.",
    /// The card's link.
    card_link: "Просьбы о встрече"
        | "Meeting requests",
}
