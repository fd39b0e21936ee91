// Done-when 1 and 2 of issue 6 on the four corpus documents, from their text
// and from their .docx: the XML is schema-valid, and the words of the source
// minus what the report lists (page furniture, generated parts, the lines
// that became <meta>) are exactly the words of the XML from <body> on.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "import/ImportSupport.h"
#include "import/detail/Utf8.h"
#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

namespace data = boost::unit_test::data;

const std::vector<std::string> kDocuments{"000", "001", "002", "003"};

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// Removes the words of `part` (a contiguous run) from `words`; false when absent.
bool removeRun(std::vector<std::string>& words, const std::vector<std::string>& part) {
    if (part.empty()) return true;
    auto found = std::search(words.begin(), words.end(), part.begin(), part.end());
    if (found == words.end()) return false;
    words.erase(found, found + static_cast<std::ptrdiff_t>(part.size()));
    return true;
}

// The corpus words minus the lines (or cells) the report lists as metadata
// or as dropped.
std::vector<std::string> expectedBodyWords(const import::ImportResult& result,
                                           const std::string& corpus, std::string& problems) {
    std::vector<std::string> source = lines(corpus);
    std::vector<std::vector<std::string>> perLine;
    for (const std::string& line : source) perLine.push_back(import::words(stripMarkup(line)));
    std::set<int> wholeLines;
    auto account = [&](const import::ReportLine& entry, const char* list) {
        if (entry.line < 1 || entry.line > static_cast<int>(perLine.size())) {
            problems += std::string(list) + " entry with line " + std::to_string(entry.line) + "\n";
            return;
        }
        if (entry.column < 0) {
            wholeLines.insert(entry.line);
        } else if (!removeRun(perLine[static_cast<std::size_t>(entry.line - 1)],
                              import::words(entry.text))) {
            problems += std::string(list) + " entry «" + entry.text + "» is not in line " +
                        std::to_string(entry.line) + "\n";
        }
    };
    for (const auto& entry : result.report.meta) account(entry, "meta");
    for (const auto& entry : result.report.dropped) account(entry, "dropped");
    std::vector<std::string> words;
    for (std::size_t i = 0; i < perLine.size(); ++i)
        if (!wholeLines.count(static_cast<int>(i + 1)))
            words.insert(words.end(), perLine[i].begin(), perLine[i].end());
    return words;
}

// Digits split from letters ("2019ж" -> "2019", "ж"), leading zeros dropped, lower case.
std::vector<std::string> metaTokens(const std::string& text) {
    std::vector<std::string> out;
    for (const std::string& word : import::words(text)) {
        std::string current;
        bool digits = false;
        auto flush = [&] {
            if (current.empty()) return;
            if (digits) {
                current.erase(0, std::min(current.find_first_not_of('0'), current.size() - 1));
            }
            out.push_back(import::lower(current));
            current.clear();
        };
        for (std::size_t at = 0; at < word.size();) {
            std::size_t start = at;
            bool digit = import::isDigit(import::decodeAt(word, at));
            if (digit != digits) flush();
            digits = digit;
            current.append(word.substr(start, at - start));
        }
        flush();
    }
    return out;
}

// Words the title page prints around the facts: labels, «ж.», case endings
// of the approving body, the spelled-out legal form of КЕАҚ.
const std::set<std::string>& labelWords() {
    static const std::set<std::string> words = [] {
        std::set<std::string> set;
        for (const char* text :
             {"БЕКІТЕМІН Дайындаған Келісілді Енгізілді ж орнына Қайта қаралуы басылым редакция "
              "дана АЛҒЫСӨЗ ӘЗІРЛЕНДІ КЕЛІСІЛДІ БЕКІТІЛДІ ЕНГІЗІЛДІ жылғы шешімімен тамыздағы "
              "Басқарманың редакцияның кітапханасында 1 2 3 4 КОММЕРЦИЯЛЫҚ ЕМЕС АКЦИОНЕРЛІК "
              "ҚОҒАМЫ"})
            for (const std::string& word : metaTokens(text)) set.insert(word);
        return set;
    }();
    return words;
}

