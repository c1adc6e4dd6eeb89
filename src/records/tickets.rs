//! What the desk reads about tickets: the records the store returns and the desk shows.

use super::{NO_DUE, parse_date};
use crate::domain::flow::TicketFacts;
use crate::domain::ticket_number;
use crate::domain::vocab::{
    Channel, Classification, DayKind, Resolution, Satisfaction, State, Urgency,
};

/// Everything about a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketRecord {
    pub id: i64,
    pub year: i32,
    pub seq: i64,
    pub center_id: i64,
    pub channel: Channel,
    pub received_at: String,
    pub registered_by: Option<i64>,
    pub first_staff_id: Option<i64>,
    pub first_leader_id: Option<i64>,
    pub petitioner_names: String,
    pub place_id: Option<i64>,
    pub collective: bool,
    pub head_count: Option<i64>,
    pub category_id: i64,
    pub urgency: Urgency,
    pub summary: String,
    pub content: String,
    pub request: String,
    pub visit_ref: Option<String>,
    pub state: State,
    pub round: u8,
    pub proposed: Option<Classification>,
    pub opinion: Option<String>,
    pub decision: Option<Classification>,
    pub leader_id: Option<i64>,
    pub instruction: Option<String>,
    pub answer: Option<String>,
    pub department_id: Option<i64>,
    pub round_issued_on: Option<String>,
    pub clock_start: Option<String>,
    pub due: Option<String>,
    pub warn_at: Option<String>,
    pub limit_kind: Option<DayKind>,
    pub extension_used: bool,
    pub pending_ext_days: Option<u32>,
    pub pending_ext_reason: Option<String>,
    pub resolution: Option<Resolution>,
    pub result: Option<String>,
    pub satisfaction: Option<Satisfaction>,
    pub escalated: bool,
    pub unresolved_closure: bool,
    pub repeat_of: Option<i64>,
    pub merged_into: Option<i64>,
    pub closed_at: Option<String>,
    pub version: i64,
    pub updated_at: String,
    pub updated_by: String,
    /// Raised at this leader's visit (领导进社区/进乡镇).
    pub visit_id: Option<i64>,
    /// Raised by this employed Party member (name and unit) for this household (head, address).
    pub member: Option<String>,
    pub household: Option<String>,
    pub petitioners: Vec<PetitionerRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetitionerRecord {
    pub name: String,
    pub mobile: Option<String>,
    pub resident_id: Option<String>,
    pub address: String,
    pub place_id: Option<i64>,
}

impl TicketRecord {
    pub fn number(&self) -> String {
        ticket_number(self.year, self.seq)
    }

    /// The running deadline, if the ticket has one.
    pub fn due_date(&self) -> Option<chrono::NaiveDate> {
        self.due
            .as_deref()
            .filter(|d| *d != NO_DUE)
            .and_then(parse_date)
    }

    pub fn facts(&self) -> TicketFacts {
        TicketFacts {
            id: self.id,
            state: self.state,
            round: self.round,
            center_id: self.center_id,
            category_id: self.category_id,
            urgency: self.urgency,
            department_id: self.department_id,
            extension_used: self.extension_used,
            pending_extension_days: self.pending_ext_days,
            escalated: self.escalated,
            round_issued_on: self.round_issued_on.as_deref().and_then(parse_date),
            due: self.due_date(),
            limit_kind: self.limit_kind,
            clock_start: self.clock_start.as_deref().and_then(parse_date),
        }
    }
}

/// An earlier petition of the same person, shown while typing at intake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierPetition {
    pub id: i64,
    pub number: String,
    pub received_at: String,
    pub summary: String,
    pub state: State,
    pub name: String,
    pub matched_on: &'static str,
}

/// How a new petition relates to an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IntakeLink {
    #[default]
    None,
    /// A repeat of an earlier petition (either open or closed): linked.
    RepeatOf(i64),
    /// Merged at once into an open ticket: registered, then 已合并 into it.
    MergeInto(i64),
}

/// Which tickets an export covers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFilter {
    /// Received on or after this date.
    pub from: Option<chrono::NaiveDate>,
    /// Received on or before this date.
    pub to: Option<chrono::NaiveDate>,
    pub state: Option<State>,
}
