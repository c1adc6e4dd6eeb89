//! What the desk reads about draws: the records the store returns and the desk shows.

use crate::domain::draw::{Candidate, DrawKind, DrawState, PartyInput, Receipt, Settings, Strike};

/// What the pool was built from, for the screen before anyone types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolReport {
    pub pool: Vec<Candidate>,
    pub excluded: Vec<(i64, String, String)>,
    /// Representatives left out for having served too often: (id, name, hearings in 12 months).
    pub rested: Vec<(i64, String, i64)>,
    /// The rest rule had to be set aside: the draw would have been infeasible.
    pub rest_relaxed: bool,
}

/// A line of `suqiu draw list`: id, ticket number, created, kind, state.
pub type DrawSummary = (i64, String, String, DrawKind, DrawState);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawRecord {
    pub id: i64,
    pub ticket_id: i64,
    pub case: String,
    pub kind: DrawKind,
    pub state: DrawState,
    pub created_at: String,
    pub created_by: String,
    pub settings: Settings,
    pub pool: Vec<Candidate>,
    pub pool_hash: String,
    pub nonce: String,
    pub nonce_hash: String,
    pub exclusions: Vec<(i64, String)>,
    pub parties: Vec<PartyInput>,
    /// Each party's commitment, as recorded when it was shown.
    pub commitments: Vec<String>,
    /// The earlier draws for the same purpose (voided or abandoned), oldest first: read when
    /// the draw is made final, for its receipt (empty otherwise).
    pub earlier: Vec<crate::domain::draw::Earlier>,
    /// How this draw ended, if it did: (when, by whom, why).
    pub ended: crate::domain::draw::Ended,
    pub seed: Option<String>,
    pub order: Vec<i64>,
    pub panel: Vec<i64>,
    pub strikes: Vec<Strike>,
    pub final_panel: Vec<i64>,
    pub receipt: Option<String>,
}

impl DrawRecord {
    pub fn name(&self, id: i64) -> &str {
        self.pool
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.as_str())
            .unwrap_or("?")
    }

    pub fn candidate(&self, id: i64) -> Option<&Candidate> {
        self.pool.iter().find(|c| c.id == id)
    }

    /// The current panel: the drawn panel with strikes applied.
    pub fn current_panel(&self) -> Vec<i64> {
        let mut p = self.panel.clone();
        for s in &self.strikes {
            p.retain(|x| *x != s.member);
            p.push(s.replacement);
        }
        let pos = |id: &i64| {
            self.order
                .iter()
                .position(|x| x == id)
                .unwrap_or(usize::MAX)
        };
        p.sort_by_key(pos);
        p
    }

    /// Alternates in order: drawn, not on the panel, not struck.
    pub fn alternates(&self) -> Vec<i64> {
        let panel = self.current_panel();
        let struck: Vec<i64> = self.strikes.iter().map(|s| s.member).collect();
        self.order
            .iter()
            .copied()
            .filter(|i| !panel.contains(i) && !struck.contains(i))
            .collect()
    }

    pub fn receipt(&self) -> Receipt {
        Receipt {
            draw_id: self.id,
            case: self.case.clone(),
            kind: self.kind.code().into(),
            created: self.created_at.clone(),
            settings: self.settings.clone(),
            exclusions: self.exclusions.clone(),
            pool: self.pool.clone(),
            pool_hash: self.pool_hash.clone(),
            nonce: self.nonce.clone(),
            nonce_hash: self.nonce_hash.clone(),
            parties: self.parties.clone(),
            seed: self.seed.clone().unwrap_or_default(),
            order: self.order.clone(),
            panel: self.panel.clone(),
            strikes: self.strikes.clone(),
            final_panel: self.current_panel(),
            format: crate::domain::draw::RECEIPT_FORMAT,
            commitments: self.commitments.clone(),
            earlier: self.earlier.clone(),
        }
    }

    pub(crate) fn positions(&self) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
        let pos = |id: &i64| self.pool.iter().position(|c| c.id == *id).unwrap_or(0);
        let order: Vec<usize> = self.order.iter().map(pos).collect();
        let panel: Vec<usize> = self.current_panel().iter().map(pos).collect();
        let struck: Vec<usize> = self.strikes.iter().map(|s| pos(&s.member)).collect();
        (order, panel, struck)
    }
}
