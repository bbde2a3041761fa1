//! The words of the outbox page, in Russian and English.

use super::pick;
use crate::mail::Security;
use sprut_core::employee::Language;
use sprut_core::outbox::{MessageKind, MessageStatus};

phrases! {
    /// Navigation: the outbox.
    nav_outbox: "Почта"
        | "Mail",
    /// Title of the outbox page.
    title: "Исходящая почта"
        | "Outbox",
    /// What the outbox page is for.
    lead: "Письма, которые отправляет sprut: клиентам и отделам при передаче клиента, руководителям о сигналах. \
         Письмо записывается вместе с изменением, которое его вызвало, и уходит через почтовый сервер; \
         после ошибки sprut пробует снова с растущей паузой, а после восьми неудач сдаётся."
        | "Letters sprut sends: to clients and departments when a client changes hands, to heads about alerts. \
         A letter is written together with the change that causes it and goes out through the mail server; \
         after a failure sprut tries again with growing pauses, and gives up after eight failures.",
    /// This process has no mail settings.
    not_configured: "Этот сервер не отправляет почту: sprut serve запущен без --smtp и --mail-from. \
         Письма ждут здесь со статусом «ожидает», пока их не отправит sprut с настройками почты."
        | "This server sends no mail: sprut serve runs without --smtp and --mail-from. \
         Letters wait here as pending until a sprut process with mail settings sends them.",
    /// Column: when queued.
    queued: "Создано"
        | "Queued",
    /// Column: recipient.
    to: "Кому"
        | "To",
    /// Column: subject.
    subject: "Тема"
        | "Subject",
    /// Column: attempts.
    attempts: "Попыток"
        | "Attempts",
    /// Column: last error.
    last_error: "Последняя ошибка"
        | "Last error",
    /// When a pending letter is tried next.
    next_attempt: "следующая попытка"
        | "next attempt",
    /// The retry button.
    retry: "Отправить снова"
        | "Send again",
    /// Notice after a retry.
    retried: "Письмо снова в очереди и уйдёт при следующей отправке."
        | "The letter is back in the queue and goes out with the next dispatch.",
    /// No letters match.
    empty: "Писем нет."
        | "No letters.",
    /// Filtered to one client.
    about_client: "Только письма о клиенте"
        | "Only letters about client",
    /// Link to a client's card.
    client_card: "карточка клиента"
        | "client card",
}

/// The mail server this process sends through, how the connection is protected, and the
/// sender.
pub fn sending_via(lang: Language, server: &str, security: Security, from: &str) -> String {
    let how = match security {
        Security::Plain => pick(lang, "без шифрования", "unencrypted"),
        Security::StartTls => pick(lang, "STARTTLS", "STARTTLS"),
        Security::Tls => pick(lang, "TLS", "TLS"),
    };
    match lang {
        Language::Ru => format!("Почта уходит через {server} ({how}) от имени {from}."),
        Language::En => format!("Mail goes out through {server} ({how}) as {from}."),
    }
}

/// The name of a message status.
pub fn status(lang: Language, s: MessageStatus) -> &'static str {
    match s {
        MessageStatus::Pending => pick(lang, "ожидает", "pending"),
        MessageStatus::Sent => pick(lang, "отправлено", "sent"),
        MessageStatus::Failed => pick(lang, "не отправлено", "failed"),
    }
}

/// The name of a message kind.
pub fn kind(lang: Language, k: MessageKind) -> &'static str {
    match k {
        MessageKind::ClientNotice => pick(lang, "клиенту о новом менеджере", "to a client: new manager"),
        MessageKind::Survey => pick(lang, "клиенту: опрос о работе с нами", "to a client: a survey"),
        MessageKind::DepartmentNotice => pick(lang, "отделу о передаче клиента", "to a department: handover"),
        MessageKind::AlertNotice => pick(lang, "руководителю о сигнале", "to a head: alert"),
        MessageKind::AuditAnchor => pick(lang, "аудитору: якорь журнала", "to an auditor: audit log anchor"),
    }
}
