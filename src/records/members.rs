//! What the desk reads about members: the records the store returns and the desk shows.

use crate::domain::members::{CadrePool, ContactMethod, HouseholdKind, SelectedBy, WishState};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitShare {
    pub id: i64,
    pub name: String,
    pub total: u32,
    pub key_selected: u32,
    pub ok: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: i64,
    pub name: String,
    pub unit_id: i64,
    pub unit: String,
    pub position: String,
    pub place_id: Option<i64>,
    pub profession: String,
    pub skills: String,
    pub pool: CadrePool,
    pub key_selected: bool,
    pub selected_by: Option<SelectedBy>,
    pub mobile: Option<String>,
    pub households: usize,
    /// 到社区报到: the day the member registered with their home community.
    pub registered_on: Option<String>,
    /// When the member was key-selected (how: `selected_by`).
    pub selected_on: Option<String>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Household {
    pub id: i64,
    pub place_id: i64,
    pub address: String,
    pub head: String,
    pub kind: HouseholdKind,
    pub needs: String,
    pub plan: String,
    pub member_id: Option<i64>,
    pub member_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wish {
    pub id: i64,
    pub household_id: i64,
    pub wish: String,
    pub state: WishState,
    pub member_id: Option<i64>,
    pub fulfilled_on: Option<String>,
    pub note: String,
    /// The head of the household and the member who claimed it, for lists.
    pub head: String,
    pub member: Option<String>,
}

/// A contact to record (民情日记).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    pub member_id: i64,
    pub household_id: i64,
    pub date: NaiveDate,
    pub method: ContactMethod,
    pub notes: String,
}

/// A recorded contact, with the head of the household.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRow {
    pub date: String,
    pub household_id: i64,
    pub head: String,
    pub method: ContactMethod,
    pub notes: String,
}
