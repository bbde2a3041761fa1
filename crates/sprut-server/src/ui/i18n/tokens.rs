//! The words of the API tokens page.

phrases! {
    /// The token is revoked.
    token_is_revoked: "Токен отозван."
        | "The token is revoked.",
    /// API tokens
    api_tokens: "Токены API"
        | "API tokens",
    /// A token gives a program (a script, an integration) your access to the API: the Authorizati…
    token_gives_program_script: "Токен даёт программе (скрипту, интеграции) ваш доступ к API: заголовок Authorization: Bearer. Каждый токен работает до своего срока; отзовите тот, что больше не нужен или мог попасть в чужие руки. Смена пароля отзывает все токены."
        | "A token gives a program (a script, an integration) your access to the API: the Authorization: Bearer header. Each token works until its expiry; revoke one you no longer need or that may have leaked. Changing your password revokes them all.",
    /// Your new token. Copy it now: it will not be shown again.
    your_new_token_copy: "Новый токен. Скопируйте его сейчас: больше он не будет показан."
        | "Your new token. Copy it now: it will not be shown again.",
    /// What for
    what_for: "Для чего"
        | "What for",
    /// e.g. the accounting sync
    e_g_accounting_sync: "например, выгрузка в 1С"
        | "e.g. the accounting sync",
    /// Create a token
    create_token: "Создать токен"
        | "Create a token",
    /// No tokens.
    no_tokens: "Токенов нет."
        | "No tokens.",
    /// Made
    made: "Создан"
        | "Made",
    /// Last used
    last_used: "Последнее использование"
        | "Last used",
    /// Expires
    expires: "Действует до"
        | "Expires",
    /// never
    never: "не использовался"
        | "never",
    /// revoked
    revoked: "отозван "
        | "revoked ",
    /// expired
    expired: "истёк"
        | "expired",
    /// Revoke
    revoke: "Отозвать"
        | "Revoke",
    /// The calendar feed section.
    calendar: "Календарь"
        | "Calendar",
    /// What the feed is.
    calendar_explained: "Личный адрес календаря (iCalendar) с вашими открытыми задачами, плановыми касаниями и встречами: добавьте его в Яндекс Календарь, Outlook или Google Календарь как подписку. Адрес открывает ваши дела без пароля: не пересылайте его; если он мог попасть в чужие руки, выдайте новый или отзовите."
        | "A private calendar address (iCalendar) with your open tasks, planned touches and meetings: subscribe to it in Outlook, Google Calendar or Apple Calendar. The address shows your work without a password: do not forward it; if it may have leaked, make a new one or revoke it.",
    /// Copy the address now.
    calendar_copy: "Адрес календаря. Скопируйте его сейчас: больше он не будет показан."
        | "Your calendar address. Copy it now: it will not be shown again.",
    /// When the current address was made.
    calendar_since: "Текущий адрес выдан"
        | "The current address was made",
    /// Make the first address.
    calendar_issue: "Получить адрес календаря"
        | "Get a calendar address",
    /// Replace the address.
    calendar_new: "Выдать новый адрес (старый перестанет работать)"
        | "Make a new address (the old one stops working)",
    /// The address is revoked.
    calendar_revoked: "Адрес календаря отозван: календарь больше не обновляется."
        | "The calendar address is revoked: the calendar no longer updates.",
}
