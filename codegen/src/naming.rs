//! Turning wire names into Rust names.
//!
//! Keys in the docs are JSON names written in every case style, sometimes Rust keywords, and
//! sometimes not identifiers at all. Every Rust name the generator emits comes from here, so
//! that what reaches the token stream is always a valid identifier on the generated crate's
//! edition (2024). The wire name itself is kept by `serde(rename)` wherever it differs.

use std::borrow::Cow;

/// Words that are keywords on edition 2024 and can be written as raw identifiers, sorted: names
/// are made for every key of every file, and a sorted list is searched in a few comparisons.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Splits a key into lowercase words at `_`, `-`, `.`, spaces, other non-alphanumerics and
/// case changes: `fooBar`, `foo-bar`, `FOO_BAR` and `ProfilePictureURL` all split the same way.
pub fn words(key: &str) -> Vec<String> {
    let mut words = Vec::new();
    each_word(key, |word| words.push(word.to_ascii_lowercase()));
    words
}

/// Calls `found` with each word of a key as written, by the rule of [`words`]. Names are made
/// for every key of every file, so this walks the bytes without allocating: only ASCII letters
/// and digits make words, and every other byte ends one. A key that is not ASCII is first
/// written in ASCII letters (`naïve` as `naive`, `Größe` as `Grosse`), so that its name reads
/// as the key does; the wire name is kept by `serde(rename)` either way.
fn each_word(key: &str, mut found: impl FnMut(&str)) {
    let ascii: Cow<str> =
        if key.is_ascii() { Cow::Borrowed(key) } else { Cow::Owned(deunicode::deunicode(key)) };
    let key = ascii.as_ref();
    let bytes = key.as_bytes();
    let mut start = None;
    for (at, &c) in bytes.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if let Some(from) = start.take() {
                found(&key[from..at]);
            }
            continue;
        }
        let previous = at.checked_sub(1).map(|p| bytes[p]);
        let next = bytes.get(at + 1);
        let starts_word = c.is_ascii_uppercase()
            && previous.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(u8::is_ascii_lowercase))
            });
        if starts_word && let Some(from) = start.take() {
            found(&key[from..at]);
        }
        start.get_or_insert(at);
    }
    if let Some(from) = start {
        found(&key[from..]);
    }
}

/// The `snake_case` form of a key, escaped so it is a valid field or module name.
pub fn snake_case(key: &str) -> String {
    let mut snake = String::with_capacity(key.len() + 2);
    each_word(key, |word| {
        if !snake.is_empty() {
            snake.push('_');
        }
        snake.push_str(word);
    });
    snake.make_ascii_lowercase();
    escape(snake, "field")
}

/// The `UpperCamelCase` form of a key, escaped so it is a valid type or variant name.
pub fn upper_camel_case(key: &str) -> String {
    let mut camel = String::with_capacity(key.len());
    each_word(key, |word| {
        // Words are ASCII letters and digits, so each byte is a character.
        let start = camel.len();
        camel.push_str(word);
        camel[start..].make_ascii_lowercase();
        camel[start..=start].make_ascii_uppercase();
    });
    escape(camel, "Value")
}

/// Makes a name made of ASCII letters, digits and `_` into an identifier: a leading digit gets a
/// prefix, an empty name becomes `empty`, and keywords are escaped.
fn escape(name: String, empty: &str) -> String {
    let name = if name.is_empty() { empty.to_owned() } else { name };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{}{name}", if empty == "field" { "_" } else { "N" })
    } else {
        name
    };
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_KEYWORDS.binary_search(&name.as_str()).is_ok() {
        format!("r#{name}")
    } else {
        name
    }
}

