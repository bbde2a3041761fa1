//! Ids in the database: `uuid` on PostgreSQL, hyphenated text on SQLite.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgValueRef};
use sqlx::sqlite::{SqliteArgumentValue, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Postgres, Sqlite, Type};
use uuid::Uuid;

/// A UUID as each engine stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct DbId(pub Uuid);

impl Type<Sqlite> for DbId {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }
    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <String as Type<Sqlite>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Sqlite> for DbId {
    fn encode_by_ref(&self, buf: &mut Vec<SqliteArgumentValue<'q>>) -> Result<IsNull, BoxDynError> {
        <String as Encode<'q, Sqlite>>::encode(self.0.hyphenated().to_string(), buf)
    }
}

impl<'r> Decode<'r, Sqlite> for DbId {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        let s = <&str as Decode<Sqlite>>::decode(value)?;
        Ok(DbId(Uuid::parse_str(s)?))
    }
}

impl Type<Postgres> for DbId {
    fn type_info() -> PgTypeInfo {
        <Uuid as Type<Postgres>>::type_info()
    }
}

impl Encode<'_, Postgres> for DbId {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        <Uuid as Encode<Postgres>>::encode_by_ref(&self.0, buf)
    }
}

impl<'r> Decode<'r, Postgres> for DbId {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(DbId(<Uuid as Decode<Postgres>>::decode(value)?))
    }
}

/// Converts a typed id to its database form.
pub(crate) trait ToDb {
    /// The database form.
    fn db(&self) -> DbId;
}

macro_rules! to_db {
    ($($t:ty),*) => {$(
        impl ToDb for $t {
            fn db(&self) -> DbId {
                DbId(self.0)
            }
        }
        impl From<DbId> for $t {
            fn from(d: DbId) -> Self {
                Self(d.0)
            }
        }
    )*};
}

use sprut_core::*;
to_db!(
    ClientId,
    TaskId,
    MeetingRequestId,
    SpotCheckId,
    InvestigationId,
    SurveyId,
    ContactId,
    EmployeeId,
    TeamId,
    AssignmentId,
    DealId,
    ActivityId,
    ReceivableId,
    AuditEventId,
    TokenId,
    AlertId,
    ExportId,
    OutboxId,
    TransferId,
    OffboardingId,
    RedistributionId
);

/// An optional id in database form.
pub(crate) fn opt<T: ToDb>(id: &Option<T>) -> Option<DbId> {
    id.as_ref().map(ToDb::db)
}
