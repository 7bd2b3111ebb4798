//! The trace of a field (issue 17 §3): every value written to it with who
//! and when, which change replaced another organisation's answer, and which
//! write settled a conflict. The screens render these; nothing is deleted,
//! so the trace is read from the fold's registers.
//!
//! The seeds ask that what partners record together stays traceable to
//! who recorded it ("wie … en wanneer", the toolkit's afspraken, 004
//! l.296–303); where they are silent about changes by another organisation,
//! showing them to both protects the victim: nobody's answer changes
//! unseen.

use super::*;

/// One value written to a field, with who and when, and what it replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub event_id: EventId,
    pub value: Assignment,
    pub author: Actor,
    pub at: DateTime<Utc>,
    /// The values its author saw and replaced, oldest first.
    pub replaced: Vec<ConflictValue>,
    /// Whether it is one of the field's values now (not replaced since).
    pub current: bool,
}

impl FieldChange {
    /// The answer of another organisation this change replaced with a
    /// different value ("from"), the latest if several.
    pub fn from_other_organisation(&self) -> Option<&ConflictValue> {
        self.replaced
            .iter()
            .rev()
            .find(|p| p.author.organisation != self.author.organisation && p.value != self.value)
    }
}

/// A conflict settled: who kept which value, when, over which values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    pub key: FieldKey,
    /// The value kept, with who kept it and when.
    pub kept: FieldChange,
}

impl CaseState {
    fn conflict_value(&self, w: &Write) -> ConflictValue {
        ConflictValue {
            event_id: w.event,
            value: w.value.clone(),
            author: self.participants[w.author].actor.clone(),
            at: w.stamp.to_utc(),
        }
    }

    fn change_of(&self, register: &Register, w: &Write) -> FieldChange {
        let mut replaced: Vec<&Write> = register
            .writes
            .iter()
            .filter(|p| w.replaced.contains(&p.event))
            .collect();
        replaced.sort_by_key(|p| (p.stamp, p.event));
        FieldChange {
            event_id: w.event,
            value: w.value.clone(),
            author: self.participants[w.author].actor.clone(),
            at: w.stamp.to_utc(),
            replaced: replaced.into_iter().map(|p| self.conflict_value(p)).collect(),
            current: !register.superseded.contains(&w.event),
        }
    }

    /// Every value written to `key`, oldest first: the field's short
    /// history (who set what when), opened with a tap on the field.
    pub fn history(&self, key: &FieldKey) -> Vec<FieldChange> {
        let Some(register) = self.registers.get(key) else {
            return Vec::new();
        };
        let mut writes: Vec<&Write> = register.writes.iter().collect();
        writes.sort_by_key(|w| (w.stamp, w.event));
        writes.into_iter().map(|w| self.change_of(register, w)).collect()
    }

    /// The change that put the value shown now over a different answer of
    /// another organisation: "gewijzigd door <wie>: <van> → <naar>", shown
    /// on every phone, whether or not its author had seen that answer (if
    /// not, the two stand as a conflict, `CaseState::conflicts`).
    pub fn changed_by_other(&self, key: &FieldKey) -> Option<FieldChange> {
        let register = self.registers.get(key)?;
        let w = register.current()?;
        let change = self.change_of(register, w);
        change.from_other_organisation().is_some().then_some(change)
    }

    /// Every field whose value shown now replaced another organisation's
    /// different answer, for the summary.
    pub fn changes_by_others(&self) -> Vec<(FieldKey, FieldChange)> {
        self.registers
            .keys()
            .filter_map(|k| self.changed_by_other(k).map(|c| (*k, c)))
            .collect()
    }

    /// Every conflict settled, oldest first: a write that replaced two or
    /// more different values standing side by side ("deze aanhouden"), with
    /// who kept which value and when. Resolving is itself recorded, never a
    /// quiet overwrite (issue 17 §3).
    pub fn resolutions(&self) -> Vec<Resolution> {
        let mut out = Vec::new();
        for (key, register) in &self.registers {
            let mut writes: Vec<&Write> = register.writes.iter().collect();
            writes.sort_by_key(|w| (w.stamp, w.event));
            // Where each event's writes stand in that order: a write's
            // replaced values are looked up, not searched for among every
            // earlier write (that was quadratic in a field's edits).
            let mut at: HashMap<EventId, Vec<usize>> = HashMap::with_capacity(writes.len());
            for (i, w) in writes.iter().enumerate() {
                at.entry(w.event).or_default().push(i);
            }
            let mut replaced_so_far: HashSet<EventId> = HashSet::new();
            for (i, w) in writes.iter().enumerate() {
                let mut named: Vec<EventId> = w.replaced.clone();
                named.sort_unstable();
                named.dedup();
                let standing: Vec<&Write> = named
                    .iter()
                    .filter(|id| !replaced_so_far.contains(id))
                    .flat_map(|id| at.get(id).into_iter().flatten())
                    .filter(|&&j| j < i)
                    .map(|&j| writes[j])
                    .collect();
                if standing.len() > 1 && standing.iter().any(|p| p.value != standing[0].value) {
                    out.push(Resolution {
                        key: *key,
                        kept: self.change_of(register, w),
                    });
                }
                replaced_so_far.extend(w.replaced.iter().copied());
            }
        }
        out.sort_by_key(|r| r.kept.at);
        out
    }
}
