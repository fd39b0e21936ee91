#include "render/detail/Fields.h"

namespace nusqa::render {
namespace {

std::string joinNames(const std::vector<content::Person>& people) {
    std::string result;
    for (const content::Person& person : people)
        result += (result.empty() ? "" : "\n") + person.name;
    return result;
}

}  // namespace

Fields::Fields(const content::Content& content, const profile::Profile& profile)
    : _profile(profile), _language(std::string(toString(content.meta.language))) {
    const content::Meta& meta = content.meta;
    std::string kindWord = word("kind." + std::string(toString(meta.kind)));
    set("organisation", meta.organisation);
    set("kind", kindWord);
    set("kindTitle", meta.kindTitle.empty() ? kindWord : meta.kindTitle);
    set("title", meta.title);
    set("code", meta.code);
    set("unit", meta.unit);
    set("edition", std::to_string(meta.edition));
    set("editionPadded", (meta.edition < 10 ? "0" : "") + std::to_string(meta.edition));
    set("editionLabel", expand(word("editionLabel")));
    set("copyNumber", meta.copyNumber.value_or(""));
    set("copyHolder", meta.copyHolder);
    const bool controlled = meta.copyNumber && !meta.copyNumber->empty();
    set("copyNotice", !controlled ? word("copyUncontrolled")
                      : meta.copyHolder.empty()
                          ? expand(word("copyControlled"))
                          : expand(word("copyControlled")) + " — " + meta.copyHolder);
    const std::pair<const char*, const std::string*> dates[] = {
        {"prepared", &meta.dates.prepared},
        {"agreed", &meta.dates.agreed},
        {"approved", &meta.dates.approved},
        {"effective", &meta.dates.effective},
        {"review", &meta.dates.review}};
    for (const auto& [name, value] : dates) {
        set(std::string(name) + "Date", date(*value));
        set(std::string(name) + "DateLong", date(*value, true));
    }
    set("preparedNames", joinNames(meta.preparedBy));
    set("preparedPosition", meta.preparedBy.empty() ? "" : meta.preparedBy.front().position);
    std::string agreed;
    for (const content::Approver& approver : meta.agreementList)
        agreed += (agreed.empty() ? "" : "\n") + approver.name;
    set("agreedNames", agreed);
    if (meta.approval) {
        set("approvalPosition", meta.approval->position);
        set("approvalName", meta.approval->name);
        set("approvalDate", date(meta.approval->date));
        set("approvalDateLong", date(meta.approval->date, true));
        set("decisionNumber", meta.approval->decisionNumber);
        set("decisionDate", date(meta.approval->decisionDate));
        set("decisionDateLong", date(meta.approval->decisionDate, true));
    }
    if (meta.replaces) {
        set("replacesCode", meta.replaces->code);
        set("replacesNumber", meta.replaces->number);
        set("replacesDate", date(meta.replaces->date));
        set("replacesDateLong", date(meta.replaces->date, true));
        set("replacesLine", expand(word("replacesLine")));
    }
    if (!meta.dates.review.empty()) set("reviewLine", expand(word("reviewLine")));
}

std::string Fields::word(const std::string& key) const {
    auto language = _profile.wording.find(_language);
    if (language == _profile.wording.end()) language = _profile.wording.find("kk");
    if (language == _profile.wording.end()) return {};
    auto found = language->second.find(key);
    return found == language->second.end() ? std::string() : found->second;
}

std::string Fields::date(const std::string& iso, bool longForm) const {
    if (iso.size() < 10) return iso;
    std::string pattern = word(longForm ? "dateLong" : "date");
    if (pattern.empty()) pattern = "{dd}.{mm}.{yyyy}";
    std::string month = iso.substr(5, 2);
    int monthNumber = std::atoi(month.c_str());
    std::map<std::string, std::string> parts = {
        {"yyyy", iso.substr(0, 4)},
        {"mm", month},
        {"dd", iso.substr(8, 2)},
        {"month", word("month" + std::to_string(monthNumber))}};
    std::string result;
    for (std::size_t at = 0; at < pattern.size();) {
        std::size_t open = pattern.find('{', at);
        std::size_t close = open == std::string::npos ? open : pattern.find('}', open);
        if (close == std::string::npos) {
            result += pattern.substr(at);
            break;
        }
        result += pattern.substr(at, open - at);
        auto found = parts.find(pattern.substr(open + 1, close - open - 1));
        if (found != parts.end()) result += found->second;
        at = close + 1;
    }
    return result;
}

std::string Fields::get(const std::string& name) const {
    auto found = _values.find(name);
    return found == _values.end() ? std::string() : found->second;
}

std::string Fields::expand(const std::string& text, bool* allEmpty) const {
    std::string result;
    bool referred = false;
    bool anyValue = false;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t open = text.find('{', at);
        std::size_t close = open == std::string::npos ? open : text.find('}', open);
        if (close == std::string::npos) {
            result += text.substr(at);
            break;
        }
        result += text.substr(at, open - at);
        std::string name = text.substr(open + 1, close - open - 1);
        if (name.starts_with("w:")) {  // a word of the wording, not a field
            result += word(name.substr(2));
        } else {
            std::string value = get(name);
            referred = true;
            anyValue = anyValue || !value.empty();
            result += value;
        }
        at = close + 1;
    }
    if (allEmpty != nullptr) *allEmpty = referred && !anyValue;
    return result;
}

}  // namespace nusqa::render
