//! Search keys of people's names (`name_keys`, migration 24): every plausible reading's pinyin
//! initials of each representative's and Party member's name (`domain::pinyin::name_keys`).
//!
//! Invariant: the keys of a person are always `name_keys(their name)`; they are written in the
//! transaction that writes the name (`set_keys`).

use rusqlite::{Connection, params};

use super::Result;
use crate::domain::pinyin::{name_initials, name_keys};

/// Whose name a key is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Rep,
    Member,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Kind::Rep => "rep",
            Kind::Member => "member",
        }
    }

    fn table(self) -> &'static str {
        match self {
            Kind::Rep => "representatives",
            Kind::Member => "members",
        }
    }
}

/// Rewrites one person's keys for `name`, inside the caller's transaction.
pub(crate) fn set_keys(c: &Connection, kind: Kind, owner: i64, name: &str) -> Result<()> {
    c.prepare_cached("DELETE FROM name_keys WHERE kind = ?1 AND owner = ?2")?
        .execute(params![kind.code(), owner])?;
    let mut ins =
        c.prepare_cached("INSERT OR IGNORE INTO name_keys (kind, key, owner) VALUES (?1, ?2, ?3)")?;
    for k in name_keys(name) {
        ins.execute(params![kind.code(), k, owner])?;
    }
    Ok(())
}

/// The SQL condition that the row's `id` is of a person of `kind` with a key in the range bound
/// at the next two `?` (`prefix_bounds`).
pub(crate) fn matches_anon(kind: Kind) -> String {
    format!(
        "id IN (SELECT owner FROM name_keys WHERE kind = '{}' AND key >= ? AND key < ?)",
        kind.code()
    )
}

/// The bounds of the keys starting with `initials`.
pub(crate) fn prefix_bounds(initials: &str) -> (String, String) {
    let mut upper = initials.to_string();
    upper.push('\u{10ffff}');
    (initials.to_string(), upper)
}

/// After migration 24 (or a change of readings): every person's keys and preferred initials
/// recomputed from their names (once).
pub(crate) fn fill(c: &mut Connection) -> Result<()> {
    super::fill_pending(c, "name_keys", |tx| {
        tx.execute("DELETE FROM name_keys", [])?;
        for kind in [Kind::Rep, Kind::Member] {
            let people: Vec<(i64, String)> = tx
                .prepare(&format!("SELECT id, name FROM {}", kind.table()))?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, name) in people {
                set_keys(tx, kind, id, &name)?;
                tx.prepare_cached(&format!(
                    "UPDATE {} SET name_initials = ?2 WHERE id = ?1 AND name_initials <> ?2",
                    kind.table()
                ))?
                .execute(params![id, name_initials(&name)])?;
            }
        }
        Ok(())
    })
}

/// Tickets re-indexed per transaction by `fill_tickets`.
const TICKET_BATCH: i64 = 5_000;

/// After migration 24: the search tokens of every ticket whose petitioners' names have more than
/// one reading rewritten with all of them. In batches of tickets, each batch one transaction
/// that records how far it got, so that a process killed meanwhile resumes where it stopped.
pub(crate) fn fill_tickets(c: &mut Connection) -> Result<()> {
    let done = |c: &Connection| -> Result<Option<i64>> {
        let v: Option<String> = c
            .query_row(
                "SELECT value FROM meta WHERE key = 'name_keys_tickets'",
                [],
                |r| r.get(0),
            )
            .ok();
        Ok(v.and_then(|v| v.parse().ok()))
    };
    while done(c)?.is_some() {
        let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let Some(after) = done(&tx)? else { break };
        let rows: Vec<(i64, String)> = tx
            .prepare_cached(
                "SELECT id, petitioner_names FROM tickets WHERE id > ?1 ORDER BY id LIMIT ?2",
            )?
            .query_map(params![after, TICKET_BATCH], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, names) in &rows {
            let several = names.split(['、', ',']).any(|n| name_keys(n).len() > 1);
            if several {
                super::tickets::reindex_for_search(&tx, *id)?;
            }
        }
        let next = match rows.last() {
            Some((id, _)) if rows.len() as i64 == TICKET_BATCH => id.to_string(),
            _ => "built".to_string(),
        };
        tx.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'name_keys_tickets'",
            [next],
        )?;
        tx.commit()?;
    }
    Ok(())
}
