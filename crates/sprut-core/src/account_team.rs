//! Account teams («спрут»): one named person per department for each client.

use crate::employee::Department;
use crate::{ClientId, EmployeeId};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// One seat of a client's account team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AccountMember {
    /// The client.
    pub client_id: ClientId,
    /// The department seat.
    pub department: Department,
    /// The person in it.
    pub employee_id: EmployeeId,
    /// Their name.
    pub employee_name: String,
    /// Since when.
    #[serde(with = "time::serde::rfc3339")]
    pub since: OffsetDateTime,
}

/// Who takes a seat.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct SeatRequest {
    /// The employee (staff of that department).
    pub employee_id: EmployeeId,
}
