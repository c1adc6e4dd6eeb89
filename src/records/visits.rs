//! What the desk reads about visits: the records the store returns and the desk shows.

use crate::domain::visits::{
    self, Compliance, Staffing, VisitFacts, VisitKind, VisitStatus, staffing,
};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::collections::BTreeMap;

/// One visit, as lists and ledgers show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRow {
    pub id: i64,
    pub kind: VisitKind,
    pub place_id: i64,
    pub nominal: NaiveDate,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub leader_id: i64,
    pub leader_absent: bool,
    pub substitute_id: Option<i64>,
    pub status: VisitStatus,
    pub not_held_reason: Option<String>,
    pub provisional: bool,
    pub rescheduled: bool,
    pub city_note: Option<String>,
    pub notes: String,
    pub notice_version: i64,
    pub posted_version: Option<i64>,
    pub version: i64,
    pub updated_at: String,
    pub updated_by: String,
}

impl VisitRow {
    pub fn staffing(&self) -> Staffing {
        staffing(self.status, self.leader_absent, self.substitute_id)
    }

    /// What the visit's lifecycle judges a move on.
    pub fn facts(&self, today: NaiveDate) -> VisitFacts {
        VisitFacts {
            status: self.status,
            kind: self.kind,
            date: self.date,
            leader_id: self.leader_id,
            leader_absent: self.leader_absent,
            substitute_id: self.substitute_id,
            today,
        }
    }

    /// Who is booked for it and when: none for a visit not held or left without a leader.
    pub fn booking(&self) -> Option<visits::Booking> {
        match self.staffing() {
            Staffing::NotHeld | Staffing::Unstaffed => None,
            _ => Some(visits::Booking {
                visit: self.id,
                leader: self.acting_leader(),
                at: self.date.and_time(self.time),
                place_id: self.place_id,
            }),
        }
    }

    /// The leader who actually goes: the substitute if there is one.
    pub fn acting_leader(&self) -> i64 {
        self.substitute_id.unwrap_or(self.leader_id)
    }

    /// The notice must be (re)posted: never posted, or posted before a change of leader or date.
    pub fn notice_outstanding(&self) -> bool {
        self.status == VisitStatus::Planned
            && self.posted_version.is_none_or(|p| p < self.notice_version)
    }

    /// Its time has passed, a leader was there to go, and nobody has recorded what happened.
    pub fn awaits_outcome(&self, now: NaiveDateTime) -> bool {
        visits::awaits_outcome(self.staffing(), self.date.and_time(self.time), now)
    }

    pub fn notice_state(&self, days: i64, today: NaiveDate) -> visits::NoticeState {
        visits::notice_state(
            self.status == VisitStatus::Planned,
            self.date,
            self.posted_version,
            self.notice_version,
            days,
            today,
        )
    }
}

/// A resident received at a visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterEntry {
    pub id: i64,
    pub name: String,
    pub place: String,
    pub matter: String,
    pub outcome: String,
    pub ticket_id: Option<i64>,
    pub ticket_number: Option<String>,
    /// Outside the acting leader's 分管 portfolio: the petition went to the center for 督促.
    pub outside_portfolio: bool,
}

/// A hard problem a member put on a visit's agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    pub member: String,
    pub household: String,
    pub matter: String,
    pub ticket: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitDetail {
    pub visit: VisitRow,
    pub register: Vec<RegisterEntry>,
    /// (member id, name, report)
    pub picks: Vec<(i64, String, String)>,
    pub receipt: Option<String>,
    /// Another visit its leader is booked for at the same time (the plan flags it).
    pub clash: Option<VisitRow>,
    /// 说明或检讨 of a missed visit (text, who recorded it, when).
    pub explanation: Option<(String, String, String)>,
    /// Hard problems members put on its agenda.
    pub agenda: Vec<AgendaItem>,
}

/// What happened to a matter raised at a visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matter {
    /// Answered on the spot: still a ticket (classified 现场答复) so that it gets feedback.
    Answered(String),
    /// A petition: a ticket owned by the visiting leader to the end.
    Petition,
}

/// The half-year compliance report: per (leader, kind), and the visits not held or unstaffed.
#[derive(Debug, Clone, Default)]
pub struct ComplianceReport {
    pub rows: BTreeMap<(i64, VisitKind), Compliance>,
    pub exceptions: Vec<VisitRow>,
    /// 说明或检讨: the leader's explanation of each exception recorded so far (visit id → text,
    /// who recorded it, when), the same the year-end review shows.
    pub explanations: BTreeMap<i64, (String, String, String)>,
}

/// A leader's file (一人一档).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ledger {
    pub visits: Vec<VisitRow>,
    pub compliance: BTreeMap<&'static str, Compliance>,
    pub received: i64,
    /// Petitions the leader owns, oldest first: all of them, or the newest `rows` asked for.
    pub petitions: Vec<LedgerPetition>,
    /// How many the leader owns in the period, and how many of those are open.
    pub petitions_total: i64,
    pub petitions_open: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerPetition {
    pub id: i64,
    pub number: String,
    pub received_at: String,
    pub summary: String,
    pub state: String,
    pub due: Option<String>,
    pub satisfaction: Option<String>,
    pub visit_id: Option<i64>,
}
