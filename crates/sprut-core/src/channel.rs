//! Channels: the phones, e-mails, sites and messengers of a client or a contact, each kept as
//! written, phones also in E.164 where they read as a number of the company's region.

use crate::validate::Checks;
use crate::word_enum;
use crate::Reason;
use serde::{Deserialize, Serialize};

word_enum!(
    /// What a channel is.
    ChannelKind {
        /// A phone number.
        Phone = "phone",
        /// An e-mail address.
        Email = "email",
        /// A web site or a page.
        Web = "web",
        /// A messenger account (Telegram, WhatsApp, Skype...).
        Messenger = "messenger",
        /// A value of an e-mail column that is not an address, kept as written.
        Other = "other",
    }
);

word_enum!(
    /// Which line of its kind a channel is.
    ChannelLabel {
        /// The office line, the work address.
        Work = "work",
        /// A mobile phone.
        Mobile = "mobile",
        /// A home line, a personal address.
        Home = "home",
        /// A fax.
        Fax = "fax",
        /// Anything else (a pager, a mailing address...).
        Other = "other",
    }
);

/// One way to reach a client or a contact.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Channel {
    /// Phone, e-mail, site or messenger.
    pub kind: ChannelKind,
    /// Work, mobile, home, fax or other.
    #[serde(default = "work")]
    pub label: ChannelLabel,
    /// As written, never changed by sprut.
    pub value: String,
    /// A phone in E.164 (`+74951234567`) when it reads as a number of the company's region;
    /// set by sprut, ignored on input.
    #[serde(default)]
    pub e164: Option<String>,
    /// The column of the imported file it came from ("Контакт Telegram").
    #[serde(default)]
    pub source_column: Option<String>,
}

fn work() -> ChannelLabel {
    ChannelLabel::Work
}

/// Most channels one record keeps.
pub const MAX_CHANNELS: usize = 100;

/// The default region of phone numbers written without a country code.
pub const DEFAULT_PHONE_REGION: &str = "RU";

impl Channel {
    /// A channel of `kind` and `label` as written, not yet normalised.
    pub fn new(kind: ChannelKind, label: ChannelLabel, value: impl Into<String>) -> Self {
        Self { kind, label, value: value.into(), e164: None, source_column: None }
    }

    /// Sets [`Channel::e164`] for a phone that reads as a number of `region` (or carries its
    /// own country code); returns whether it did not read (a pager `060`, `доб. 12`).
    pub fn normalise(&mut self, region: &str) -> bool {
        if self.kind != ChannelKind::Phone {
            self.e164 = None;
            return false;
        }
        self.e164 = phone_e164(&self.value, region);
        self.e164.is_none()
    }
}

/// Normalises every channel of `channels` for `region`; returns the phones that did not read
/// as numbers (kept as written).
pub fn normalise_all(channels: &mut [Channel], region: &str) -> Vec<String> {
    channels.iter_mut().filter_map(|ch| ch.normalise(region).then(|| ch.value.clone())).collect()
}

/// Whether `region` is a two-letter country code phone numbers know (RU, KZ, US...).
pub fn is_phone_region(region: &str) -> bool {
    region.parse::<phonenumber::country::Id>().is_ok()
}

/// `text` as an E.164 number (`+74951234567`), when it is a valid number of `region` or
/// carries its own country code; `None` otherwise.
pub fn phone_e164(text: &str, region: &str) -> Option<String> {
    // A cheap refusal first: libphonenumber's parse is far slower than this count.
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if !(5..=17).contains(&digits) {
        return None;
    }
    let country = region.parse::<phonenumber::country::Id>().ok();
    let number = phonenumber::parse(country, text).ok()?;
    phonenumber::is_valid(&number).then(|| number.format().mode(phonenumber::Mode::E164).to_string())
}

/// The label a source column's title suggests ("Мобильный телефон" → mobile, "PHONE_FAX" →
/// fax, "Частный e-mail" → home), work when it says nothing.
pub fn label_from_title(title: &str) -> ChannelLabel {
    let t = title.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["моб", "mobile", "cell", "сотов"]) {
        ChannelLabel::Mobile
    } else if has(&["факс", "fax"]) {
        ChannelLabel::Fax
    } else if has(&["дом", "home", "частн", "личн", "personal", "private"]) {
        ChannelLabel::Home
    } else if has(&["друг", "other", "пейдж", "pager", "рассыл", "mailing", "assistant", "помощн"])
    {
        ChannelLabel::Other
    } else {
        ChannelLabel::Work
    }
}

