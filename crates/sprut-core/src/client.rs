//! Clients: the legal entities the company sells to.

use crate::channel::Channel;
use crate::employee::Language;
use crate::money::Currency;
use crate::validate::{double_option, Checks};
use crate::Reason;
use crate::{word_enum, ClientId, CoreError, EmployeeId, TeamId};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

word_enum!(
    /// How much attention a client gets.
    Tier {
        /// Key account.
        Key = "key",
        /// Regular client.
        Regular = "regular",
        /// Small client.
        Small = "small",
    }
);

word_enum!(
    /// Whether the client is still worked.
    ClientStatus {
        /// In the base and worked.
        Active = "active",
        /// Archived with a reason: not offered to anyone.
        Archived = "archived",
    }
);

word_enum!(
    /// The order of the client list.
    ClientSort {
        /// By name.
        Name = "name",
        /// By the kept coverage score, the thinnest first (clients not scored yet last), then
        /// by name.
        Coverage = "coverage",
    }
);

/// A client (legal entity).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Client {
    /// Id.
    pub id: ClientId,
    /// Name.
    pub name: String,
    /// Tax id (ИНН), unique when present.
    pub legal_id: Option<String>,
    /// The corporate group's parent company («куст»).
    pub parent_id: Option<ClientId>,
    /// Market segment.
    pub segment: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Tier.
    pub tier: Tier,
    /// Expected yearly revenue, minor units.
    pub potential_minor: i64,
    /// Currency of the potential.
    pub currency: Currency,
    /// Active or archived.
    pub status: ClientStatus,
    /// Postal or delivery address.
    pub address: Option<String>,
    /// The language the company writes to the client in.
    pub language: Language,
    /// When created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// The company's own phones, e-mails, sites and messengers.
    pub channels: Vec<Channel>,
    /// Columns of an imported file that map to no field, by column title ("From the import").
    #[schema(value_type = Object)]
    pub extra: crate::ExtraFields,
}

/// A new client as submitted.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewClient {
    /// Name.
    pub name: String,
    /// Tax id (ИНН).
    #[serde(default)]
    pub legal_id: Option<String>,
    /// Parent company.
    #[serde(default)]
    pub parent_id: Option<ClientId>,
    /// Segment.
    #[serde(default)]
    pub segment: Option<String>,
    /// Region.
    #[serde(default)]
    pub region: Option<String>,
    /// Tier (default regular).
    #[serde(default)]
    pub tier: Option<Tier>,
    /// Potential, minor units.
    #[serde(default)]
    pub potential_minor: Option<i64>,
    /// Currency (default RUB).
    #[serde(default)]
    pub currency: Option<Currency>,
    /// Address.
    #[serde(default)]
    pub address: Option<String>,
    /// Language to write to the client in (default Russian).
    #[serde(default)]
    pub language: Option<Language>,
    /// Phones, e-mails, sites and messengers.
    #[serde(default)]
    pub channels: Vec<Channel>,
}

/// Changes to a client; absent fields stay, `null` clears.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ClientPatch {
    /// Name.
    pub name: Option<String>,
    /// Tax id.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub legal_id: Option<Option<String>>,
    /// Parent.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<ClientId>)]
    pub parent_id: Option<Option<ClientId>>,
    /// Segment.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub segment: Option<Option<String>>,
    /// Region.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub region: Option<Option<String>>,
    /// Tier.
    pub tier: Option<Tier>,
    /// Potential.
    pub potential_minor: Option<i64>,
    /// Currency.
    pub currency: Option<Currency>,
    /// Status.
    pub status: Option<ClientStatus>,
    /// Address.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub address: Option<Option<String>>,
    /// Language.
    pub language: Option<Language>,
    /// Channels (replaces the list).
    pub channels: Option<Vec<Channel>>,
}

impl NewClient {
    /// A new client with just a name; the rest defaults.
    pub fn named(name: &str) -> Self {
        Self {
            name: name.into(),
            legal_id: None,
            parent_id: None,
            segment: None,
            region: None,
            tier: None,
            potential_minor: None,
            currency: None,
            address: None,
            language: None,
            channels: Vec::new(),
        }
    }

    /// Checks the input and builds the client.
    pub fn into_client(self, now: OffsetDateTime) -> Result<Client, CoreError> {
        Client {
            id: ClientId::new(),
            name: self.name,
            legal_id: self.legal_id,
            parent_id: self.parent_id,
            segment: self.segment,
            region: self.region,
            tier: self.tier.unwrap_or(Tier::Regular),
            potential_minor: self.potential_minor.unwrap_or(0),
            currency: self.currency.unwrap_or_else(Currency::rub),
            status: ClientStatus::Active,
            address: self.address,
            language: self.language.unwrap_or(Language::Ru),
            created_at: now,
            updated_at: now,
            channels: self.channels,
            extra: Default::default(),
        }
        .checked()
    }
}

impl Client {
    /// This client with `patch` applied at `now`, checked.
    pub fn patched(&self, p: ClientPatch, now: OffsetDateTime) -> Result<Client, CoreError> {
        let mut c = self.clone();
        if let Some(v) = p.name {
            c.name = v;
        }
        if let Some(v) = p.legal_id {
            c.legal_id = v;
        }
        if let Some(v) = p.parent_id {
            c.parent_id = v;
        }
        if let Some(v) = p.segment {
            c.segment = v;
        }
        if let Some(v) = p.region {
            c.region = v;
        }
        if let Some(v) = p.tier {
            c.tier = v;
        }
        if let Some(v) = p.potential_minor {
            c.potential_minor = v;
        }
        if let Some(v) = p.currency {
            c.currency = v;
        }
        if let Some(v) = p.status {
            c.status = v;
        }
        if let Some(v) = p.address {
            c.address = v;
        }
        if let Some(v) = p.language {
            c.language = v;
        }
        if let Some(v) = p.channels {
            c.channels = v;
        }
        c.updated_at = now;
        c.checked()
    }

