#!/usr/bin/env python3
"""Writes the Kazakh hyphenation patterns (hyph_kk_KZ.pat, Liang patterns) from
the syllable rules of Kazakh orthography; substrings.pl of libhyphen turns them
into hyph_kk_KZ.dic. See README.md for the rules and how to regenerate.

    python3 make_kk_patterns.py > hyph_kk_KZ.pat
"""

VOWELS = "аәеёиоөуұүыіэюя"
CONSONANTS = "бвгғджзйкқлмнңпрстфхһцчшщ"
SIGNS = "ьъ"


def patterns():
    out = []
    # 1. A consonant followed by a vowel starts a syllable: V-CV, VC-CV,
    #    VCC-CV (of three consonants two stay, the third goes on).
    for c in CONSONANTS:
        for v in VOWELS:
            out.append(f"1{c}{v}")
    # The same across a soft or hard sign, which stays with its consonant
    # (ком-пью-тер, объ-ект is not reached: the sign is never first).
    for c in CONSONANTS:
        for s in SIGNS:
            for v in VOWELS:
                out.append(f"1{c}{s}{v}")
    for s in SIGNS:
        out.append(f"2{s}")
    # 2. Two vowels in a row belong to two syllables (бу-ын, қи-ын, си-яқ).
    for a in VOWELS:
        for b in VOWELS:
            out.append(f"{a}1{b}")
    # 3. «у» after a vowel is the consonant [w]: between vowels it starts the
    #    next syllable (да-уыс, са-уат, тә-уел-сіз), before a consonant it
    #    closes the syllable (ау-ру, тау-лы).
    for a in VOWELS:
        for b in VOWELS:
            out.append(f"{a}у2{b}")
        for c in CONSONANTS:
            out.append(f"{a}2у{c}")
    return out


if __name__ == "__main__":
    seen = set()
    for p in patterns():
        if p not in seen:
            seen.add(p)
            print(p)
