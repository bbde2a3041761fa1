//! The mail server sprut sends through: read from `--smtp URL` and `--mail-from ADDRESS`
//! (never from the database, so no password sits in the settings), and one message sent.
//!
//! URLs: `smtp://user:password@host:587` (STARTTLS, required), `smtps://user:password@host:465`
//! (TLS from the first byte), `smtp://host:25?tls=none` (no encryption: for a relay on the
//! same machine or network; a password is only sent unencrypted to a loopback address).

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sprut_core::outbox::OutboxMessage;
use std::time::Duration;

/// How long one SMTP command may take before the attempt counts as failed.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// A mail setting that cannot be used, naming the option and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{option}: {message}")]
pub struct MailConfigError {
    /// The option at fault, with its environment variable.
    pub option: &'static str,
    /// What is wrong and what to do.
    pub message: String,
}

/// The `--smtp` option, as errors name it.
const SMTP_OPTION: &str = "--smtp (SPRUT_SMTP_URL)";
/// The `--mail-from` option, as errors name it.
const FROM_OPTION: &str = "--mail-from (SPRUT_MAIL_FROM)";
/// What a good `--smtp` looks like.
const SMTP_FORMS: &str =
    "write smtp://user:password@host:587 (STARTTLS), smtps://user:password@host:465 (TLS) or smtp://host:25?tls=none";

fn smtp_error(message: impl Into<String>) -> MailConfigError {
    MailConfigError { option: SMTP_OPTION, message: message.into() }
}

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// No encryption.
    Plain,
    /// A plain connection upgraded with STARTTLS, which must succeed.
    StartTls,
    /// TLS from the first byte (SMTPS).
    Tls,
}

impl Security {
    fn name(self) -> &'static str {
        match self {
            Security::Plain => "unencrypted",
            Security::StartTls => "STARTTLS",
            Security::Tls => "TLS",
        }
    }
}

/// Where and how to reach the mail server, parsed from `--smtp`.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpServer {
    /// Host name or address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Encryption.
    pub security: Security,
    /// User and password, when the server wants them.
    credentials: Option<(String, String)>,
}

impl std::fmt::Debug for SmtpServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self}")
    }
}

impl std::fmt::Display for SmtpServer {
    /// The server without the password, for logs and pages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let user = self.credentials.as_ref().map(|(u, _)| format!("{u}@")).unwrap_or_default();
        write!(f, "{user}{}:{} ({})", self.host, self.port, self.security.name())
    }
}

impl SmtpServer {
    /// Reads `--smtp URL`.
    pub fn parse(text: &str) -> Result<SmtpServer, MailConfigError> {
        let url = url::Url::parse(text.trim()).map_err(|e| smtp_error(format!("not a URL ({e}); {SMTP_FORMS}")))?;
        let host = url.host_str().unwrap_or("").trim_start_matches('[').trim_end_matches(']').to_string();
        if host.is_empty() {
            return Err(smtp_error(format!("no host; {SMTP_FORMS}")));
        }
        let mut tls = None;
        for (key, value) in url.query_pairs() {
            match key.as_ref() {
                "tls" => tls = Some(value.into_owned()),
                other => return Err(smtp_error(format!("unknown parameter '{other}'; only tls=none is understood"))),
            }
        }
        let security = match (url.scheme(), tls.as_deref()) {
            ("smtps", None) => Security::Tls,
            ("smtp", None | Some("required" | "starttls")) => Security::StartTls,
            ("smtp", Some("none")) => Security::Plain,
            ("smtp" | "smtps", Some(other)) => {
                return Err(smtp_error(format!(
                    "tls={other} is not understood; use tls=none for no encryption, nothing for STARTTLS, or smtps://"
                )))
            }
            (other, _) => return Err(smtp_error(format!("the scheme '{other}' is not a mail server; {SMTP_FORMS}"))),
        };
        let port = url.port().unwrap_or(match security {
            Security::Plain => 25,
            Security::StartTls => 587,
            Security::Tls => 465,
        });
        let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
        let credentials = match (url.username(), url.password()) {
            ("", None) => None,
            (user, Some(password)) if !user.is_empty() => Some((decode(user), decode(password))),
            _ => return Err(smtp_error("give both a user and a password (smtp://user:password@host), or neither")),
        };
        if security == Security::Plain && credentials.is_some() && !is_loopback(&host) {
            return Err(smtp_error(format!(
                "the password would cross the network unencrypted to {host}; drop tls=none to use STARTTLS, or use smtps://"
            )));
        }
        Ok(SmtpServer { host, port, security, credentials })
    }

    /// The lettre transport for this server.
    fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, MailConfigError> {
        let mut b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(self.host.as_str())
            .port(self.port)
            .timeout(Some(SMTP_TIMEOUT));
        let tls =
            || TlsParameters::new(self.host.clone()).map_err(|e| smtp_error(format!("TLS cannot be set up: {e}")));
        b = match self.security {
            Security::Plain => b.tls(Tls::None),
            Security::StartTls => b.tls(Tls::Required(tls()?)),
            Security::Tls => b.tls(Tls::Wrapper(tls()?)),
        };
        if let Some((user, password)) = &self.credentials {
            b = b.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(b.build())
    }
}

/// Whether `host` is this machine.
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Reads `--mail-from`: `noreply@firm.ru` or `Компания <noreply@firm.ru>`.
pub fn parse_from(text: &str) -> Result<Mailbox, MailConfigError> {
    text.trim().parse::<Mailbox>().map_err(|e| MailConfigError {
        option: FROM_OPTION,
        message: format!(
            "'{text}' is not a sender address ({e}); write noreply@firm.ru or \"Компания <noreply@firm.ru>\""
        ),
    })
}

/// Sends the outbox's letters through one mail server from one sender address.
pub struct Mailer {
    server: SmtpServer,
    from: Mailbox,
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mailer({} from {})", self.server, self.from)
    }
}