    /// Lower-cased name and legal id, for search and sorting.
    pub fn search_key(&self) -> String {
        crate::validate::search_key(&[&self.name, self.legal_id.as_deref().unwrap_or("")])
    }

    fn checked(mut self) -> Result<Client, CoreError> {
        let mut c = Checks::new();
        self.name = c.text("name", &self.name, 300);
        self.legal_id = c.optional_text("legal_id", self.legal_id.as_deref(), 20);
        if let Some(id) = &self.legal_id {
            if let Err(reason) = check_legal_id(id) {
                c.fail("legal_id", reason);
            }
        }
        self.segment = c.optional_text("segment", self.segment.as_deref(), 100);
        self.region = c.optional_text("region", self.region.as_deref(), 100);
        self.address = c.optional_text("address", self.address.as_deref(), 500);
        c.non_negative("potential_minor", self.potential_minor);
        self.channels = crate::channel::checked(&mut c, "channels", self.channels);
        if self.parent_id == Some(self.id) {
            c.fail("parent_id", Reason::OwnParent);
        }
        c.finish()?;
        Ok(self)
    }
}

/// Checks a tax id: a Russian ИНН is 10 digits (companies) or 12 (entrepreneurs) with check
/// digits; ids of other countries are 5 to 20 letters, digits and dashes.
pub fn check_legal_id(id: &str) -> Result<(), Reason> {
    let digits: Vec<u32> = id.chars().filter_map(|c| c.to_digit(10)).collect();
    let all_digits = digits.len() == id.chars().count();
    if all_digits && (digits.len() == 10 || digits.len() == 12) {
        if inn_checksum_ok(&digits) {
            return Ok(());
        }
        return Err(Reason::LegalIdCheckDigit);
    }
    let plausible = (5..=20).contains(&id.chars().count()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if plausible && !all_digits {
        Ok(())
    } else {
        Err(Reason::LegalIdShape)
    }
}

fn inn_checksum_ok(d: &[u32]) -> bool {
    let check = |weights: &[u32], n: usize| {
        let sum: u32 = weights.iter().zip(d).map(|(w, x)| w * x).sum();
        (sum % 11) % 10 == d[n]
    };
    match d.len() {
        10 => check(&[2, 4, 10, 3, 5, 9, 4, 6, 8], 9),
        12 => check(&[7, 2, 4, 10, 3, 5, 9, 4, 6, 8], 10) && check(&[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8], 11),
        _ => false,
    }
}

/// Makes a valid 10-digit company ИНН from its first nine digits (for demo data and tests).
pub fn inn_from_prefix(prefix: u64) -> String {
    let base = format!("{:09}", prefix % 1_000_000_000);
    let d: Vec<u32> = base.chars().filter_map(|c| c.to_digit(10)).collect();
    let w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    let sum: u32 = w.iter().zip(&d).map(|(w, x)| w * x).sum();
    format!("{base}{}", (sum % 11) % 10)
}

/// The current holder shown beside a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Holder {
    /// The employee.
    pub employee_id: EmployeeId,
    /// Their name.
    pub name: String,
    /// Their team.
    pub team_id: Option<TeamId>,
    /// Held since.
    pub since: Date,
}

/// A row of the client list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ClientListItem {
    /// The client.
    #[serde(flatten)]
    pub client: Client,
    /// Who holds it now, if anyone.
    pub holder: Option<Holder>,
    /// Its coverage score as kept by the last nightly count (none before the first).
    pub coverage: Option<u8>,
}

/// Filters and order of the client list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
pub struct ClientFilter {
    /// Held now by this employee.
    pub holder_id: Option<EmployeeId>,
    /// Held now by someone in this team.
    pub team_id: Option<TeamId>,
    /// Segment, exactly.
    pub segment: Option<String>,
    /// Region, exactly.
    pub region: Option<String>,
    /// Tier.
    pub tier: Option<Tier>,
    /// Status.
    pub status: Option<ClientStatus>,
    /// Text in the name or the legal id.
    pub q: Option<String>,
    /// Kept coverage score below this (0–100).
    #[param(maximum = 100)]
    pub coverage_below: Option<u8>,
    /// The order (default by name; exports keep their own).
    pub sort: Option<ClientSort>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inn_check_digits() {
        assert!(check_legal_id("7707083893").is_ok()); // Сбербанк
        assert!(check_legal_id("7707083894").is_err());
        assert!(check_legal_id("500100732259").is_ok());
        assert!(check_legal_id("DE-123456789").is_ok());
        assert!(check_legal_id("12").is_err());
        for p in [0u64, 123_456_789, 770_708_389] {
            assert!(check_legal_id(&inn_from_prefix(p)).is_ok());
        }
    }

    #[test]
    fn patch_keeps_absent_and_clears_null() {
        let now = OffsetDateTime::UNIX_EPOCH;
        let mut n = NewClient::named("Ромашка");
        n.segment = Some("retail".into());
        n.region = Some("Москва".into());
        let c = n.into_client(now).unwrap();
        let p: ClientPatch = serde_json::from_str(r#"{"segment": null}"#).unwrap();
        let c2 = c.patched(p, now).unwrap();
        assert_eq!(c2.segment, None);
        assert_eq!(c2.region.as_deref(), Some("Москва"));
    }

    #[test]
    fn blank_name_is_refused() {
        let err = NewClient::named("   ").into_client(OffsetDateTime::UNIX_EPOCH).unwrap_err();
        assert!(matches!(err, CoreError::Validation(ref f) if f[0].field == "name"));
    }
}
