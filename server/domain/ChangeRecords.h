// The change registration sheet (өзгерістерді тіркеу парағы — лист
// регистрации изменений) drafted from a comparison, and the records typed by
// hand checked against it (issue 13: the quality office accepts or edits the
// draft into the edition's <changes>; sending for agreement answers 409
// while the typed records and the real differences disagree).
//
// A record is proposed for every element change of the comparison except
// the change records themselves (the sheet does not register its own rows)
// and changes of formatting or eId alone: added -> add, deleted -> delete,
// anything else (text, cells, number, place) -> replace. Metadata changes
// are the title page's business and get no record.
//
// A typed record covers an element change when its target is the element's
// eId (in either edition), the eId of an element added or deleted with it
// (innerEIds), of a table row whose cells changed, or of an ancestor (a
// record on chapter 4 covers the changes inside chapter 4); a typed record
// without target covers it when the numbers in its location text name the
// element or an ancestor ("3.1-тармақ", "п. 3.1" name clause "3.1.").
//
// Pure functions over values; safe on any number of threads; no errors.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "domain/Comparison.h"
#include "domain/Content.h"
#include "domain/Types.h"

namespace nusqa::compare {

struct ProposedRecord {
    // JSON "location": the sheet's section/clause column in b's language,
    // e.g. "3.1-тармақ", "6-тарау, 1-жол" (kk), "пункт 3.1" (ru).
    std::string location;
    // JSON "target": the element's eId, in b (in a for a deletion); empty
    // for a row or paragraph without one.
    std::string target;
    // JSON "kind": "replace" | "delete" | "add".
    content::ChangeKind kind = content::ChangeKind::Replace;
    // JSON "change": index of the element change in Comparison::elements.
    std::size_t change = 0;
};

// The records to register for the comparison, in its order.
std::vector<ProposedRecord> proposeChangeRecords(const Comparison& comparison);

struct KindMismatch {
    // JSON "record": index into the typed records.
    std::size_t record = 0;
    // JSON "expected": the kind the comparison gives the element it targets.
    content::ChangeKind expected = content::ChangeKind::Replace;
};

struct RecordCheck {
    // JSON "unrecorded": real differences that no typed record covers, as
    // the records that would register them.
    std::vector<ProposedRecord> unrecorded;
    // JSON "unfounded": indices into the typed records of those that cover
    // no change at all (they point at an element that did not change, or at
    // nothing).
    std::vector<std::size_t> unfounded;
    // JSON "wrongKind": typed records whose target changed, but not as the
    // record says (e.g. "add" for a clause that was deleted).
    std::vector<KindMismatch> wrongKind;

    // JSON "consistent": nothing unrecorded, unfounded or of the wrong kind.
    bool consistent() const { return unrecorded.empty() && unfounded.empty() && wrongKind.empty(); }
};

// Checks the typed records against the comparison. typed: the records made
// for this edition — usually newChangeRecords(a, b), not the records b
// inherited from earlier editions.
RecordCheck checkChangeRecords(const Comparison& comparison,
                               const std::vector<content::ChangeRecord>& typed);

// The change records of b whose eId a does not have, in b's order.
std::vector<content::ChangeRecord> newChangeRecords(const content::Content& a,
                                                    const content::Content& b);

// The section/clause column for an element at place: its printed number
// with the kind of element ("2.2.1-тармақша", "подпункт 2.2.1"); numbers
// that restart inside their parent ("1)") and elements without a number
// (by position: "2-абзац") are prefixed with the parent's label, up to the
// nearest element whose number stands on its own.
std::string locationText(const Place& place, Language language);

}  // namespace nusqa::compare
