//! UI strings, Dutch by default and English on request. Every word comes
//! from `samenop-core`'s catalogue (`locales/nl.ftl`, `locales/en.ftl`).

use std::sync::LazyLock;

pub use samenop_core::Lang;

/// The text under `key` in the catalogue (`samenop-core/locales/*.ftl`),
/// the one source of every word. Keys are string literals, so the core's
/// catalogue test finds them in the source.
pub fn t(lang: Lang, key: &str) -> &'static str {
    samenop_core::catalogue::text(lang, key)
}

macro_rules! texts {
    ($($field:ident),* $(,)?) => {
        /// The app's own words as typed fields, each read from the catalogue
        /// under `app-<field>`: a thin layer, the words live in the `.ftl` files.
        pub struct Texts {
            $(pub $field: &'static str,)*
        }

        impl Texts {
            fn load(lang: Lang) -> Texts {
                Texts { $($field: t(lang, concat!("app-", stringify!($field))),)* }
            }

            /// Every `(key, text)`, for the check that each key is in the catalogue.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((concat!("app-", stringify!($field)), self.$field),)*]
            }
        }
    };
}

texts! {
    app_name,
    login_title,
    server,
    username,
    password,
    log_in,
    logging_in,
    otp,
    otp_help,
    set_pin_title,
    set_pin_help,
    pin,
    save_pin,
    unlock_title,
    unlock,
    quick_unlock_choice,
    quick_unlock,
    or_with_pin,
    sign_in_wipes_warning,
    sign_in_wipes_confirm,
    lock,
    pin_too_short,
    my_cases,
    new_case,
    join_case,
    join_reason,
    join_reason_needed,
    join_with_reason,
    late_joins,
    no_cases,
    reported_at,
    address_hint,
    start_case,
    unsynced,
    back,
    offline,
    syncing,
    synced,
    unreadable,
    pending,
    not_sent,
    not_sent_help,
    events_recorded,
    yes,
    no,
    unknown,
    result,
    why,
    open_questions,
    suspect_access,
    network_access,
    oversight,
    lifting,
    professional_judgement,
    reason,
    raise_to_acute,
    relationship_ended_on,
    conflicts,
    keep_this,
    call_vt,
    language,
    summary,
    print,
    error_prefix,
    next_step,
    to_assessment,
    display,
    theme,
    theme_system,
    theme_light,
    theme_dark,
    language_choice,
    connecting,
    advanced,
    sign_out,
    sign_out_confirm,
    sign_out_wait,
    signing_out,
    cancel_sign_out,
    reauth_title,
    reauth_other_user_confirm,
}

static NL: LazyLock<Texts> = LazyLock::new(|| Texts::load(Lang::Nl));
static EN: LazyLock<Texts> = LazyLock::new(|| Texts::load(Lang::En));

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_in_the_catalogue() {
        for lang in [Lang::Nl, Lang::En] {
            for (key, text) in texts(lang).entries() {
                assert_ne!(key, text, "{lang:?}: {key} is not in the catalogue");
            }
        }
    }
}