impl Mailer {
    /// A mailer for `--smtp` and `--mail-from`; `None` when neither is given (mail then
    /// waits in the outbox); an error naming the option when only one is, or one is wrong.
    pub fn from_options(smtp: Option<&str>, from: Option<&str>) -> Result<Option<Mailer>, MailConfigError> {
        let blank = |s: Option<&str>| s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        match (blank(smtp), blank(from)) {
            (None, None) => Ok(None),
            (Some(_), None) => Err(MailConfigError {
                option: FROM_OPTION,
                message: "is needed with --smtp: the address letters come from, e.g. \"Компания <noreply@firm.ru>\""
                    .into(),
            }),
            (None, Some(_)) => {
                Err(smtp_error(format!("is needed with --mail-from: the mail server to send through; {SMTP_FORMS}")))
            }
            (Some(smtp), Some(from)) => Mailer::new(SmtpServer::parse(&smtp)?, parse_from(&from)?).map(Some),
        }
    }

    /// A mailer sending through `server` from `from`.
    pub fn new(server: SmtpServer, from: Mailbox) -> Result<Mailer, MailConfigError> {
        let transport = server.transport()?;
        Ok(Mailer { server, from, transport })
    }

    /// The server letters go through (without the password).
    pub fn server(&self) -> &SmtpServer {
        &self.server
    }

    /// The sender address.
    pub fn from(&self) -> &Mailbox {
        &self.from
    }

    /// Sends one message; the error is what the mail server (or the network) said.
    pub async fn send(&self, m: &OutboxMessage) -> Result<(), String> {
        let address: Address = m
            .to_address
            .trim()
            .parse()
            .map_err(|e| format!("the recipient '{}' is not an address: {e}", m.to_address))?;
        let name = Some(m.to_name.trim().to_string()).filter(|n| !n.is_empty());
        // The id is the outbox letter's, so a letter sent twice (a lease that ran out
        // mid-send) is one message to the receiving servers.
        let message_id = format!("<{}@{}>", m.id, self.from.email.domain());
        let email = Message::builder()
            .message_id(Some(message_id))
            .from(self.from.clone())
            .to(Mailbox::new(name, address))
            .subject(m.subject.as_str())
            .header(ContentType::TEXT_PLAIN)
            .body(m.body.clone())
            .map_err(|e| format!("the letter cannot be built: {e}"))?;
        self.transport.send(email).await.map(|_| ()).map_err(|e| format!("{} via {}", e, self.server))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_the_protection_and_hide_the_password() {
        let s = SmtpServer::parse("smtp://mail%40firm.ru:p%40ss@smtp.firm.ru").unwrap();
        assert_eq!((s.port, s.security), (587, Security::StartTls));
        assert_eq!(s.credentials, Some(("mail@firm.ru".into(), "p@ss".into())));
        assert_eq!(s.to_string(), "mail@firm.ru@smtp.firm.ru:587 (STARTTLS)");
        assert!(!format!("{s:?}").contains("p@ss"));
        let s = SmtpServer::parse("smtps://u:p@smtp.yandex.ru").unwrap();
        assert_eq!((s.port, s.security), (465, Security::Tls));
        let s = SmtpServer::parse("smtp://127.0.0.1:2525?tls=none").unwrap();
        assert_eq!((s.host.as_str(), s.port, s.security), ("127.0.0.1", 2525, Security::Plain));
        assert!(SmtpServer::parse("smtp://u:p@localhost:25?tls=none").is_ok(), "a password to this machine");
    }

    #[test]
    fn bad_settings_name_the_option_and_the_way_out() {
        let err = |r: Result<SmtpServer, MailConfigError>| r.unwrap_err().to_string();
        assert!(err(SmtpServer::parse("smtp.firm.ru")).contains("--smtp (SPRUT_SMTP_URL): not a URL"));
        assert!(err(SmtpServer::parse("http://smtp.firm.ru")).contains("scheme 'http'"));
        assert!(err(SmtpServer::parse("smtp://u:p@smtp.firm.ru?tls=none")).contains("unencrypted"));
        assert!(err(SmtpServer::parse("smtp://smtp.firm.ru?tls=maybe")).contains("tls=maybe"));
        assert!(err(SmtpServer::parse("smtp://smtp.firm.ru?port=1")).contains("unknown parameter 'port'"));
        assert!(err(SmtpServer::parse("smtp://u@smtp.firm.ru")).contains("both a user and a password"));
        let both = |a: Option<&str>, b: Option<&str>| Mailer::from_options(a, b).map(|m| m.is_some());
        assert_eq!(both(None, Some("  ")), Ok(false));
        assert!(both(Some("smtp://h"), None).unwrap_err().to_string().starts_with("--mail-from"));
        assert!(both(None, Some("a@b.ru")).unwrap_err().to_string().starts_with("--smtp"));
        assert!(parse_from("не адрес").unwrap_err().to_string().contains("not a sender address"));
        assert_eq!(parse_from("Компания <noreply@firm.ru>").unwrap().name.as_deref(), Some("Компания"));
    }
}
