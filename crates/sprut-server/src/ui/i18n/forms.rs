//! The words of the forms that create and change clients, contacts, deals and invoices.

phrases! {
    /// Link back from a form.
    back: "Назад"
        | "Back",
    /// Leave a form without saving.
    cancel: "Отмена"
        | "Cancel",
    /// Link: change this record.
    edit: "изменить"
        | "edit",
    /// Which line of its kind a channel is.
    line: "Вид линии"
        | "Line",
    /// Field: currency.
    currency: "Валюта"
        | "Currency",
    /// Field: the language the client is written to in.
    language: "Язык писем клиенту"
        | "Language of letters",
    /// Field: the part a contact plays.
    level: "Роль в решениях"
        | "Level",
    /// Field: what a contact is our person for.
    function: "Направление (кто из отделов видит контакт)"
        | "Function (which department sees the contact)",
    /// Field: where an open deal stands.
    phase: "Этап воронки"
        | "Funnel phase",
    /// Field: expected close date.
    expected_close: "Ожидаемая дата закрытия"
        | "Expected close",
    /// Field: a next step's title.
    next_step: "Следующий шаг"
        | "Next step",
    /// Field: a next step's date.
    next_due: "Срок следующего шага"
        | "Next step due",
    /// Button and title: a new client.
    new_client: "Новый клиент"
        | "New client",
    /// Title: changing a client.
    edit_client: "Изменить клиента"
        | "Edit client",
    /// Button and title: a new contact.
    new_contact: "Добавить контакт"
        | "Add contact",
    /// Title: changing a contact.
    edit_contact: "Изменить контакт"
        | "Edit contact",
    /// Button and title: a new deal.
    new_deal: "Добавить сделку"
        | "Add deal",
    /// Title: changing a deal.
    edit_deal: "Изменить сделку"
        | "Edit deal",
    /// Button and title: a new invoice.
    new_invoice: "Добавить счёт"
        | "Add invoice",
    /// Title: changing an invoice.
    edit_invoice: "Изменить счёт"
        | "Edit invoice",
    /// Notice: saved.
    saved: "Сохранено."
        | "Saved.",
}