/// The name as written in Rust source minus any `r#`: the name serde sees for a field.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Gives each name of a list a distinct Rust name: of the names that are alike, one keeps its
/// name and the others get `_2`, `_3`, ... (or `2`, `3` for type names) in source order, never
/// a name another item has of its own. The one that keeps it is the first in `preferred` (the
/// name is its key as written, where the others were changed to make it: `field` for the key
/// `field`, not for `_`), else the first. Returns, for each name changed, its index.
pub fn disambiguate(names: &mut [String], separator: &str, preferred: &[bool]) -> Vec<usize> {
    use std::collections::{BTreeMap, BTreeSet};
    let prefers = |at: usize| preferred.get(at).copied().unwrap_or(false);
    // Who keeps each name: the first preferred one, else the first.
    let mut keeper: BTreeMap<&str, usize> = BTreeMap::new();
    for (at, name) in names.iter().enumerate() {
        keeper
            .entry(name)
            .and_modify(|kept| {
                if prefers(at) && !prefers(*kept) {
                    *kept = at;
                }
            })
            .or_insert(at);
    }
    let kept: BTreeSet<usize> = keeper.into_values().collect();
    let mut taken: BTreeSet<String> = kept.iter().map(|&at| names[at].clone()).collect();
    let mut changed = Vec::new();
    for (at, name) in names.iter_mut().enumerate() {
        if kept.contains(&at) {
            continue;
        }
        // `self_` numbered is `self_2`, not `self__2`, which is not snake case.
        let base = unraw(name).trim_end_matches('_').to_owned();
        let fresh = (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| !taken.contains(candidate))
            .expect("an unused suffix exists");
        taken.insert(fresh.clone());
        *name = fresh;
        changed.push(at);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        for (key, expected) in [
            ("email", "email"),
            ("first_name", "first_name"),
            ("firstName", "first_name"),
            ("ProfilePictureURL", "profile_picture_url"),
            ("foo-bar", "foo_bar"),
            ("FOO_BAR", "foo_bar"),
            ("x.y", "x_y"),
            ("2fa_enabled", "_2fa_enabled"),
            ("", "field"),
            ("$ref", "r#ref"),
            ("café", "cafe"),
            ("naïve", "naive"),
            ("Größe", "grosse"),
            ("type", "r#type"),
            ("gen", "r#gen"),
            ("async", "r#async"),
            ("self", "self_"),
            ("Self", "self_"),
            ("super", "super_"),
            ("crate", "crate_"),
            ("_", "field"),
            ("union", "union"),
            ("ID", "id"),
        ] {
            assert_eq!(snake_case(key), expected, "{key:?}");
        }
    }

    #[test]
    fn type_names() {
        for (key, expected) in [
            ("sso_required_error", "SsoRequiredError"),
            ("user", "User"),
            ("authentication-errors", "AuthenticationErrors"),
            ("OAuth", "OAuth"),
            ("GitHubOAuth", "GitHubOAuth"),
            ("sign-up", "SignUp"),
            ("S256", "S256"),
            ("3ds", "N3ds"),
            ("self", "Self_"),
            ("", "Value"),
        ] {
            assert_eq!(upper_camel_case(key), expected, "{key:?}");
        }
    }

    #[test]
    fn the_keywords_are_sorted_for_the_search() {
        assert!(RAW_KEYWORDS.is_sorted(), "{RAW_KEYWORDS:?}");
    }

    #[test]
    fn collisions_get_numbered_in_source_order() {
        let mut names: Vec<String> =
            ["foo_bar", "foo_bar", "r#type", "foo_bar", "foo_bar_2", "self_", "self_"]
                .map(String::from)
                .into();
        let changed = disambiguate(&mut names, "_", &[]);
        // The name a later item has of its own (`foo_bar_2`) is not given to another.
        assert_eq!(
            names,
            ["foo_bar", "foo_bar_3", "r#type", "foo_bar_4", "foo_bar_2", "self_", "self_2"]
        );
        assert_eq!(changed, [1, 3, 6]);
    }

    #[test]
    fn a_name_that_is_its_key_as_written_keeps_it() {
        // The keys `_`, `field`, `self` and `self_`.
        let mut names: Vec<String> = ["field", "field", "self_", "self_"].map(String::from).into();
        let changed = disambiguate(&mut names, "_", &[false, true, false, true]);
        assert_eq!(names, ["field_2", "field", "self_2", "self_"]);
        assert_eq!(changed, [0, 2]);
    }
}
