//! Readability measures for plain-language editions (see the shared accessibility guide):
//! sentences are UAX #29 sentences (so `;` and `:` do not end one), not ended after a known
//! abbreviation, and always ended by the end of a block (list item, heading, paragraph); words are
//! UAX #29 words; syllables are vowel groups.

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

/// Figures for one text.
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq)]
pub struct Scores {
    /// Words (UAX #29).
    pub words: usize,
    /// Sentences.
    pub sentences: usize,
    /// Words per sentence.
    pub words_per_sentence: f64,
    /// LIX: words per sentence + percentage of words longer than 6 letters.
    pub lix: f64,
    /// Flesch-Douma (Dutch): 206.84 − 77·syllables per word − 0.93·words per sentence.
    pub flesch_douma: f64,
    /// Flesch Reading Ease (English): 206.835 − 1.015·words per sentence − 84.6·syllables per word.
    pub flesch_reading_ease: f64,
}

const VOWELS: &str = "aeiouyáéíóúàèìòùäëïöüâêîôû";

/// Abbreviations after which a full stop does not end a sentence (Dutch and English), compared
/// in lower case without their final full stop. "enz." and "etc." are left out: they usually end
/// the sentence they are in.
const ABBREVIATIONS: &[&str] = &[
    "o.a", "bijv", "bv", "d.w.z", "m.b.t", "t.o.v", "e.d", "z.s.m", "i.p.v", "i.s.m", "incl", "excl", "ca", "nr", "dhr", "mevr", "mr",
    "drs", "dr", "prof", "m.n", "a.s", "jl", "resp", "evt", "zgn", "max", "min", "vs", "e.g", "i.e", "approx", "no", "mrs", "ms", "st",
    "vgl", "t.b.v", "m.u.v", "n.a.v", "o.b.v",
];

/// The sentences of one block of text: UAX #29 sentence boundaries (which do not end a sentence
/// at `;` or `:`), joined again where a boundary follows a known abbreviation.
pub fn sentences(block: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start: Option<usize> = None;
    for (offset, piece) in block.split_sentence_bound_indices() {
        let begin = *start.get_or_insert(offset);
        let end = offset + piece.len();
        if !ends_with_abbreviation(&block[begin..end]) {
            out.push(block[begin..end].trim());
            start = None;
        }
    }
    if let Some(begin) = start {
        out.push(block[begin..].trim());
    }
    out.retain(|s| !words_of(s).is_empty());
    out
}

fn ends_with_abbreviation(sentence: &str) -> bool {
    let trimmed = sentence.trim_end();
    let Some(without_stop) = trimmed.strip_suffix('.') else {
        return false;
    };
    let last = without_stop.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    ABBREVIATIONS.contains(&last.to_lowercase().as_str())
}

/// Measures text blocks (each block ends a sentence).
pub fn measure(blocks: &[String]) -> Scores {
    let mut words = 0usize;
    let mut sentences = 0usize;
    let mut syllables = 0usize;
    let mut long_words = 0usize;
    for block in blocks {
        for sentence in self::sentences(block) {
            let ws = words_of(sentence);
            sentences += 1;
            for w in ws {
                words += 1;
                syllables += syllables_of(w);
                if w.chars().filter(|c| c.is_alphanumeric()).count() > 6 {
                    long_words += 1;
                }
            }
        }
    }
    if words == 0 {
        return Scores::default();
    }
    let asl = words as f64 / sentences as f64;
    let asw = syllables as f64 / words as f64;
    Scores {
        words,
        sentences,
        words_per_sentence: asl,
        lix: asl + 100.0 * long_words as f64 / words as f64,
        flesch_douma: 206.84 - 77.0 * asw - 0.93 * asl,
        flesch_reading_ease: 206.835 - 1.015 * asl - 84.6 * asw,
    }
}

/// Words: UAX #29 words (so "1,5" and "boa's" are one word each), rejoined across a single
/// hyphen between letters, because Dutch writes compounds such as "Wmo-budget" with one.
fn words_of(text: &str) -> Vec<&str> {
    let mut words: Vec<(usize, usize)> = Vec::new();
    for (start, word) in text.unicode_word_indices() {
        let end = start + word.len();
        if let Some(last) = words.last_mut() {
            if &text[last.1..start] == "-" {
                last.1 = end;
                continue;
            }
        }
        words.push((start, end));
    }
    words.into_iter().map(|(s, e)| &text[s..e]).collect()
}

fn syllables_of(word: &str) -> usize {
    let mut count = 0;
    let mut in_vowel = false;
    for c in word.to_lowercase().chars() {
        let vowel = VOWELS.contains(c);
        if vowel && !in_vowel {
            count += 1;
        }
        in_vowel = vowel;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_sentences_words_and_syllables() {
        let s = measure(&["Dit is een zin. En nog een: kort".into(), "Kop".into()]);
        assert_eq!(s.sentences, 3);
        assert_eq!(s.words, 9);
        assert!((s.words_per_sentence - 3.0).abs() < 1e-9);
        assert_eq!(syllables_of("woningbouw"), 3);
        assert_eq!(syllables_of("ééngezinswoningen"), 6);
        assert_eq!(words_of("boa's en Wmo-budget"), vec!["boa's", "en", "Wmo-budget"]);
    }

    #[test]
    fn abbreviations_and_decimals_do_not_split() {
        let text = "We helpen o.a. jongeren, bijv. Almeerders met 1,5 baan; ook ouders. Dat kost geld.";
        assert_eq!(sentences(text), vec!["We helpen o.a. jongeren, bijv. Almeerders met 1,5 baan; ook ouders.", "Dat kost geld."]);
        assert_eq!(words_of("met 1,5 baan"), vec!["met", "1,5", "baan"]);
        assert_eq!(sentences("Wat doen we? We bouwen! Klaar"), vec!["Wat doen we?", "We bouwen!", "Klaar"]);
        assert_eq!(sentences("Plans, e.g. Homes. New text."), vec!["Plans, e.g. Homes.", "New text."]);
    }

    #[test]
    fn lix_counts_long_words() {
        let s = measure(&["woningbouw is goed".into()]);
        assert!((s.lix - (3.0 + 100.0 / 3.0)).abs() < 1e-9);
    }
}
