//! The words of spot checks and investigations.

phrases! {
    /// Navigation and title.
    title: "Проверки базы"
        | "Data checks",
    /// What the page is about.
    lead: "Каждую неделю sprut выбирает случайные контакты каждого менеджера (чаще — ключевых клиентов и давно не проверенные), и их проверяет не держатель: руководитель или назначенные сотрудники. Неверные данные открывают расследование."
        | "Each week sprut draws random contacts of every rep (key clients' and the longest unverified more often), checked by someone other than the holder: the head or the staff chosen. Wrong data open an investigation.",
    /// The verifier's checks.
    mine: "Ваши проверки"
        | "Your checks",
    /// Nothing to check.
    none_to_check: "Проверять пока нечего."
        | "Nothing to check yet.",
    /// Column: the contact.
    contact: "Контакт"
        | "Contact",
    /// Column: the week.
    week: "Неделя"
        | "Week",
    /// Column: the result.
    outcome: "Результат"
        | "Result",
    /// Column: the note.
    note: "Комментарий"
        | "Note",
    /// The button recording a result.
    record: "Записать"
        | "Record",
    /// Accuracy per rep.
    accuracy: "Точность данных по менеджерам"
        | "Data accuracy per rep",
    /// Column: the quarter.
    quarter: "Квартал"
        | "Quarter",
    /// Column: drawn.
    drawn: "Выбрано"
        | "Drawn",
    /// Column: checked.
    checked: "Проверено"
        | "Checked",
    /// Column: wrong.
    wrong: "Неверно"
        | "Wrong",
    /// Column: wrong share.
    wrong_share: "Доля неверных"
        | "Wrong share",
    /// Column: invented.
    invented: "Выдумано"
        | "Invented",
    /// Investigations.
    investigations: "Расследования"
        | "Investigations",
    /// None.
    no_investigations: "Расследований нет."
        | "No investigations.",
    /// Column: history.
    history: "Кто внёс и менял данные"
        | "Who wrote and changed the data",
    /// Column: explanation.
    explanation: "Объяснение держателя"
        | "Holder's explanation",
    /// Column: finding.
    finding: "Вывод"
        | "Finding",
    /// Column: correction.
    correction: "Исправление"
        | "Correction",
    /// The explain button.
    explain: "Объяснить"
        | "Explain",
    /// The close button.
    close: "Закрыть расследование"
        | "Close the investigation",
    /// Open.
    open: "открыто"
        | "open",
    /// The draw button.
    draw: "Провести выборку недели сейчас"
        | "Draw this week now",
    /// After recording.
    recorded: "Результат записан."
        | "The result is recorded.",
    /// After a step.
    stepped: "Расследование обновлено."
        | "The investigation is updated.",
    /// After a draw.
    drawn_notice: "Выборка недели проведена."
        | "This week is drawn.",
}
