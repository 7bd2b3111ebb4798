//! Free texts typed on scene, bounded where a person types them. The
//! protocol asks to record and share what is necessary and no more
//! (minimisation, 004 l.129; "toereikend, ter zake dienend en niet
//! bovenmatig"), so every free text has a limit. The app parses input into
//! these types; the same `check` runs again when an event is admitted, so a
//! limit exists once and the input field's `maxlength` reads it from here.

/// A text of at most `MAX` characters (not bytes), surrounding white space
/// removed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BoundedText<const MAX: usize>(String);

/// Why a typed text cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("must not be empty")]
    Empty,
    #[error("{len} characters, at most {max}")]
    TooLong { len: usize, max: usize },
}

impl<const MAX: usize> BoundedText<MAX> {
    pub const MAX: usize = MAX;

    /// Checks a text as it stands in an event: `required` texts must hold
    /// more than white space.
    pub fn check(text: &str, required: bool) -> Result<(), TextError> {
        if required && text.trim().is_empty() {
            return Err(TextError::Empty);
        }
        let len = text.chars().count();
        if len > MAX {
            return Err(TextError::TooLong { len, max: MAX });
        }
        Ok(())
    }

    /// Parses a required text as typed.
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let text = raw.trim();
        Self::check(text, true)?;
        Ok(Self(text.to_string()))
    }

    /// Parses a text that may be left empty (then `None`).
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, TextError> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        Self::parse(raw).map(Some)
    }

    /// Parses a text that may be empty but is still bounded.
    pub fn parse_or_empty(raw: &str) -> Result<Self, TextError> {
        let text = raw.trim();
        Self::check(text, false)?;
        Ok(Self(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A hint to find the door again ("Teststraat, achterom"), not an address.
pub type AddressHint = BoundedText<120>;
/// A name, a phone number, a reason, a note, a call rule's moment.
pub type ShortText = BoundedText<200>;
/// Why someone joins a case late ("break-glass"): read by every
/// participant, so a sentence or two.
pub type JoinReason = BoundedText<300>;
/// What was shared in the motorkapoverleg, in as few words as will do.
pub type SharedSummary = BoundedText<280>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_characters_not_bytes() {
        assert!(AddressHint::parse(&"é".repeat(120)).is_ok());
        assert_eq!(
            AddressHint::parse(&"é".repeat(121)),
            Err(TextError::TooLong { len: 121, max: 120 })
        );
    }

    #[test]
    fn white_space_is_not_a_text() {
        assert_eq!(ShortText::parse("   "), Err(TextError::Empty));
        assert_eq!(ShortText::parse_optional("  "), Ok(None));
        assert_eq!(ShortText::parse("  Jan  ").unwrap().as_str(), "Jan");
        assert_eq!(ShortText::parse_or_empty(" ").unwrap().as_str(), "");
    }
}
