// Word-level comparison of UTF-8 text, for the comparison of editions
// (Comparison.h): the text is split into whole tokens — words, punctuation
// marks and runs of white space — by code point, and the token sequences are
// compared (Myers' O(ND) difference), never the characters inside a word. A
// Kazakh or Russian word form is a word of its own: «ережесі» and
// «ережесінің» differ as whole words, as do «положение» and «положения».
//
// Tokens (by Unicode code point, no locale):
//   Word         a maximal run of letters, digits and combining marks: every
//                script's letters (Latin, Cyrillic with the Kazakh letters
//                ә ғ қ ң ө ұ ү һ і and ё, Greek, ...), soft hyphens and
//                zero-width joiners inside a word;
//   Space        a maximal run of white space (also no-break and thin
//                spaces, line breaks);
//   Punctuation  any other code point, one token each: . , ; : « » " ( ) – —
//                № and the like; a byte that is not valid UTF-8 is a token of
//                its own too, so no byte of the input is ever lost.
// Any two Space tokens compare equal: "a  b", "a b" and "a\nb" have the
// same words (where the lines break is formatting, see Comparison.h).
//
// Standard library only; pure functions, safe on any number of threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nusqa::compare {

enum class TokenKind { Word, Space, Punctuation };

struct Token {
    TokenKind kind = TokenKind::Word;
    std::string_view text;  // a view into the tokenised text
};

// The tokens of text in order; their texts concatenate to text exactly.
std::vector<Token> tokenize(std::string_view text);

enum class RunKind { Equal, Inserted, Deleted };

// Wire names: "equal", "inserted", "deleted".
std::string_view toString(RunKind kind);

// One run of a word diff.
struct WordRun {
    // JSON "op": "equal" | "inserted" | "deleted".
    RunKind kind = RunKind::Equal;
    // JSON "text": the tokens of the run, as in the edition they come from
    // (equal runs: as in `after`).
    std::string text;
};

// The word diff of two texts: equal, deleted and inserted runs in reading
// order. The deleted runs concatenate to what `before` has and `after` has
// not, the equal and inserted runs concatenate to `after` exactly. Within a
// changed stretch the deleted run comes before the inserted one, and white
// space alone between two changes is folded into them ("a b c" -> "x y z" is
// one deletion and one insertion, not three of each). Very long, completely
// different texts fall back to one deletion and one insertion.
std::vector<WordRun> diffWords(std::string_view before, std::string_view after);

// True when before and after have the same token sequence (any white space
// equal to any other). Faster than diffWords when only equality matters.
bool sameWords(std::string_view before, std::string_view after);

// Lower case of Latin, Latin-1, Greek and Cyrillic letters (the Kazakh
// letters included: Ә->ә, Ғ->ғ, Қ->қ, Ң->ң, Ө->ө, Ұ->ұ, Ү->ү, Һ->һ, І->і,
// Ё->ё); other code points and invalid bytes unchanged. For matching by
// similarity, never for the diff itself (a changed capital is a change).
std::string foldCase(std::string_view text);

// The Word tokens of text, case-folded, in order (duplicates kept).
std::vector<std::string> foldedWords(std::string_view text);

}  // namespace nusqa::compare