std::string joined(const std::vector<std::string>& words, std::size_t from, std::size_t count) {
    std::string out;
    for (std::size_t i = from; i < words.size() && i < from + count; ++i) out += words[i] + " ";
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(corpus)

BOOST_DATA_TEST_CASE(imports_to_schema_valid_xml,
                     data::make(kDocuments) * data::make({false, true}), number, docx) {
    import::ImportResult result = importCorpus(number, docx);
    Status valid = validateEditionXml(result.xml);
    BOOST_TEST(valid.has_value(), (valid ? "" : valid.error().message));
    BOOST_TEST(result.report.format == (docx ? "docx" : "text"));
    BOOST_TEST(result.edition >= 1);
}

BOOST_DATA_TEST_CASE(text_words_are_the_xml_words, data::make(kDocuments), number) {
    import::ImportResult result = importCorpus(number, false);
    std::string problems;
    std::vector<std::string> expected =
        expectedBodyWords(result, readFile(corpusText(number)), problems);
    BOOST_TEST(problems.empty(), problems);
    std::vector<std::string> actual = xmlWords(result.xml);
    BOOST_TEST(expected.size() > 400u);
    auto [e, a] = std::mismatch(expected.begin(), expected.end(), actual.begin(), actual.end());
    std::size_t at = static_cast<std::size_t>(e - expected.begin());
    BOOST_TEST((e == expected.end() && a == actual.end()),
               number << ": the words differ at word " << at << " of " << expected.size()
                      << " (XML has " << actual.size() << "): source «" << joined(expected, at, 8)
                      << "» XML «" << joined(actual, at, 8) << "»");
}

BOOST_DATA_TEST_CASE(docx_words_are_the_text_words, data::make(kDocuments), number) {
    import::ImportResult text = importCorpus(number, false);
    import::ImportResult docx = importCorpus(number, true);
    std::vector<std::string> fromText = xmlWords(text.xml), fromDocx = xmlWords(docx.xml);
    std::string difference = firstDifference(fromText, fromDocx);
    BOOST_TEST(difference.empty(), number << ": " << difference);
    // What the reports set aside holds the same words too (in the .docx the
    // running header of 002 sits in the page header part).
    auto setAside = [](const import::ImportResult& result) {
        std::vector<std::string> words;
        for (const auto* list : {&result.report.meta, &result.report.dropped})
            for (const auto& entry : *list)
                for (std::string& word : import::words(entry.text))
                    words.push_back(std::move(word));
        std::sort(words.begin(), words.end());
        return words;
    };
    std::string asideDifference = firstDifference(setAside(text), setAside(docx));
    BOOST_TEST(asideDifference.empty(), number << ": set-aside words: " << asideDifference);
}

BOOST_DATA_TEST_CASE(metadata_lines_are_accounted_for_in_meta,
                     data::make(kDocuments) * data::make({false, true}), number, docx) {
    import::ImportResult result = importCorpus(number, docx);
    // Everything <meta> holds: text and attribute values (dates, numbers, codes).
    std::set<std::string> meta;
    for (const std::string& line : canonical(result.xml, {}, true, true, true)) {
        if (!line.starts_with("/meta")) continue;
        for (std::string& word : metaTokens(line.substr(line.find_first_of(" :"))))
            meta.insert(std::move(word));
    }
    std::string missing;
    for (const auto& entry : result.report.meta)
        for (const std::string& word : metaTokens(entry.text))
            if (!meta.count(word) && !labelWords().count(word))
                missing += "line " + std::to_string(entry.line) + " (" + entry.what + "): «" +
                           word + "»\n";
    BOOST_TEST(missing.empty(), number << (docx ? ".docx" : ".txt")
                                       << ": words of metadata lines not in <meta>:\n"
                                       << missing);
}

BOOST_AUTO_TEST_CASE(fixture_000_is_what_the_importer_makes) {
    // The hand-written fixture, meta included, from the text and from the .docx.
    std::vector<std::string> expected =
        canonical(readFile(fixture("000-wkatu-coworking.xml")), {}, true, true, true);
    for (bool docx : {false, true}) {
        import::ImportResult result = importCorpus("000", docx, "wkatu");
        std::string difference =
            firstDifference(expected, canonical(result.xml, {}, true, false, true));
        BOOST_TEST(difference.empty(), (docx ? "docx: " : "text: ") << difference);
    }
}

BOOST_AUTO_TEST_CASE(fixture_003_body_is_what_the_importer_makes) {
    // The body; the fixture's meta holds a code and title the quality office assigned.
    std::vector<std::string> expected = canonical(readFile(fixture("003-kru-software-dept.xml")));
    for (bool docx : {false, true}) {
        import::ImportResult result = importCorpus("003", docx);
        std::string difference = firstDifference(expected, canonical(result.xml, {}, true, false));
        BOOST_TEST(difference.empty(), (docx ? "docx: " : "text: ") << difference);
    }
}

BOOST_AUTO_TEST_CASE(fixture_002_excerpt_matches_the_import) {
    // The excerpt's meta, its risk and indicator tables and its forms list;
    // column widths are the fixture author's choice, not in the source.
    std::string fixtureXml = readFile(fixture("002-satbayev-excerpt.xml"));
    for (bool docx : {false, true}) {
        import::ImportResult result = importCorpus("002", docx, "satbayev");
        for (std::string eId : {"chp_6", "chp_7__tbl_1", "forms"}) {
            std::string difference = firstDifference(canonical(fixtureXml, eId, false, false),
                                                     canonical(result.xml, eId, false, false));
            BOOST_TEST(difference.empty(), (docx ? "docx " : "text ") << eId << ": " << difference);
        }
        std::vector<std::string> fixtureMeta, importedMeta;
        for (const std::string& line : canonical(fixtureXml, {}, true, true, true))
            if (line.starts_with("/meta")) fixtureMeta.push_back(line);
        for (const std::string& line : canonical(result.xml, {}, true, true, true))
            if (line.starts_with("/meta")) importedMeta.push_back(line);
        std::string difference = firstDifference(fixtureMeta, importedMeta);
        BOOST_TEST(difference.empty(), (docx ? "docx meta: " : "text meta: ") << difference);
    }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