/// `channels` trimmed, without blanks and repeats (same kind and value), each checked; the
/// problems are told to `c` under `field`. E-mails must look like addresses; other values are
/// kept as written.
pub fn checked(c: &mut Checks, field: &str, channels: Vec<Channel>) -> Vec<Channel> {
    let mut out: Vec<Channel> = Vec::with_capacity(channels.len());
    for mut ch in channels {
        ch.value = ch.value.trim().to_string();
        if ch.value.is_empty() || out.iter().any(|o| o.kind == ch.kind && o.value == ch.value) {
            continue;
        }
        if ch.value.chars().count() > 300 {
            c.fail(field, Reason::ChannelTooLong { start: ch.value.chars().take(20).collect() });
        } else if ch.kind == ChannelKind::Email && !crate::validate::is_email(&ch.value.to_lowercase()) {
            c.fail(field, Reason::Email { value: ch.value.clone() });
        }
        out.push(ch);
    }
    if out.len() > MAX_CHANNELS {
        c.fail(field, Reason::TooManyChannels { max: MAX_CHANNELS });
    }
    out
}

/// `before` with the channels of `row` it lacks added (same kind and value), so that
/// importing a file again changes nothing.
pub fn merged(before: &[Channel], row: &[Channel]) -> Vec<Channel> {
    let mut out = before.to_vec();
    for ch in row {
        if !out.iter().any(|o| o.kind == ch.kind && o.value == ch.value) {
            out.push(ch.clone());
        }
    }
    out
}

/// The words a search compares: every value as written, and a phone's E.164 digits.
pub fn search_words(channels: &[Channel]) -> Vec<String> {
    let mut out = Vec::new();
    for ch in channels {
        out.push(ch.value.clone());
        if let Some(e) = &ch.e164 {
            out.push(e.trim_start_matches('+').to_string());
        }
    }
    out
}

/// One line for a file cell: `phone (mobile): +7 916 000-00-00; email: a@b.ru`.
pub fn text(channels: &[Channel]) -> String {
    channels
        .iter()
        .map(|ch| match ch.label {
            ChannelLabel::Work => format!("{}: {}", ch.kind.as_str(), ch.value),
            l => format!("{} ({}): {}", ch.kind.as_str(), l.as_str(), ch.value),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_read_in_the_company_region_or_by_their_own_code() {
        assert_eq!(phone_e164("8 (495) 123-45-67", "RU").as_deref(), Some("+74951234567"));
        assert_eq!(phone_e164("+7 916 000-00-01", "US").as_deref(), Some("+79160000001"));
        assert_eq!(phone_e164("8 701 123 45 67", "KZ").as_deref(), Some("+77011234567"));
        assert_eq!(phone_e164("060", "RU"), None, "a pager number is kept as written");
        assert_eq!(phone_e164("доб. 12", "RU"), None);
        assert_eq!(phone_e164("123456789", "RU"), None, "too short for a Russian number");
    }

    #[test]
    fn a_title_gives_the_label() {
        assert_eq!(label_from_title("Мобильный телефон"), ChannelLabel::Mobile);
        assert_eq!(label_from_title("PHONE_FAX"), ChannelLabel::Fax);
        assert_eq!(label_from_title("Частный e-mail"), ChannelLabel::Home);
        assert_eq!(label_from_title("PHONE_PAGER"), ChannelLabel::Other);
        assert_eq!(label_from_title("Телефон"), ChannelLabel::Work);
        assert_eq!(label_from_title("AssistantPhone"), ChannelLabel::Other);
    }

    #[test]
    fn checking_drops_blanks_and_repeats_and_names_a_bad_address() {
        let mut c = Checks::new();
        let out = checked(
            &mut c,
            "channels",
            vec![
                Channel::new(ChannelKind::Phone, ChannelLabel::Work, " 060 "),
                Channel::new(ChannelKind::Phone, ChannelLabel::Mobile, "060"),
                Channel::new(ChannelKind::Web, ChannelLabel::Work, "  "),
                Channel::new(ChannelKind::Email, ChannelLabel::Work, "not-an-address"),
            ],
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].value, "060");
        let err = c.finish().unwrap_err().to_string();
        assert!(err.contains("not-an-address"), "{err}");
    }

    #[test]
    fn merging_adds_only_what_is_new() {
        let a = vec![Channel::new(ChannelKind::Phone, ChannelLabel::Work, "060")];
        let b = vec![
            Channel::new(ChannelKind::Phone, ChannelLabel::Mobile, "060"),
            Channel::new(ChannelKind::Messenger, ChannelLabel::Other, "@ivan"),
        ];
        let m = merged(&a, &b);
        assert_eq!(m.len(), 2);
        assert_eq!(merged(&m, &b), m);
    }
}
