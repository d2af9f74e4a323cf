//! Readability measures for plain-language editions (see the shared accessibility guide):
//! sentences end at `. ! ? ; :` and at the end of a block (list item, heading, paragraph);
//! words are runs of letters or digits; syllables are vowel groups.

use serde::Serialize;

/// Figures for one text.
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq)]
pub struct Scores {
    pub words: usize,
    pub sentences: usize,
    pub words_per_sentence: f64,
    /// LIX: words per sentence + percentage of words longer than 6 letters.
    pub lix: f64,
    /// Flesch-Douma (Dutch): 206.84 − 77·syllables per word − 0.93·words per sentence.
    pub flesch_douma: f64,
    /// Flesch Reading Ease (English): 206.835 − 1.015·words per sentence − 84.6·syllables per word.
    pub flesch_reading_ease: f64,
}

const VOWELS: &str = "aeiouyáéíóúàèìòùäëïöüâêîôû";

/// Measures text blocks (each block ends a sentence).
pub fn measure(blocks: &[String]) -> Scores {
    let mut words = 0usize;
    let mut sentences = 0usize;
    let mut syllables = 0usize;
    let mut long_words = 0usize;
    for block in blocks {
        for sentence in block.split(['.', '!', '?', ';', ':']) {
            let ws = words_of(sentence);
            if ws.is_empty() {
                continue;
            }
            sentences += 1;
            for w in ws {
                words += 1;
                syllables += syllables_of(&w);
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

/// Words: runs of letters and digits, joined by inner hyphens or apostrophes.
fn words_of(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let joins = matches!(c, '-' | '\'' | '’') && !current.is_empty() && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() || joins {
            current.push(c);
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
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
        assert_eq!(s.sentences, 4);
        assert_eq!(s.words, 9);
        assert!((s.words_per_sentence - 2.25).abs() < 1e-9);
        assert_eq!(syllables_of("woningbouw"), 3);
        assert_eq!(syllables_of("ééngezinswoningen"), 6);
        assert_eq!(words_of("boa's en Wmo-budget"), vec!["boa's", "en", "Wmo-budget"]);
    }

    #[test]
    fn lix_counts_long_words() {
        let s = measure(&["woningbouw is goed".into()]);
        assert!((s.lix - (3.0 + 100.0 / 3.0)).abs() < 1e-9);
    }
}
