//! The words of the client's survey: the public page and the heads' report.

phrases! {
    /// The public page's title.
    title: "Как мы работаем?"
        | "How are we doing?",
    /// What it asks.
    lead: "Пара минут, чтобы мы стали лучше. Ответ читает руководство компании, не ваш менеджер."
        | "A minute to help us improve. The company's management reads the answer, not your manager.",
    /// The company question.
    company: "Как вы оцениваете работу компании?"
        | "How do you rate the company?",
    /// The manager question.
    manager: "Как вы оцениваете работу вашего менеджера?"
        | "How do you rate your account manager?",
    /// Low end of the scale.
    low: "1 — плохо"
        | "1: poor",
    /// High end of the scale.
    high: "5 — отлично"
        | "5: excellent",
    /// The comment.
    comment: "Что нам стоит знать? (необязательно)"
        | "Anything we should know? (optional)",
    /// The button.
    send: "Отправить"
        | "Send",
    /// After answering.
    thanks: "Спасибо! Ваш ответ получен."
        | "Thank you! Your answer is in.",
    /// A forged or unknown link.
    unknown: "Эта ссылка не действует. Если вы получили её в письме, ответьте на письмо — мы поможем."
        | "This link does not work. If it came in a letter, reply to that letter and we will help.",
    /// The heads' page title and the card's section.
    report_title: "Голос клиента"
        | "The client's voice",
    /// What the heads' page shows.
    report_lead: "Опросы, которые отправляет компания, а не менеджер. Флаг — менеджера оценили намного выше компании: клиент может уйти вслед за ним."
        | "Surveys sent by the company, not the rep. A flag: the manager rated far above the company; the client may follow him out.",
    /// The card's button.
    send_survey: "Отправить опрос клиенту"
        | "Send the client a survey",
    /// Column: sent.
    sent_count: "Отправлено"
        | "Sent",
    /// Column: answered.
    answered: "Ответили"
        | "Answered",
    /// Column: the company's mean.
    company_mean: "Компания, ср."
        | "Company, mean",
    /// Column: the manager's mean.
    manager_mean: "Менеджер, ср."
        | "Manager, mean",
    /// Column: flags.
    flags: "Флаги"
        | "Flags",
    /// The flag's mark.
    flag: "менеджер выше компании"
        | "manager above company",
    /// Per team.
    by_team: "По командам"
        | "By team",
    /// The answers.
    answers: "Ответы"
        | "Answers",
    /// Nothing yet.
    none: "Опросов пока не было."
        | "No surveys yet.",
    /// Waiting for an answer.
    waiting: "ждём ответа"
        | "waiting",
}
