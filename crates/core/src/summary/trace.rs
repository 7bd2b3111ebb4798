//! The summary's trace (issue 17 §3): conflicts settled (who kept which
//! value, when) and answers changed by another organisation (who, from →
//! to, when), so what was replaced is never lost from the record.

use std::fmt::Write;

use super::*;
use crate::catalogue::{fill, text};

impl OnSceneSummary {
    pub(super) fn write_trace(&self, t: &mut String, lang: Lang) {
        if !self.changes_by_others.is_empty() {
            let _ = writeln!(t, "\n{}", text(lang, "trace-changes_by_others"));
            for (key, c) in &self.changes_by_others {
                let Some(from) = c.from_other_organisation() else {
                    continue;
                };
                let line = fill(
                    lang,
                    "trace-changed_by_other",
                    &[
                        ("who", &c.author.display_name),
                        ("org", &c.author.organisation.label(lang)),
                        ("from", &from.value.value_text(lang)),
                        ("to", &c.value.value_text(lang)),
                        ("at", &crate::local_time::local_time_text(c.at)),
                    ],
                );
                let _ = writeln!(t, "- {}: {line}", key.label(lang));
            }
        }
        if !self.resolutions.is_empty() {
            let _ = writeln!(t, "\n{}", text(lang, "trace-resolutions"));
            for r in &self.resolutions {
                let line = fill(
                    lang,
                    "trace-resolved",
                    &[
                        ("field", &r.key.label(lang)),
                        ("who", &r.kept.author.display_name),
                        ("org", &r.kept.author.organisation.label(lang)),
                        ("value", &r.kept.value.value_text(lang)),
                        ("at", &crate::local_time::local_time_text(r.kept.at)),
                    ],
                );
                let _ = writeln!(t, "- {line}");
            }
        }
    }
}
