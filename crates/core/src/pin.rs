//! The PIN a person may choose for the device vault: one rule, asked by
//! the app under the PIN field at creation. At least six digits, digits
//! only, and none of the PINs people pick first (same digit, runs,
//! repeated pairs or triples, dates). The vault's attempt limit and the
//! device-bound key do the rest; this only keeps the ten tries from
//! landing on the obvious.

use crate::Lang;
use crate::catalogue::text;

/// Shortest PIN accepted for a new vault.
pub const PIN_MIN: usize = 6;

/// Why a new PIN is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinProblem {
    TooShort,
    NotDigits,
    /// Same digit, an ascending/descending run, a repeated pair or triple.
    TooSimple,
    /// DDMMYY, DDMMYYYY, YYYYMMDD or MMDDYY of a plausible date.
    LooksLikeDate,
}

impl PinProblem {
    /// What the person reads under the PIN field.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Self::TooShort => text(lang, "app-pin_too_short"),
            Self::NotDigits => text(lang, "pin-digits_only"),
            Self::TooSimple => text(lang, "pin-too_simple"),
            Self::LooksLikeDate => text(lang, "pin-looks_like_date"),
        }
    }
}

/// Whether `pin` may protect a new vault.
pub fn check_new_pin(pin: &str) -> Result<(), PinProblem> {
    if !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(PinProblem::NotDigits);
    }
    if pin.len() < PIN_MIN {
        return Err(PinProblem::TooShort);
    }
    let d: Vec<i32> = pin.bytes().map(|b| i32::from(b - b'0')).collect();
    let step_run = |step: i32| d.windows(2).all(|w| w[1] - w[0] == step);
    let repeats = |n: usize| d.len().is_multiple_of(n) && d.chunks(n).all(|c| c == &d[..n]);
    if step_run(0) || step_run(1) || step_run(-1) || repeats(2) || repeats(3) {
        return Err(PinProblem::TooSimple);
    }
    if looks_like_date(&d) {
        return Err(PinProblem::LooksLikeDate);
    }
    Ok(())
}

fn num(d: &[i32]) -> i32 {
    d.iter().fold(0, |n, x| n * 10 + x)
}

fn day_month(day: i32, month: i32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// Birthdays and anniversaries: 1900–2099 for four-digit years.
fn year4(y: i32) -> bool {
    (1900..=2099).contains(&y)
}

fn looks_like_date(d: &[i32]) -> bool {
    match d.len() {
        // DDMMYY or MMDDYY (any two-digit year).
        6 => day_month(num(&d[0..2]), num(&d[2..4])) || day_month(num(&d[2..4]), num(&d[0..2])),
        // DDMMYYYY or YYYYMMDD.
        8 => {
            (day_month(num(&d[0..2]), num(&d[2..4])) && year4(num(&d[4..8])))
                || (year4(num(&d[0..4])) && day_month(num(&d[6..8]), num(&d[4..6])))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_or_non_digit_pins_are_refused() {
        assert_eq!(check_new_pin("48291"), Err(PinProblem::TooShort));
        assert_eq!(check_new_pin("4829a5"), Err(PinProblem::NotDigits));
        assert_eq!(check_new_pin("48 295"), Err(PinProblem::NotDigits));
    }

    #[test]
    fn same_digits_runs_and_repeats_are_refused() {
        for pin in [
            "000000", "999999", "123456", "234567", "654321", "9876543", "121212", "123123", "909090", "45454545",
            "456456",
        ] {
            assert_eq!(check_new_pin(pin), Err(PinProblem::TooSimple), "{pin}");
        }
    }

    #[test]
    fn plausible_dates_are_refused() {
        // DDMMYY, MMDDYY, DDMMYYYY, YYYYMMDD
        for pin in ["250585", "122585", "25051985", "19850525", "01012000", "20240229"] {
            assert_eq!(check_new_pin(pin), Err(PinProblem::LooksLikeDate), "{pin}");
        }
    }

    #[test]
    fn ordinary_pins_are_accepted() {
        for pin in ["482915", "739462", "48291573", "905813", "9958371"] {
            assert_eq!(check_new_pin(pin), Ok(()), "{pin}");
        }
    }

    #[test]
    fn every_refusal_has_words_in_both_languages() {
        for p in [
            PinProblem::TooShort,
            PinProblem::NotDigits,
            PinProblem::TooSimple,
            PinProblem::LooksLikeDate,
        ] {
            assert_ne!(p.text(Lang::Nl), p.text(Lang::En));
        }
    }
}
