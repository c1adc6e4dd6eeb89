//! Instant mediations and 评理大会 hearings: attendance, phases, questions, hidden votes, tally,
//! corrections, and the outcome written to the ticket (a non-binding moral judgement).

use crate::text::T;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, params};

use super::audit::{NewEvent, append};
use super::draws::load_draw;
use super::tickets::apply_in;
use super::{Result, Store, StoreError, fmt_date, fmt_time};
use crate::domain::Problem;
use crate::domain::audit::payload_json;
use crate::domain::flow::{FlowCtx, Move};
use crate::domain::hearing::{
    Choice, HearingMove, HearingMoveKind, HearingState, PHASES, Question, TieRule, decide_hearing,
    hearing_allowed, plan_hearing,
};
use crate::domain::roles::{Act, Actor, may};
use crate::domain::text::clean_input;
use crate::domain::vocab::{Lang, State};

pub use crate::records::hearings::{HearingRecord, MediationOutcome, Vote};

fn load_hearing(c: &rusqlite::Connection, id: i64) -> Result<HearingRecord> {
    type Head = (
        i64,
        i64,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<bool>,
        i64,
    );
    let head: Option<Head> = c
        .query_row(
            "SELECT ticket_id, draw_id, date, place, host, state, tie_rule, outcome, to_sign, version FROM hearings WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?)),
        )
        .optional()?;
    let Some((ticket_id, draw_id, date, place, host, state, tie, outcome, to_sign, version)) = head
    else {
        return Err(StoreError::NotFound(Problem::fill(T::NoHearing, &[&id])));
    };
    let d = load_draw(c, draw_id)?;
    let attendance: Vec<(i64, String, bool, Option<i64>)> = c
        .prepare_cached(
            "SELECT rep_id, present, replaces FROM hearing_attendance WHERE hearing_id = ?1",
        )?
        .query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|(rep, present, replaces)| (rep, d.name(rep).to_string(), present, replaces))
        .collect();
    let mut attendance = attendance;
    let pos = |rid: &i64| d.order.iter().position(|x| x == rid).unwrap_or(usize::MAX);
    attendance.sort_by_key(|a| pos(&a.0));
    let notes = c
        .prepare_cached(
            "SELECT phase, party, note, at FROM hearing_notes WHERE hearing_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let questions: Vec<Question> = c
        .prepare_cached(
            "SELECT text, options FROM hearing_questions WHERE hearing_id = ?1 ORDER BY idx",
        )?
        .query_map([id], |r| {
            let opts: String = r.get(1)?;
            Ok(Question {
                text: r.get(0)?,
                options: opts.split('\u{1f}').map(str::to_string).collect(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let vote_log: Vec<Vote> = c
        .prepare_cached("SELECT id, question_idx, rep_id, choice, reason, at, correction, supersedes FROM hearing_votes WHERE hearing_id = ?1 ORDER BY id")?
        .query_map([id], |r| {
            Ok(Vote {
                id: r.get(0)?,
                question: r.get::<_, i64>(1)? as usize,
                rep: r.get(2)?,
                choice: r.get::<_, Option<i64>>(3)?.map(|x| x as usize),
                reason: r.get(4)?,
                at: r.get(5)?,
                correction: r.get(6)?,
                supersedes: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let superseded: Vec<i64> = vote_log.iter().filter_map(|v| v.supersedes).collect();
    let mut votes: Vec<Vec<Vote>> = vec![vec![]; questions.len()];
    for v in vote_log.iter().filter(|v| !superseded.contains(&v.id)) {
        if let Some(list) = votes.get_mut(v.question) {
            list.push(v.clone());
        }
    }
    let names = d.pool.iter().map(|c| (c.id, c.name.clone())).collect();
    Ok(HearingRecord {
        id,
        ticket_id,
        draw_id,
        case: d.case.clone(),
        date,
        place,
        host,
        state: HearingState::from_code(&state).ok_or_else(|| {
            StoreError::Db(crate::store::DbError::unknown(
                "hearings", id, "state", &state,
            ))
        })?,
        tie_rule: TieRule::from_code(&tie).ok_or_else(|| {
            StoreError::Db(crate::store::DbError::unknown(
                "hearings", id, "tie_rule", &tie,
            ))
        })?,
        outcome,
        to_sign,
        version,
        attendance,
        notes,
        questions,
        votes,
        vote_log,
        party_labels: d.parties.iter().map(|p| p.label.clone()).collect(),
        // The named alternates: the first `alternates` of those drawn after the panel.
        alternates: d
            .alternates()
            .into_iter()
            .take(d.settings.alternates as usize)
            .collect(),
        names,
    })
}

fn event(actor: &Actor, at: &str, h: &HearingRecord, kind: &str) -> NewEvent {
    let mut e = NewEvent::by(actor, at, format!("hearing:{}", h.id), kind);
    e.ticket_id = Some(h.ticket_id);
    e
}

fn bump(tx: &Transaction, id: i64) -> Result<()> {
    tx.execute(
        "UPDATE hearings SET version = version + 1 WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

impl Store {
    /// Records an instant mediation: who took part, and its outcome, moving the ticket on.
    #[allow(clippy::too_many_arguments)]
    pub fn record_mediation(
        &mut self,
        actor: &Actor,
        ticket_id: i64,
        members: &[i64],
        draw_id: Option<i64>,
        manual_reason: &str,
        outcome: &MediationOutcome,
        ctx: &FlowCtx,
        now: NaiveDateTime,
    ) -> Result<i64> {
        may(actor, Act::Deliberate)?;
        if members.is_empty() {
            return Err(StoreError::Refused(Problem::of(
                T::ChooseRepresentativesWhoTookPart,
            )));
        }
        let manual_reason = clean_input(manual_reason, 200, false, false)
            .map_err(|p| p.in_field(T::ManualChoiceReason))?;
        let at = fmt_time(now);
        self.write(|tx| {
            // Who was drawn: the final mediators' draw of this case, if one is named. Anyone
            // else was named by hand, which needs a reason and is recorded as such.
            let drawn: Vec<i64> = match draw_id {
                Some(d) => {
                    let rec = load_draw(tx, d)?;
                    if rec.ticket_id != ticket_id
                        || rec.kind != crate::domain::draw::DrawKind::Mediation
                        || !rec.state.is_final()
                        || rec.ended.is_some()
                    {
                        return Err(StoreError::Refused(Problem::fill(T::NotADrawForThisMediation, &[&d])));
                    }
                    rec.final_panel.clone()
                }
                None => vec![],
            };
            let manual: Vec<i64> = members.iter().copied().filter(|m| !drawn.contains(m)).collect();
            if !manual.is_empty() && manual_reason.is_empty() {
                let names: Vec<String> = manual
                    .iter()
                    .map(|m| tx.query_row("SELECT name FROM representatives WHERE id = ?1", [m], |r| r.get::<_, String>(0)))
                    .collect::<rusqlite::Result<_>>()?;
                return Err(StoreError::Refused(Problem::fill(
                    T::NamedByHandNeedsAReason,
                    &[&crate::domain::text::for_terminal(&names.join("、"))],
                )));
            }
            let (code, terms) = match outcome {
                MediationOutcome::Agreement(t) => ("agreement", clean_input(t, 2000, true, true).map_err(|p| p.in_field(T::Terms))?),
                MediationOutcome::Hearing(t) => ("hearing", clean_input(t, 2000, true, false)?),
                MediationOutcome::BackToIssue(t) => ("issue", clean_input(t, 2000, true, true).map_err(|p| p.in_field(T::ExplanationNoteField))?),
            };
            let reason = (!manual.is_empty()).then_some(manual_reason.clone());
            tx.execute(
                "INSERT INTO mediations (ticket_id, draw_id, held_at, outcome, terms, actor, manual_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![ticket_id, draw_id, at, code, terms, actor.name, reason],
            )?;
            let id = super::inserted_id(tx);
            for m in members {
                tx.execute(
                    "INSERT INTO mediation_members (mediation_id, rep_id, manual) VALUES (?1, ?2, ?3)",
                    params![id, m, manual.contains(m)],
                )?;
            }
            let names: Vec<String> = members
                .iter()
                .map(|m| tx.query_row("SELECT name FROM representatives WHERE id = ?1", [m], |r| r.get::<_, String>(0)))
                .collect::<rusqlite::Result<_>>()?;
            match outcome {
                MediationOutcome::Agreement(_) => {
                    apply_in(tx, actor, ticket_id, None, &Move::RecordDeliberation { outcome: format!("即时评议调解达成一致（{}）：{terms}", names.join("、")), to_sign: true }, ctx, &at)?;
                }
                MediationOutcome::BackToIssue(_) => {
                    apply_in(tx, actor, ticket_id, None, &Move::RecordDeliberation { outcome: format!("即时评议调解未达成一致（{}），回到下单：{terms}", names.join("、")), to_sign: false }, ctx, &at)?;
                }
                MediationOutcome::Hearing(_) => {
                    // The ticket keeps waiting for the hearing; the mediation is on its timeline.
                    let state: String = tx.query_row("SELECT state FROM tickets WHERE id = ?1", [ticket_id], |r| r.get(0))?;
                    plan_hearing(None, State::from_code(&state))?;
                }
            }
            let mut e = NewEvent::by(actor, &at, format!("mediation:{id}"), "mediation");
            e.ticket_id = Some(ticket_id);
            e.note = format!("{}：{}", names.join("、"), terms);
            let manual_ids: Vec<String> = manual.iter().map(|m| m.to_string()).collect();
            e.payload = payload_json(&[
                ("outcome", code.into()),
                ("draw", draw_id.map(|d| d.to_string()).unwrap_or_default()),
                ("manual", manual_ids.join(",")),
                ("manual_reason", reason.unwrap_or_default()),
            ]);
            append(tx, e)?;
            Ok(id)
        })
    }

    /// Plans a hearing on a final panel draw of the ticket.
    pub fn create_hearing(
        &mut self,
        actor: &Actor,
        draw_id: i64,
        date: NaiveDate,
        place: &str,
        host: &str,
        now: NaiveDateTime,
    ) -> Result<i64> {
        may(actor, Act::Deliberate)?;
        let place =
            clean_input(place, 60, false, true).map_err(|p| p.in_field(T::LocationField))?;
        let host = clean_input(host, 20, false, true).map_err(|p| p.in_field(T::HostField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            let d = load_draw(tx, draw_id)?;
            if d.ended.is_some() {
                return Err(StoreError::Refused(Problem::of(T::ThisDrawWasVoided)));
            }
            let state: String = tx.query_row("SELECT state FROM tickets WHERE id = ?1", [d.ticket_id], |r| r.get(0))?;
            let first = plan_hearing(Some((d.kind, d.state)), State::from_code(&state))?;
            tx.execute(
                "INSERT INTO hearings (ticket_id, draw_id, date, place, host, state, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?6)",
                params![d.ticket_id, draw_id, fmt_date(date), place, host, at, first.code()],
            )?;
            let id = super::inserted_id(tx);
            for rep in d.current_panel() {
                tx.execute("INSERT INTO hearing_attendance (hearing_id, rep_id, present) VALUES (?1, ?2, 1)", params![id, rep])?;
            }
            let h = load_hearing(tx, id)?;
            let mut e = event(actor, &at, &h, "hearing_planned");
            e.note = format!("{} {place} 主持：{host}", fmt_date(date));
            append(tx, e)?;
            Ok(id)
        })
    }

    pub fn hearing(&self, id: i64) -> Result<HearingRecord> {
        load_hearing(self.conn(), id)
    }

    pub fn ticket_hearings(&self, ticket_id: i64) -> Result<Vec<i64>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id FROM hearings WHERE ticket_id = ?1 ORDER BY id")?
            .query_map([ticket_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Marks a sitting member absent: the next alternate in draw order takes the seat.
    pub fn mark_absent(
        &mut self,
        actor: &Actor,
        hearing_id: i64,
        rep_id: i64,
        now: NaiveDateTime,
    ) -> Result<i64> {
        may(actor, Act::Deliberate)?;
        let at = fmt_time(now);
        self.write(|tx| {
            let h = load_hearing(tx, hearing_id)?;
            let seen: Vec<i64> = h.attendance.iter().map(|a| a.0).collect();
            let d = super::draws::load_draw(tx, h.draw_id)?;
            let categories: Vec<(i64, crate::domain::roster::RepCategory)> = d.pool.iter().map(|c| (c.id, c.category)).collect();
            let change = decide_hearing(
                h.state,
                &HearingMove::MarkAbsent {
                    rep: rep_id,
                    sitting: &h.sitting(),
                    seen: &seen,
                    alternates: &h.alternates,
                    categories: &categories,
                    minimums: &d.settings.minimums,
                },
            )?;
            let Some(alt) = change.replacement else {
                unreachable!("decide_hearing names the replacement of an absent member")
            };
            tx.execute("UPDATE hearing_attendance SET present = 0 WHERE hearing_id = ?1 AND rep_id = ?2", params![hearing_id, rep_id])?;
            tx.execute("INSERT INTO hearing_attendance (hearing_id, rep_id, present, replaces) VALUES (?1, ?2, 1, ?3)", params![hearing_id, alt, rep_id])?;
            bump(tx, hearing_id)?;
            let mut e = event(actor, &at, &h, "hearing_absent");
            e.note = format!("{}缺席，由候补{}递补", h.name(rep_id), h.name(alt));
            e.payload = payload_json(&[("absent", rep_id.to_string()), ("replacement", alt.to_string())]);
            append(tx, e)?;
            Ok(alt)
        })
    }

    /// Opens the hearing: only with a full panel.
    pub fn open_hearing(
        &mut self,
        actor: &Actor,
        hearing_id: i64,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::Deliberate)?;
        let at = fmt_time(now);
        self.write(|tx| {
            let h = load_hearing(tx, hearing_id)?;
            let d = load_draw(tx, h.draw_id)?;
            let change = decide_hearing(
                h.state,
                &HearingMove::Open {
                    panel_size: d.settings.panel_size as usize,
                    present: h.sitting().len(),
                },
            )?;
            tx.execute(
                "UPDATE hearings SET state = ?2 WHERE id = ?1",
                params![hearing_id, change.to.code()],
            )?;
            bump(tx, hearing_id)?;
            append(tx, event(actor, &at, &h, "hearing_open"))?;
            Ok(())
        })
    }

    pub fn add_hearing_note(
        &mut self,
        actor: &Actor,
        hearing_id: i64,
        phase: &str,
        party: &str,
        note: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::Deliberate)?;
        if !PHASES.iter().any(|p| p.0 == phase) {
            return Err(StoreError::Refused(Problem::of(T::NoSuchPhase)));
        }
        let note =
            clean_input(note, 4000, true, true).map_err(|p| p.in_field(T::RecordNoteField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            let h = load_hearing(tx, hearing_id)?;
            decide_hearing(h.state, &HearingMove::Note)?;
            tx.execute(
                "INSERT INTO hearing_notes (hearing_id, phase, party, note, at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![hearing_id, phase, party, note, at, actor.name],
            )?;
            bump(tx, hearing_id)?;
            let mut e = event(actor, &at, &h, "hearing_note");
            e.note = format!("{phase} {party}");
            append(tx, e)?;
            Ok(())
        })
    }

    /// Fixes the questions and the tie rule; voting starts. Nothing can change them afterwards.
    pub fn fix_questions(
        &mut self,
        actor: &Actor,
        hearing_id: i64,
        questions: &[Question],
        rule: TieRule,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::Deliberate)?;
        let at = fmt_time(now);
        self.write(|tx| {
            let h = load_hearing(tx, hearing_id)?;
            let change = decide_hearing(h.state, &HearingMove::FixQuestions { count: questions.len() })?;
            for (i, q) in questions.iter().enumerate() {
                tx.execute(
                    "INSERT INTO hearing_questions (hearing_id, idx, text, options) VALUES (?1, ?2, ?3, ?4)",
                    params![hearing_id, i as i64, q.text, q.options.join("\u{1f}")],
                )?;
            }
            tx.execute("UPDATE hearings SET state = ?3, tie_rule = ?2 WHERE id = ?1", params![hearing_id, rule.code(), change.to.code()])?;
            bump(tx, hearing_id)?;
            let mut e = event(actor, &at, &h, "hearing_questions");
            e.note = questions.iter().map(|q| format!("{}（{}）", q.text, q.options.join("/"))).collect::<Vec<_>>().join("；");
            e.payload = payload_json(&[("tie_rule", rule.code().into())]);
            append(tx, e)?;
            Ok(())
        })
    }

    /// Records one member's vote on one question. A second vote by the same member is refused:
    /// use a correction.
    #[allow(clippy::too_many_arguments)]
    pub fn cast_vote(
        &mut self,
        actor: &Actor,
        hearing_id: i64,
        question: usize,
        rep_id: i64,
        choice: Choice,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.vote(
            actor, hearing_id, question, rep_id, choice, reason, None, now,
        )
    }

    /// A correction: a new vote superseding the member's effective one, with its reason.
    #[allow(clippy::too_many_arguments)]
    pub fn correct_vote(
        &mut self,
        actor: &Actor,
        hearing_id: i64,
        question: usize,
        rep_id: i64,
        choice: Choice,
        reason: &str,
        correction: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        let correction = clean_input(correction, 200, false, true)
            .map_err(|p| p.in_field(T::ReasonForCorrection))?;
        self.vote(
            actor,
            hearing_id,
            question,
            rep_id,
            choice,
            reason,
            Some(correction),
            now,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn vote(
        &mut self,
        actor: &Actor,
        hearing_id: i64,
        question: usize,
        rep_id: i64,
        choice: Choice,
        reason: &str,
        correction: Option<String>,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::Deliberate)?;
        let reason =
            clean_input(reason, 500, true, false).map_err(|p| p.in_field(T::GroundsField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            let h = load_hearing(tx, hearing_id)?;
            hearing_allowed(HearingMoveKind::Vote, h.state)?;
            let q = h.questions.get(question).ok_or_else(|| StoreError::Refused(Problem::of(T::NoSuchQuestion)))?;
            if choice.is_some_and(|c| c >= q.options.len()) {
                return Err(StoreError::Refused(Problem::of(T::NoSuchOption)));
            }
            let previous: Option<i64> = tx
                .query_row(
                    "SELECT v.id FROM hearing_votes v WHERE v.hearing_id = ?1 AND v.question_idx = ?2 AND v.rep_id = ?3
                       AND NOT EXISTS (SELECT 1 FROM hearing_votes w WHERE w.supersedes = v.id) ORDER BY v.id DESC LIMIT 1",
                    params![hearing_id, question as i64, rep_id],
                    |r| r.get(0),
                )
                .optional()?;
            decide_hearing(
                h.state,
                &HearingMove::Vote {
                    name: h.name(rep_id),
                    sitting: h.sitting().contains(&rep_id),
                    already_voted: previous.is_some(),
                    correction: correction.is_some(),
                },
            )?;
            tx.execute(
                "INSERT INTO hearing_votes (hearing_id, question_idx, rep_id, choice, reason, at, actor, supersedes, correction) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![hearing_id, question as i64, rep_id, choice.map(|c| c as i64), reason, at, actor.name, previous, correction],
            )?;
            bump(tx, hearing_id)?;
            // The event holds the vote itself — member, question, choice, reason, correction —
            // so that the log alone shows every vote as cast (the table can be neither updated
            // nor deleted, and the log is hash-chained).
            let mut e = event(actor, &at, &h, if correction.is_some() { "vote_correction" } else { "vote" });
            e.note = format!("{} 第{}项", h.name(rep_id), question + 1);
            let mut details = vec![
                ("member", rep_id.to_string()),
                ("question", (question + 1).to_string()),
                ("choice", crate::domain::hearing::choice_word(&q.options, choice)),
                ("reason", reason.clone()),
            ];
            if let Some(c) = &correction {
                details.push(("correction", c.clone()));
            }
            e.payload = payload_json(&details);
            append(tx, e)?;
            Ok(())
        })
    }

    /// Closes the hearing: every question tallied, the outcome written to the ticket (marked as a
    /// non-binding moral judgement), the ticket moved to 签单 or back to 下单.
    pub fn close_hearing(
        &mut self,
        actor: &Actor,
        hearing_id: i64,
        to_sign: bool,
        ctx: &FlowCtx,
        now: NaiveDateTime,
    ) -> Result<String> {
        may(actor, Act::Deliberate)?;
        let at = fmt_time(now);
        self.write(|tx| {
            let h = load_hearing(tx, hearing_id)?;
            let outcome = h.outcome_text(Lang::Zh);
            let change = decide_hearing(h.state, &HearingMove::Close { all_voted: outcome.is_some() })?;
            let outcome = outcome.unwrap_or_default();
            let text = format!("评理大会表决结果（道德评判，不具法律约束力）：{outcome}");
            tx.execute(
                "UPDATE hearings SET state = ?5, outcome = ?2, to_sign = ?3, closed_at = ?4, version = version + 1 WHERE id = ?1",
                params![hearing_id, outcome, to_sign, at, change.to.code()],
            )?;
            let mut e = event(actor, &at, &h, "hearing_closed");
            e.note = outcome.clone();
            append(tx, e)?;
            apply_in(tx, actor, h.ticket_id, None, &Move::RecordDeliberation { outcome: text, to_sign }, ctx, &at)?;
            Ok(outcome)
        })
    }

    /// Instant mediations, newest first: (id, ticket number, held at, outcome code).
    pub fn mediations_list(&self, limit: usize) -> Result<Vec<(i64, String, String, String)>> {
        let mut stmt = self.conn().prepare(
            "SELECT m.id, printf('%d-%06d', t.year, t.seq), m.held_at, m.outcome FROM mediations m JOIN tickets t ON t.id = m.ticket_id ORDER BY m.id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Hearings, newest first: (id, ticket number, date, state).
    pub fn hearings_list(&self, limit: usize) -> Result<Vec<(i64, String, String, HearingState)>> {
        let mut stmt = self.conn().prepare(
            "SELECT h.id, printf('%d-%06d', t.year, t.seq), h.date, h.state FROM hearings h JOIN tickets t ON t.id = h.ticket_id ORDER BY h.id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                super::code(r, 3, "hearings", HearingState::from_code)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
