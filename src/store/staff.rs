//! Staff accounts: PINs (argon2), sign-in with lockout, and the administrator's edits.

use crate::text::T;
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::{Duration, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};

use super::audit::{NewEvent, append};
use super::{Result, Store, StoreError, fmt_time, parse_time};
use crate::domain::audit::payload_json;
use crate::domain::org::StaffInput;
use crate::domain::roles::{
    Act, Actor, FailedSignIn, LOCK_MINUTES, MAX_FAILED_SIGN_INS, after_failed_sign_in,
    check_keeps_an_administrator, may, validate_pin,
};
use crate::domain::text::for_terminal;
use crate::domain::vocab::{CenterLevel, Role};
use crate::domain::{Lang, Problem};

pub use crate::records::staff::{Session, StaffBrief};

pub(crate) fn load_briefs(conn: &Connection) -> Result<Vec<StaffBrief>> {
    let mut s = conn.prepare_cached(
        "SELECT id, staff_no, name, role, center_id, department_id, active, locked_until FROM staff ORDER BY staff_no",
    )?;
    let rows = s.query_map([], |r| {
        Ok(StaffBrief {
            id: r.get(0)?,
            staff_no: r.get(1)?,
            name: r.get(2)?,
            role: crate::store::code(r, 3, "staff", Role::from_code)?,
            center_id: r.get(4)?,
            department_id: r.get(5)?,
            active: r.get(6)?,
            locked_until: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Hashes a PIN with argon2id and a random salt (PHC string).
pub fn hash_pin(pin: &str) -> Result<String> {
    validate_pin(pin)?;
    Argon2::default()
        .hash_password(pin.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Refused(Problem::fill(T::CouldNotHashPIN, &[&e])))
}

fn pin_matches(pin: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

fn session_for(conn: &Connection, staff_id: i64) -> Result<Session> {
    conn.query_row(
        "SELECT s.id, s.staff_no, s.name, s.role, s.center_id, s.department_id, c.level, c.name
         FROM staff s JOIN centers c ON c.id = s.center_id WHERE s.id = ?1",
        [staff_id],
        |r| {
            Ok(Session {
                actor: Actor {
                    staff_id: Some(r.get(0)?),
                    name: r.get(2)?,
                    role: crate::store::code(r, 3, "staff", Role::from_code)?,
                    center_id: Some(r.get(4)?),
                    department_id: r.get(5)?,
                    center_level: CenterLevel::from_code(&r.get::<_, String>(6)?)
                        .unwrap_or(CenterLevel::District),
                },
                staff_no: r.get(1)?,
                center_name: r.get(7)?,
            })
        },
    )
    .map_err(StoreError::from)
}

/// What a wrong staff number and a wrong PIN both answer: the same words, so that nobody can
/// find out which staff numbers exist by trying them.
fn wrong() -> StoreError {
    StoreError::Refused(Problem::fill(
        T::WrongStaffNumberOrPIN,
        &[&MAX_FAILED_SIGN_INS, &LOCK_MINUTES],
    ))
}

/// A hash to check a PIN against when the staff number is unknown, so that an unknown number
/// takes as long to refuse as a wrong PIN (argon2 is deliberately slow). A constant with the
/// parameters `hash_pin` uses (checked by a test), not one made on first use: making it would
/// double the time of the first unknown number and so tell it apart.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$xCuMgjcWIJb/WPL6esTZrg$Is3lNdbmR4kq5Nv0vdYBQk1HP1VNWt7ticzfHFmtUs8";

impl Store {
    /// Signs in with staff number and PIN. Five wrong PINs in a row lock the account for five
    /// minutes. Every attempt, the lock, and every sign-in are audited.
    pub fn sign_in(&mut self, staff_no: &str, pin: &str, now: NaiveDateTime) -> Result<Session> {
        let staff_no = staff_no.trim();
        let row: Option<(i64, String, String, bool, Option<String>)> = self
            .conn()
            .query_row(
                "SELECT id, name, pin_hash, active, locked_until FROM staff WHERE staff_no = ?1",
                [staff_no],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let at = fmt_time(now);
        let subject = format!("staff:{}", for_terminal(staff_no));
        let Some((id, name, hash, active, locked_until)) = row else {
            let _ = pin_matches(pin, DECOY_HASH);
            let nobody = Actor {
                staff_id: None,
                name: T::UnknownStaffNumber.text(Lang::Zh),
                role: Role::Clerk,
                center_id: None,
                center_level: CenterLevel::District,
                department_id: None,
            };
            self.log(NewEvent::by(&nobody, &at, &subject, "sign_in_unknown"))?;
            return Err(wrong());
        };
        let as_actor = Actor {
            staff_id: Some(id),
            name: name.clone(),
            role: Role::Clerk,
            center_id: None,
            center_level: CenterLevel::District,
            department_id: None,
        };
        if !active {
            self.log(NewEvent::by(
                &as_actor,
                &at,
                &subject,
                "sign_in_refused_inactive",
            ))?;
            return Err(StoreError::Refused(Problem::of(
                T::ThisAccountIsDeactivatedAsk,
            )));
        }
        if let Some(until) = locked_until.as_deref().and_then(parse_time)
            && until > now
        {
            self.log(NewEvent::by(
                &as_actor,
                &at,
                &subject,
                "sign_in_refused_locked",
            ))?;
            return Err(StoreError::Refused(Problem::fill(
                T::TooManyWrongPINsAccount,
                &[&until.format("%H:%M:%S")],
            )));
        }
        // argon2 runs outside the write lock: it is deliberately slow.
        let ok = pin_matches(pin, &hash);
        if ok {
            self.write(|tx| {
                tx.execute(
                    "UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?1",
                    [id],
                )?;
                append(tx, NewEvent::by(&as_actor, &at, &subject, "sign_in"))?;
                Ok(())
            })?;
            return session_for(self.conn(), id);
        }
        let outcome = self.write(|tx| {
            let failures: i64 = tx.query_row(
                "SELECT failed_attempts FROM staff WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            let outcome = after_failed_sign_in(failures);
            match outcome {
                FailedSignIn::Count { failures, .. } => {
                    tx.execute(
                        "UPDATE staff SET failed_attempts = ?2 WHERE id = ?1",
                        params![id, failures],
                    )?;
                    let mut e = NewEvent::by(&as_actor, &at, &subject, "sign_in_failed");
                    e.payload = payload_json(&[("failures", failures.to_string())]);
                    append(tx, e)?;
                }
                FailedSignIn::Lock { failures } => {
                    let until = fmt_time(now + Duration::minutes(LOCK_MINUTES));
                    tx.execute(
                        "UPDATE staff SET failed_attempts = 0, locked_until = ?2 WHERE id = ?1",
                        params![id, until],
                    )?;
                    let mut e = NewEvent::by(&as_actor, &at, &subject, "account_locked");
                    e.payload =
                        payload_json(&[("failures", failures.to_string()), ("until", until)]);
                    append(tx, e)?;
                }
            }
            Ok(outcome)
        })?;
        Err(match outcome {
            FailedSignIn::Count { .. } => wrong(),
            FailedSignIn::Lock { .. } => {
                StoreError::Refused(Problem::fill(T::N5WrongPINsInRow, &[&LOCK_MINUTES]))
            }
        })
    }

    /// A session for a staff member, without a PIN (for subcommands and tests that start a desk
    /// already signed in). Refuses inactive accounts.
    pub fn session(&self, staff_no: &str) -> Result<Session> {
        let id: Option<(i64, bool)> = self
            .conn()
            .query_row(
                "SELECT id, active FROM staff WHERE staff_no = ?1",
                [staff_no],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match id {
            Some((id, true)) => session_for(self.conn(), id),
            _ => Err(StoreError::NotFound(Problem::fill(
                T::NoActiveStaffNumber,
                &[&staff_no],
            ))),
        }
    }

    /// First run: creates the center and its first administrator.
    pub fn setup(
        &mut self,
        center: &str,
        level: CenterLevel,
        admin: &StaffInput,
        pin: &str,
        now: NaiveDateTime,
    ) -> Result<Session> {
        let hash = hash_pin(pin)?;
        let at = fmt_time(now);
        let id = self.write(|tx| {
            let n: i64 = tx.query_row("SELECT count(*) FROM centers", [], |r| r.get(0))?;
            if n > 0 {
                return Err(StoreError::Refused(Problem::of(T::CenterIsAlreadySetUp)));
            }
            tx.execute("INSERT INTO centers (name, level) VALUES (?1, ?2)", params![center, level.code()])?;
            let center_id = super::inserted_id(tx);
            tx.execute(
                "INSERT INTO staff (staff_no, name, role, center_id, pin_hash) VALUES (?1, ?2, 'admin', ?3, ?4)",
                params![admin.staff_no, admin.name, center_id, hash],
            )?;
            let id = super::inserted_id(tx);
            let actor = Actor { staff_id: Some(id), name: admin.name.clone(), role: Role::Admin, center_id: Some(center_id), center_level: level, department_id: None };
            let mut e = NewEvent::by(&actor, &at, "org", "setup");
            e.note = center.to_string();
            e.payload = payload_json(&[("level", level.code().into()), ("admin", admin.staff_no.clone())]);
            append(tx, e)?;
            Ok(id)
        })?;
        session_for(self.conn(), id)
    }
}

/// How many active administrators there are (inside a write, after its changes).
pub(super) fn active_admins(tx: &Connection) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1",
        [],
        |r| r.get(0),
    )?)
}

impl Store {
    /// Adds (`id = None`) or changes a staff account. A new account needs a PIN. Refused if it
    /// would leave no active administrator.
    pub fn save_staff(
        &mut self,
        actor: &Actor,
        id: Option<i64>,
        s: &StaffInput,
        center_id: i64,
        department_id: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<i64> {
        may(actor, Act::ManageReferenceData)?;
        let hash = match (&s.pin, id) {
            (Some(pin), _) => Some(hash_pin(pin)?),
            (None, None) => {
                return Err(StoreError::Refused(Problem::of(
                    T::NewAccountNeedsInitialPIN,
                )));
            }
            (None, Some(_)) => None,
        };
        let at = fmt_time(now);
        self.write(|tx| {
            let res = match id {
                None => tx
                    .execute(
                        "INSERT INTO staff (staff_no, name, role, center_id, department_id, pin_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![s.staff_no, s.name, s.role.code(), center_id, department_id, hash],
                    )
                    .map(|_| super::inserted_id(tx)),
                Some(id) => tx
                    .execute(
                        "UPDATE staff SET staff_no = ?2, name = ?3, role = ?4, center_id = ?5, department_id = ?6,
                                          pin_hash = COALESCE(?7, pin_hash) WHERE id = ?1",
                        params![id, s.staff_no, s.name, s.role.code(), center_id, department_id, hash],
                    )
                    .map(|_| id),
            };
            let new_id = res.map_err(|e| match &e {
                rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE => {
                    StoreError::Refused(Problem::fill(T::StaffNumberIsTaken, &[&s.staff_no]))
                }
                _ => StoreError::from(e),
            })?;
            check_keeps_an_administrator(active_admins(tx)?)?;
            let mut e = NewEvent::by(actor, &at, format!("staff:{}", s.staff_no), if id.is_some() { "staff_edit" } else { "staff_add" });
            let mut details = vec![("role", s.role.code().to_string()), ("center", center_id.to_string())];
            if hash.is_some() {
                details.push(("pin", "reset".into()));
            }
            e.payload = payload_json(&details);
            append(tx, e)?;
            Ok(new_id)
        })
    }

    pub fn set_staff_active(
        &mut self,
        actor: &Actor,
        id: i64,
        active: bool,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::ManageReferenceData)?;
        if actor.staff_id == Some(id) && !active {
            return Err(StoreError::Refused(Problem::of(
                T::YouCannotDeactivateYourOwn,
            )));
        }
        let at = fmt_time(now);
        self.write(|tx| {
            let no: String = tx.query_row("SELECT staff_no FROM staff WHERE id = ?1", [id], |r| r.get(0))?;
            tx.execute("UPDATE staff SET active = ?2, failed_attempts = 0, locked_until = NULL WHERE id = ?1", params![id, active])?;
            check_keeps_an_administrator(active_admins(tx)?)?;
            append(tx, NewEvent::by(actor, &at, format!("staff:{no}"), if active { "staff_activate" } else { "staff_deactivate" }))?;
            Ok(())
        })
    }

    /// The signed-in user changes their own PIN.
    pub fn change_own_pin(
        &mut self,
        actor: &Actor,
        old: &str,
        new: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        let Some(id) = actor.staff_id else {
            return Err(StoreError::Refused(Problem::of(T::CommandLineHasNoPIN)));
        };
        let (no, hash): (String, String) = self.conn().query_row(
            "SELECT staff_no, pin_hash FROM staff WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if !pin_matches(old, &hash) {
            return Err(StoreError::Refused(Problem::of(T::CurrentPINIsWrong)));
        }
        let new_hash = hash_pin(new)?;
        let at = fmt_time(now);
        self.write(|tx| {
            tx.execute(
                "UPDATE staff SET pin_hash = ?2 WHERE id = ?1",
                params![id, new_hash],
            )?;
            append(
                tx,
                NewEvent::by(actor, &at, format!("staff:{no}"), "pin_change"),
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decoy_costs_what_a_real_pin_hash_costs() {
        let real = hash_pin("258147").unwrap();
        let params = |h: &str| h.split('$').nth(3).unwrap_or("").to_string();
        assert!(PasswordHash::new(DECOY_HASH).is_ok());
        assert_eq!(params(DECOY_HASH), params(&real), "same argon2 parameters");
        assert!(!pin_matches("258147", DECOY_HASH));
    }
}
