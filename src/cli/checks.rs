//! The checks anyone may run without a sign-in: the audit chain (anchors, replay, the head, an
//! anchor slip) and a draw's receipt.

use std::path::Path;

use super::*;

/// `suqiu draw verify`: a draw recomputed from its receipt alone.
pub(super) fn draw_verify(receipt: &Path, db: Option<&Path>, lang: Lang) -> Result<i32, String> {
    let text =
        std::fs::read_to_string(receipt).map_err(|e| format!("{}: {e}", receipt.display()))?;
    let result = crate::domain::draw::Receipt::verify_text(&text);
    match result {
        Ok((r, panel)) => {
            for (i, id) in panel.iter().enumerate() {
                let c = r.pool.iter().find(|c| c.id == *id);
                println!(
                    "{}. {} {}",
                    i + 1,
                    c.map(|c| c.name.as_str()).unwrap_or("?"),
                    // A member pick's pool has no representative categories.
                    if r.kind == crate::domain::draw::KIND_VISIT_MEMBERS {
                        ""
                    } else {
                        c.map(|c| c.category.label(lang)).unwrap_or("")
                    }
                );
            }
            // With an explicit --db, the receipt must also be the one the center keeps, and
            // the one whose checksum its final event recorded.
            if let Some(db) = db {
                if !db.exists() {
                    println!("{}", T::ReceiptCheckedAlone.fill(lang, &[&db.display()]));
                } else {
                    let store = open_store(db, lang)?;
                    let own = crate::domain::replay::receipt_checksum(&text);
                    let kept_sum = if r.kind == crate::domain::draw::KIND_VISIT_MEMBERS {
                        // A visit's picks, the voided ones too: the one this receipt is.
                        store
                            .visit_pick_receipts(r.draw_id)
                            .map_err(err(lang))?
                            .iter()
                            .map(|k| crate::domain::replay::receipt_checksum(k))
                            .find(|k| *k == own)
                            .unwrap_or_default()
                    } else {
                        let kept = store.checked_receipt(r.draw_id).map_err(err(lang))?;
                        kept.as_deref()
                            .map(crate::domain::replay::receipt_checksum)
                            .unwrap_or_default()
                    };
                    if kept_sum != own {
                        println!(
                            "{}",
                            T::ReceiptDiffersFromItsEvent
                                .fill(lang, &[&r.draw_id, &own, &kept_sum])
                        );
                        return Ok(1);
                    }
                    println!(
                        "{}",
                        T::ReceiptMatchesTheDatabase.fill(lang, &[&db.display(), &r.draw_id])
                    );
                }
            }
            println!("OK");
            Ok(0)
        }
        Err(p) => {
            println!("{}", p.text(lang));
            Ok(1)
        }
    }
}

/// `suqiu audit`: verify the chain (against anchors), print its head, or write an anchor slip.
pub(super) fn audit_cmd(
    path: &Path,
    cmd: &AuditCmd,
    now: chrono::NaiveDateTime,
    lang: Lang,
) -> Result<i32, String> {
    let store = open_store(path, lang)?;
    match cmd {
        AuditCmd::Verify { anchors } => {
            let anchors = anchors
                .iter()
                .map(|a| Anchor::parse(a))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|p| p.text(lang))?;
            let (report, replay) = store.audit_check(&anchors).map_err(err(lang))?;
            let mut code = 0;
            match &report.verdict {
                Verdict::Intact { events } => {
                    println!("{}", T::AuditChainIntactEvents.fill(lang, &[events]))
                }
                Verdict::Broken { seq, reason } => {
                    println!(
                        "{}",
                        T::AuditChainBrokenAtEvent.fill(lang, &[seq, &reason.text(lang)])
                    );
                    code = 1;
                }
            }
            for p in &report.anchor_problems {
                println!("{}", p.text(lang));
                code = 1;
            }
            // The rows against their history (a state changed without an event).
            if replay.problems.is_empty() {
                println!(
                    "{}",
                    T::ReplayAgrees.fill(
                        lang,
                        &[
                            &replay.tickets,
                            &replay.draws,
                            &replay.votes,
                            &replay.visits,
                            &replay.assignments
                        ]
                    )
                );
            } else {
                println!(
                    "{}",
                    T::ReplayDisagrees.fill(lang, &[&replay.problems.len()])
                );
                for p in &replay.problems {
                    println!("  {}", p.text(lang));
                }
                code = 1;
            }
            if !anchors.is_empty() && report.anchor_problems.is_empty() {
                println!("{}", T::AnchorsHold.fill(lang, &[&anchors.len()]));
            }
            Ok(code)
        }
        AuditCmd::Head => match store.audit_head().map_err(err(lang))? {
            Some(h) => {
                println!("{}", h.line());
                Ok(0)
            }
            None => Err(T::AuditLogIsEmpty.text(lang)),
        },
        AuditCmd::RebuildFigures => unreachable!("signs in: run_inner handles it"),
        AuditCmd::Anchor { out } => {
            let head = store
                .audit_head()
                .map_err(err(lang))?
                .ok_or_else(|| T::AuditLogIsEmpty.text(lang))?;
            let verdict = match store.verify_audit().map_err(err(lang))? {
                Verdict::Intact { events } => T::AuditChainIntactEvents.fill(lang, &[&events]),
                Verdict::Broken { seq, reason } => {
                    T::AuditChainBrokenAtEvent.fill(lang, &[&seq, &reason.text(lang)])
                }
            };
            let made = match lang {
                Lang::Zh => format!(
                    "{} {}",
                    crate::domain::calendar::zh_date(now.date()),
                    now.format("%H:%M")
                ),
                Lang::En => now.format("%Y-%m-%d %H:%M").to_string(),
            };
            let slip = format!(
                "{}\n\n{}",
                T::AnchorSlipTitle.get(lang),
                T::AnchorSlipBody.fill(
                    lang,
                    &[
                        &path.display(),
                        &made,
                        &head.seq,
                        &crate::domain::hex(&head.hash),
                        &verdict
                    ]
                )
            );
            match out {
                Some(out) => {
                    std::fs::write(out, slip).map_err(|e| format!("{}: {e}", out.display()))?;
                    println!("{}", T::Wrote.fill(lang, &[&out.display()]));
                }
                None => print!("{slip}"),
            }
            Ok(0)
        }
    }
}
