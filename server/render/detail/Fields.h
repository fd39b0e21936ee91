// Private to render: the fields templates of a profile refer to ({code},
// {pageOfPages}, ...) computed from the edition's content and the profile's
// wording in the edition's language, and the expansion of templates.
//
// Field names (also listed in schemas/profile.xsd): organisation, kind,
// kindTitle, title, code, edition, editionLabel, unit, copyNumber,
// copyHolder, copyNotice (a controlled copy's: its number and holder),
// preparedDate, agreedDate, approvedDate, effectiveDate,
// reviewDate and their ...Long forms, preparedNames, preparedPosition,
// agreedNames, approvalPosition, approvalName, approvalDate,
// approvalDateLong, decisionNumber, decisionDate, replacesCode,
// replacesNumber, replacesDate, replacesLine, reviewLine; page, pages and
// pageOfPages when a page is painted; itemIndex, itemPosition, itemName,
// itemDate, itemDateLong in repeated template rows.
// Not thread-safe; one per render.
#pragma once

#include <map>
#include <string>

#include "domain/Content.h"
#include "domain/Profile.h"

namespace nusqa::render {

class Fields {
public:
    Fields(const content::Content& content, const profile::Profile& profile);

    // The profile's word for key in the edition's language ("" if none).
    std::string word(const std::string& key) const;

    // ISO date as the wording's "date" (or "dateLong") pattern; "" stays "".
    std::string date(const std::string& iso, bool longForm = false) const;

    void set(const std::string& name, std::string value) { _values[name] = std::move(value); }
    std::string get(const std::string& name) const;

    // Replaces every {name} (a field; unknown names become "") and every
    // {w:key} (a word of the wording). allEmpty (optional)
    // is set to whether the template referred to fields and all were empty.
    std::string expand(const std::string& text, bool* allEmpty = nullptr) const;

private:
    const profile::Profile& _profile;
    std::string _language;
    std::map<std::string, std::string> _values;
};

}  // namespace nusqa::render
