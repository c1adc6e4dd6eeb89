//! What the desk reads about hearings: the records the store returns and the desk shows.

use crate::domain::hearing::{Choice, HearingState, Question, Tally, TieRule, all_voted, tally};
use crate::domain::vocab::Lang;

/// How an instant mediation ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediationOutcome {
    /// Agreement reached: its terms; the ticket goes to 签单.
    Agreement(String),
    /// No agreement: a hearing will follow; the ticket keeps waiting.
    Hearing(String),
    /// No agreement: back to 下单 for handling.
    BackToIssue(String),
}

/// One recorded vote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub id: i64,
    pub question: usize,
    pub rep: i64,
    pub choice: Choice,
    pub reason: String,
    pub at: String,
    /// Why this vote corrects an earlier one.
    pub correction: Option<String>,
    pub supersedes: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HearingRecord {
    pub id: i64,
    pub ticket_id: i64,
    pub draw_id: i64,
    pub case: String,
    pub date: String,
    pub place: String,
    pub host: String,
    pub state: HearingState,
    pub tie_rule: TieRule,
    pub outcome: Option<String>,
    pub to_sign: Option<bool>,
    pub version: i64,
    /// (rep id, name, present, replaces)
    pub attendance: Vec<(i64, String, bool, Option<i64>)>,
    /// (phase, party, note, at)
    pub notes: Vec<(String, String, String, String)>,
    pub questions: Vec<Question>,
    /// The effective votes (corrections applied), per question.
    pub votes: Vec<Vec<Vote>>,
    /// Every vote recorded, corrections included, for the minutes.
    pub vote_log: Vec<Vote>,
    pub party_labels: Vec<String>,
    pub alternates: Vec<i64>,
    pub names: Vec<(i64, String)>,
}

impl HearingRecord {
    pub fn name(&self, id: i64) -> &str {
        self.names
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, n)| n.as_str())
            .unwrap_or("?")
    }

    /// The members sitting (present), in draw order.
    pub fn sitting(&self) -> Vec<i64> {
        self.attendance
            .iter()
            .filter(|a| a.2)
            .map(|a| a.0)
            .collect()
    }

    /// The tally of a question, once every sitting member has voted.
    pub fn tally(&self, q: usize) -> Option<Tally> {
        let question = self.questions.get(q)?;
        let votes = self.votes.get(q)?;
        let voted: Vec<i64> = votes.iter().map(|v| v.rep).collect();
        if !all_voted(&self.sitting(), &voted) {
            return None;
        }
        Some(tally(
            question,
            &votes.iter().map(|v| v.choice).collect::<Vec<_>>(),
            self.tie_rule,
        ))
    }

    pub fn outcome_text(&self, lang: Lang) -> Option<String> {
        let parts: Option<Vec<String>> = (0..self.questions.len())
            .map(|q| self.tally(q).map(|t| t.outcome(&self.questions[q], lang)))
            .collect();
        parts.map(|p| p.join("；"))
    }
}
