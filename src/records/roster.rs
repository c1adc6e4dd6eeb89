//! What the desk reads about roster: the records the store returns and the desk shows.

use crate::domain::roster::{ChosenBy, RepCategory, RepStatus, Sex};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub struct Rep {
    pub id: i64,
    pub name: String,
    pub sex: Sex,
    pub place_id: Option<i64>,
    pub category: RepCategory,
    pub chosen_by: ChosenBy,
    pub occupation: String,
    pub expertise: String,
    pub mobile: String,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
    pub status: RepStatus,
    pub resident_id: Option<String>,
    pub version: i64,
    pub updated_at: String,
    pub updated_by: String,
}

/// Service history, derived from the records (never typed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Service {
    pub mediations: i64,
    /// Of the mediations, those where this representative was named by hand, not drawn.
    pub mediations_manual: i64,
    pub hearings: i64,
    pub struck: i64,
    pub absences: i64,
    /// Hearings sat in the 12 months before the reference date.
    pub hearings_12m: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RepDetail {
    pub rep: Rep,
    pub status_changes: Vec<(String, RepStatus, RepStatus, String, String)>,
    pub trainings: Vec<(String, String, f64)>,
    pub service: Service,
}

/// Filters of the roster list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterQuery {
    pub status: Option<RepStatus>,
    pub category: Option<RepCategory>,
    pub place: Option<i64>,
    /// Terms ending within the expiring window from this date.
    pub expiring_from: Option<NaiveDate>,
    /// A name, part of a name, or pinyin initials.
    pub search: String,
}
