//! What the desk reads about staff: the records the store returns and the desk shows.

use crate::domain::roles::Actor;
use crate::domain::vocab::Role;

/// A staff member without secrets, for lists and lookups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffBrief {
    pub id: i64,
    pub staff_no: String,
    pub name: String,
    pub role: Role,
    pub center_id: i64,
    pub department_id: Option<i64>,
    pub active: bool,
    pub locked_until: Option<String>,
}

/// The signed-in user and where they work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub actor: Actor,
    pub staff_no: String,
    pub center_name: String,
}
