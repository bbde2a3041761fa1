//! The words of the pool of contacts without a company.

phrases! {
    /// The contact is attached to its client.
    contact_is_attached_to: "Контакт привязан к клиенту."
        | "The contact is attached to its client.",
    /// Name the client: its name or tax id.
    name_client_its_name: "Укажите клиента: название или ИНН."
        | "Name the client: its name or tax id.",
    /// The client could not be looked up; try again.
    client_could_not_be: "Не удалось найти клиента, попробуйте ещё раз."
        | "The client could not be looked up; try again.",
    /// Several clients have this name: give the tax id.
    several_clients_have_this: "Под это название подходят несколько клиентов: укажите ИНН."
        | "Several clients have this name: give the tax id.",
    /// Contacts without a client
    contacts_without_client: "Контакты без клиента"
        | "Contacts without a client",
    /// An import found these people without a company. Attach each to its client (name or tax id)…
    import_found_these_people: "Импорт нашёл этих людей без компании. Привяжите каждого к его клиенту (название или ИНН): контакт станет виден держателю клиента и сохранит всё, что о нём известно."
        | "An import found these people without a company. Attach each to its client (name or tax id): the contact becomes visible to the client's holder and keeps everything known about it.",
    /// No contacts without a client.
    no_contacts_without_client: "Контактов без клиента нет."
        | "No contacts without a client.",
    /// Name
    name: "ФИО"
        | "Name",
    /// Position
    position: "Должность"
        | "Position",
    /// Phones
    phones: "Телефоны"
        | "Phones",
    /// E-mails
    e_mails: "Эл. почта"
        | "E-mails",
    /// Attach to a client
    attach_to_client: "Привязать к клиенту"
        | "Attach to a client",
    /// Client
    client: "Клиент"
        | "Client",
    /// name or tax id
    name_or_tax_id: "название или ИНН"
        | "name or tax id",
    /// Attach
    attach: "Привязать"
        | "Attach",
    /// Next
    next: "Дальше"
        | "Next",
}
