//! sprut's domain: the client base a company owns, who holds each client, and
//! the rules over them. No IO, no clock: every rule takes "today" as an argument.

pub mod account_team;
pub mod activity;
pub mod aging;
pub mod alert;
pub mod assignment;
pub mod audit;
pub mod board;
pub mod calendar;
pub mod canary_record;
pub mod channel;
pub mod client;
pub mod concentration;
pub mod conflict;
pub mod contact;
pub mod contact_pool;
pub mod dataset;
pub mod deal;
pub mod employee;
pub mod error;
pub mod export;
pub mod handover;
pub mod ids;
pub mod import;
pub mod leaver;
pub mod letters;
pub mod mail;
pub mod meeting;
pub mod meeting_request;
pub mod money;
pub mod octopus;
pub mod outbox;
pub mod page;
pub mod person_name;
pub mod planner;
pub mod reason;
pub mod receivable;
pub mod rules;
pub mod sales_plan;
pub mod scope;
pub mod seeded;
pub mod settings;
pub mod spot_check;
pub mod store;
pub mod survey;
pub mod task;
pub mod team;
pub mod token;
pub mod touch;
pub mod validate;
pub mod workday;

/// Columns of an imported file that map to no field of a record, by column title, as written.
pub type ExtraFields = std::collections::BTreeMap<String, String>;

pub use conflict::Conflict;
pub use error::{CoreError, FieldError};
pub use ids::*;
pub use reason::Reason;

/// Who performs a use case and when: every mutation is stamped and audited with it.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The employee acting; `None` for the system itself (jobs, demo, CLI bootstrap).
    pub employee_id: Option<EmployeeId>,
    /// The moment of the action, read from the clock at the edge, never in the core.
    pub now: time::OffsetDateTime,
    /// Where the request came from, when known.
    pub ip: Option<String>,
    /// The client program, when known.
    pub user_agent: Option<String>,
}

impl Actor {
    /// The system acting at `now` (jobs, CLI, demo).
    pub fn system(now: time::OffsetDateTime) -> Self {
        Self { employee_id: None, now, ip: None, user_agent: None }
    }

    /// An employee acting at `now`.
    pub fn employee(id: EmployeeId, now: time::OffsetDateTime) -> Self {
        Self { employee_id: Some(id), now, ip: None, user_agent: None }
    }

    /// Today's business date for this action.
    pub fn today(&self) -> time::Date {
        self.now.date()
    }
}

/// Declares a closed set of domain words stored and sent as snake_case text.
#[macro_export]
macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vdoc])* #[serde(rename = $text)] $variant),* }

        // Written by hand: the derive does not see the wire spellings through this macro and
        // documented the variants' Rust names, which the server refuses.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text),*]))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stored and wire spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s.trim() {
                    $($text => Ok($name::$variant),)*
                    other => Err(format!(
                        "unknown value '{}'; expected one of: {}",
                        other,
                        [$($text),*].join(", ")
                    )),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
