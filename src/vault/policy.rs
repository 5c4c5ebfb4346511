//! Passphrase policy that helps rather than nags: a minimum length, a refusal of the handful of
//! passwords every attacker tries first, and an honest strength hint. No upper bound, no rules about
//! symbols: four or five unrelated words beat "P@ssw0rd!".

use serde::Serialize;

/// Ten characters: short enough to type daily, long enough that Argon2id makes guessing slow.
pub const MIN_LENGTH: usize = 10;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct PassphraseAssessment {
    pub acceptable: bool,
    /// 0 (too short) to 4 (strong).
    pub score: u8,
    pub label: String,
    pub hint: String,
    pub min_length: u32,
}

const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "qwerty",
    "qwertyuiop",
    "letmein",
    "iloveyou",
    "welcome",
    "monkey",
    "dragon",
    "football",
    "baseball",
    "sunshine",
    "princess",
    "trustno1",
    "abc123",
    "admin",
    "123456",
    "1234567890",
    "0987654321",
    "carefile",
    "changeme",
    "superman",
    "starwars",
];

/// Strip digits and symbols from the ends: "Password123!" is still "password".
fn core_word(p: &str) -> String {
    p.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase()
}

fn estimated_bits(p: &str) -> f64 {
    let chars: Vec<char> = p.chars().collect();
    let mut pool = 0u32;
    if chars.iter().any(|c| c.is_ascii_lowercase()) {
        pool += 26;
    }
    if chars.iter().any(|c| c.is_ascii_uppercase()) {
        pool += 26;
    }
    if chars.iter().any(|c| c.is_ascii_digit()) {
        pool += 10;
    }
    if chars.iter().any(|c| c.is_ascii_punctuation() || *c == ' ') {
        pool += 33;
    }
    if chars.iter().any(|c| !c.is_ascii()) {
        pool += 100;
    }
    let mut bits = chars.len() as f64 * f64::from(pool.max(1)).log2();
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    // "aaaaaaaaaaaa" or "abababababab" is far weaker than its length suggests.
    if distinct.len() * 3 < chars.len() {
        bits *= 0.4;
    }
    // Several real words: count roughly 11 bits a word (a large vocabulary, chosen at random).
    let words = p.split(|c: char| c.is_whitespace() || c == '-').filter(|w| w.len() >= 3).count();
    if words >= 3 {
        bits = bits.max(words as f64 * 11.0);
    }
    bits
}

pub fn assess_passphrase(passphrase: &str) -> PassphraseAssessment {
    let length = passphrase.chars().count();
    let (acceptable, score, label, hint) = if length < MIN_LENGTH {
        let more = MIN_LENGTH - length;
        (
            false,
            0,
            "Too short",
            format!(
                "Add {more} more character{}. A few unrelated words make a passphrase that is long \
                 but easy to remember.",
                if more == 1 { "" } else { "s" }
            ),
        )
    } else if COMMON.contains(&core_word(passphrase).as_str())
        || COMMON.contains(&passphrase.to_lowercase().as_str())
    {
        (
            false,
            1,
            "Weak",
            "This is one of the first passwords anyone would try. Choose something only you would \
             think of."
                .to_string(),
        )
    } else {
        let bits = estimated_bits(passphrase);
        match bits {
            b if b < 45.0 => (
                true,
                1,
                "Weak",
                "This would be quick to guess. Add another word or two.".to_string(),
            ),
            b if b < 60.0 => (
                true,
                2,
                "Fair",
                "Good enough to use. One more unrelated word would make it much stronger."
                    .to_string(),
            ),
            b if b < 80.0 => {
                (true, 3, "Good", "A good passphrase. Make sure you can remember it.".to_string())
            }
            _ => (
                true,
                4,
                "Strong",
                "A strong passphrase. Make sure you can remember it: nobody can reset it for you \
                 without the recovery key."
                    .to_string(),
            ),
        }
    };
    PassphraseAssessment {
        acceptable,
        score,
        label: label.to_string(),
        hint,
        min_length: MIN_LENGTH as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passphrase_is_not_acceptable_and_says_how_many_more() {
        let a = assess_passphrase("abc");
        assert!(!a.acceptable);
        assert_eq!(a.score, 0);
        assert!(a.hint.contains("7 more characters"), "{}", a.hint);
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        assert!(!assess_passphrase("ééééé").acceptable);
        assert!(assess_passphrase("žluťoučký kůň").acceptable);
    }

    #[test]
    fn common_passwords_are_refused_even_with_digits_added() {
        assert!(!assess_passphrase("Password123!").acceptable);
        assert!(!assess_passphrase("1234567890").acceptable);
    }

    #[test]
    fn several_unrelated_words_are_strong() {
        let a = assess_passphrase("kettle orbit lantern minnow velvet");
        assert!(a.acceptable);
        assert!(a.score >= 3, "{a:?}");
    }

    #[test]
    fn repeated_characters_score_low() {
        let a = assess_passphrase("aaaaaaaaaaaaaaa");
        assert!(a.acceptable);
        assert_eq!(a.score, 1);
    }

    #[test]
    fn there_is_no_upper_bound() {
        assert!(assess_passphrase(&"long words ".repeat(1000)).acceptable);
    }
}
