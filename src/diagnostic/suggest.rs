//! Suggestions for a mistyped word: the closest candidate, if it is a likely typo.

/// Words longer than this get no suggestion: a typo is made in a word, not in a page of
/// text, and comparing two strings costs the product of their lengths.
const SUGGEST_LEN: usize = 200;

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
/// Compares `word` with every candidate: for many candidates, see [`Closest`].
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if word.len() > SUGGEST_LEN {
        return None;
    }
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| c.len() <= SUGGEST_LEN)
        .map(|c| (similarity(&lower, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// Jaro-Winkler similarity of a lowercase word and a candidate, ignoring its case.
pub(super) fn similarity(lower: &str, candidate: &str) -> f64 {
    if candidate.chars().any(char::is_uppercase) {
        strsim::jaro_winkler(lower, &candidate.to_lowercase())
    } else {
        strsim::jaro_winkler(lower, candidate)
    }
}

/// Many candidates, indexed by the three-letter sequences they contain, to suggest the
/// closest of them to a word in bounded time: only the candidates that share the most
/// sequences with the word ([`SHORTLIST`] of them) are compared with it, and the
/// sequences are read from the rarest, up to [`BUDGET`] candidates. A site with 66,000 pages
/// and a broken link on each compared every link with every page (18.8 s of `check`).
/// Up to [`SMALL`] candidates, every one is compared, as [`did_you_mean`] does.
pub struct Closest {
    /// Sorted and without duplicates, so the shortlist never depends on the input order.
    candidates: Vec<String>,
    grams: std::collections::HashMap<[char; 3], Vec<u32>>,
}

/// Candidates compared with every word, below which no index is made.
pub const SMALL: usize = 64;
/// Candidates compared with one word at most, when there are many.
pub const SHORTLIST: usize = 32;
/// Candidates counted for one word at most, over the sequences it shares with them.
const BUDGET: usize = 4096;

impl Closest {
    pub fn new<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let mut candidates: Vec<String> = candidates
            .into_iter()
            .filter(|c| c.len() <= SUGGEST_LEN)
            .map(str::to_string)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut grams: std::collections::HashMap<[char; 3], Vec<u32>> = std::collections::HashMap::new();
        if candidates.len() > SMALL {
            for (i, c) in candidates.iter().enumerate() {
                let mut seen = trigrams(&c.to_lowercase());
                seen.sort_unstable();
                seen.dedup();
                for g in seen {
                    grams.entry(g).or_default().push(i as u32);
                }
            }
        }
        Closest { candidates, grams }
    }

    /// The closest candidate to `word`, if it is close enough to be a likely typo.
    pub fn find(&self, word: &str) -> Option<&str> {
        self.find_counted(word).0
    }

    /// [`Closest::find`], and how many candidates were compared with `word`.
    pub(super) fn find_counted(&self, word: &str) -> (Option<&str>, usize) {
        if self.candidates.len() <= SMALL {
            return (
                did_you_mean(word, self.candidates.iter().map(String::as_str)),
                self.candidates.len(),
            );
        }
        if word.len() > SUGGEST_LEN {
            return (None, 0);
        }
        let mut shared: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
        let mut grams = trigrams(&word.to_lowercase());
        grams.sort_unstable();
        grams.dedup();
        // The rarest sequences first, as far as the budget goes.
        let mut lists: Vec<&Vec<u32>> = grams.iter().filter_map(|g| self.grams.get(g)).collect();
        lists.sort_by_key(|l| l.len());
        let mut budget = BUDGET;
        for list in lists {
            if list.len() > budget {
                break;
            }
            budget -= list.len();
            for &i in list {
                *shared.entry(i).or_default() += 1;
            }
        }
        let mut best: Vec<(u32, u32)> = shared.into_iter().collect();
        best.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(SHORTLIST);
        let shortlist = best.iter().map(|&(i, _)| self.candidates[i as usize].as_str());
        (did_you_mean(word, shortlist), best.len())
    }
}

/// The three-character sequences of a word, with its two ends marked.
fn trigrams(word: &str) -> Vec<[char; 3]> {
    let chars: Vec<char> = ['\0', '\0']
        .into_iter()
        .chain(word.chars())
        .chain(['\0'])
        .collect();
    chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}
