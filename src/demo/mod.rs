//! The demonstration district and `suqiu gen`: realistic petitions pushed through the real flow.
//!
//! Every generated ticket lives its life through `domain::flow::decide` at simulated times, so
//! its final state, its deadlines and its audit history are exactly what the desk would have
//! written. Events of all tickets are appended to the audit chain in time order.

use crate::text::T;
use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rand::rngs::ChaCha8Rng;
use rand::{Rng, RngExt, SeedableRng};
use sha2::Digest;

use crate::domain::calendar::WorkCalendar;
use crate::domain::flow::{self, Decision, DeptFacts, FlowCtx, MergeTarget, Move};
use crate::domain::intake::{FirstHandler, Intake, Petitioner};
use crate::domain::limits::LimitRule;
use crate::domain::org::OrgFile;
use crate::domain::person::id_check_char;
use crate::domain::roles::Actor;
use crate::domain::vocab::{
    CenterLevel, Channel, Classification, FeedbackMethod, PlaceKind, Resolution, Role,
    Satisfaction, State, Urgency,
};
use crate::store::audit::NewEvent;
use crate::store::org::Refs;
use crate::store::tickets::{TicketRecord, change_event, register_event};
use crate::store::{Result, Store, StoreError, fmt_time};

mod deliberation;
mod generator;
mod sanjin;
mod text;

pub use deliberation::{demo_deliberations, demo_roster};
pub use generator::generate;
pub use sanjin::{demo_members, demo_visits};
use text::*;

/// The demonstration district's reference data (also the example org file).
pub const DEMO_ORG: &str = include_str!("../../data/org-demo.toml");

/// How many petitions the demonstration district has.
pub const DEMO_TICKETS: usize = 520;

#[derive(Debug, Clone)]
pub struct GenOptions {
    pub tickets: usize,
    pub seed: u64,
    pub now: NaiveDateTime,
    /// The tickets are spread over this many days before `now`.
    pub days: i64,
    /// Make sure every state occurs (for the demonstration district).
    pub cover_all_states: bool,
    /// Tickets per transaction.
    pub batch: usize,
}

impl GenOptions {
    /// About 270 petitions a working day: a busy district over the years.
    pub fn at_scale(tickets: usize, seed: u64, now: NaiveDateTime) -> GenOptions {
        let days = ((tickets as i64) / 270).max(30);
        GenOptions {
            tickets,
            seed,
            now,
            days,
            cover_all_states: false,
            batch: 20_000,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct GenReport {
    pub tickets: usize,
    pub events: u64,
    pub by_state: BTreeMap<&'static str, usize>,
}

/// Loads the demonstration district's reference data.
pub fn load_demo_org(store: &mut Store, actor: &Actor, now: NaiveDateTime) -> Result<String> {
    let plan = OrgFile::parse(DEMO_ORG)?.plan()?;
    store.load_org(actor, &plan, now)
}

/// `suqiu init --demo`: the reference data and a year of petitions (about 520), every state
/// present today.
pub fn init_demo(store: &mut Store, actor: &Actor, now: NaiveDateTime) -> Result<GenReport> {
    if !store.is_empty()? {
        return Err(StoreError::Refused(crate::domain::Problem::of(
            T::DatabaseAlreadyHasDataDemo,
        )));
    }
    let progress = store.progress().clone();
    let _job = progress.start(T::ProgressDemo, 0);
    load_demo_org(store, actor, now)?;
    let opts = GenOptions {
        tickets: DEMO_TICKETS,
        seed: 20261126,
        now,
        days: 365,
        cover_all_states: true,
        batch: 100_000,
    };
    let mut report = generate(store, &opts)?;
    demo_roster(store, actor, now)?;
    demo_deliberations(store, now)?;
    demo_visits(store, actor, now)?;
    demo_members(store, actor, now)?;
    store.analyze()?;
    (report.tickets, report.events) = store.totals()?;
    Ok(report)
}
