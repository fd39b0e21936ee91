// The Word reader on small packages written here: automatic numbering
// (multi-level, overrides, restarts, letters, roman, bullets), heading
// styles, formatting, tables with merged cells, page headers and footers.
#include <boost/test/unit_test.hpp>

#include "import/ImportSupport.h"

namespace nusqa::test {
namespace {

const std::string kW = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

std::string document(const std::string& body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " + kW + "><w:body>" + body +
           "</w:body></w:document>";
}

std::string paragraph(const std::string& text, const std::string& properties = {},
                      const std::string& run = {}) {
    return "<w:p><w:pPr>" + properties + "</w:pPr><w:r><w:rPr>" + run +
           "</w:rPr><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

std::string numbered(const std::string& text, int numId, int level) {
    return paragraph(text, "<w:numPr><w:ilvl w:val=\"" + std::to_string(level) +
                               "\"/><w:numId w:val=\"" + std::to_string(numId) + "\"/></w:numPr>");
}

std::string level(int index, const std::string& format, const std::string& text, int start = 1) {
    return "<w:lvl w:ilvl=\"" + std::to_string(index) + "\"><w:start w:val=\"" +
           std::to_string(start) + "\"/><w:numFmt w:val=\"" + format + "\"/><w:lvlText w:val=\"" +
           text + "\"/></w:lvl>";
}

const std::string kNumbering =
    "<w:numbering " + kW + ">" + "<w:abstractNum w:abstractNumId=\"0\">" +
    level(0, "decimal", "%1.") + level(1, "decimal", "%1.%2.") + level(2, "decimal", "%1.%2.%3.") +
    "</w:abstractNum>" + "<w:abstractNum w:abstractNumId=\"1\">" + level(0, "decimal", "%1)") +
    level(1, "russianLower", "%2)") + "</w:abstractNum>" + "<w:abstractNum w:abstractNumId=\"2\">" +
    level(0, "upperRoman", "%1.") + level(1, "bullet", "\xEF\x82\xB7") + "</w:abstractNum>" +
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>" +
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>" +
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride "
    "w:ilvl=\"0\"><w:startOverride w:val=\"1\"/>"
    "</w:lvlOverride></w:num>" +
    "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"2\"/></w:num>" +
    "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride "
    "w:ilvl=\"0\"><w:startOverride w:val=\"7\"/>"
    "</w:lvlOverride></w:num>" +
    "</w:numbering>";

const std::string kStyles =
    "<w:styles " + kW + ">" +
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style>" +
    "<w:style w:type=\"paragraph\" w:styleId=\"Sub\"><w:name w:val=\"Sub\"/><w:basedOn "
    "w:val=\"Heading1\"/>"
    "<w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>" +
    "<w:style w:type=\"paragraph\" w:styleId=\"Clause\"><w:name w:val=\"Clause\"/><w:pPr><w:numPr>"
    "<w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>" +
    "</w:styles>";

import::SourceDocument read(const std::string& body, bool withHeader = false) {
    std::vector<std::pair<std::string, std::string>> parts{{"word/document.xml", document(body)},
                                                           {"word/numbering.xml", kNumbering},
                                                           {"word/styles.xml", kStyles}};
    if (withHeader) {
        parts.push_back(
            {"word/header1.xml", "<w:hdr " + kW + ">" + paragraph("ҚП 082-2022") + "</w:hdr>"});
        parts.push_back({"word/footer1.xml",
                         "<w:ftr " + kW +
                             "><w:p><w:r><w:t>9 беттің </w:t></w:r>"
                             "<w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>1-і</w:t></w:r>"
                             "</w:p></w:ftr>"});
    }
    import::docx::DocxPackageReader reader;
    auto source = reader.read(zipPackage(parts), "test.docx");
    if (!source) throw std::runtime_error(source.error().message);
    return std::move(*source);
}

std::vector<std::string> numbers(const import::SourceDocument& source) {
    std::vector<std::string> out;
    for (const import::SourceBlock& block : source.blocks)
        if (!block.isTable()) out.push_back(block.paragraph().number);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(docx_reader)

BOOST_AUTO_TEST_CASE(automatic_numbers_come_back_as_printed) {
    import::SourceDocument source =
        read(numbered("Жалпы ережелер", 1, 0) + numbered("Бірінші", 1, 1) + numbered("Ішкі", 1, 2) +
             numbered("Екінші", 1, 1) + numbered("Мақсаты", 1, 0) + numbered("Тармақ", 1, 1) +
             paragraph("style numbering", "<w:pStyle w:val=\"Clause\"/>") +  // 2.2. from the style
             numbered("бір", 2, 0) + numbered("а", 2, 1) + numbered("ә", 2, 1) +
             numbered("екі", 2, 0) + numbered("қайта", 3, 0) + numbered("рим", 4, 0) +
             numbered("рим", 4, 0) + numbered("буллет", 4, 1) + numbered("жеті", 5, 0) +
             paragraph("none", "<w:numPr><w:numId w:val=\"0\"/></w:numPr>"));
    BOOST_TEST(numbers(source) == (std::vector<std::string>{"1.", "1.1.", "1.1.1.", "1.2.", "2.",
                                                            "2.1.", "2.2.", "1)", "а)", "б)", "2)",
                                                            "1)", "I.", "II.", "•", "7.", ""}),
               boost::test_tools::per_element());
    BOOST_TEST(source.blocks[14].paragraph().bullet);
}

BOOST_AUTO_TEST_CASE(heading_styles_give_levels) {
    import::SourceDocument source =
        read(paragraph("Бірінші тарау", "<w:pStyle w:val=\"Heading1\"/>") +
             paragraph("Бөлім", "<w:pStyle w:val=\"Sub\"/>") + paragraph("Мәтін") +
             paragraph("Own outline", "<w:outlineLvl w:val=\"2\"/>"));
    std::vector<int> levels;
    for (const auto& block : source.blocks) levels.push_back(block.paragraph().headingLevel);
    BOOST_TEST(levels == (std::vector<int>{1, 2, 0, 3}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(formatting_tabs_breaks_fields_and_revisions) {
    std::string body =
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Қалың</w:t></w:r><w:r><w:rPr><w:i/></"
        "w:rPr><w:t>көлбеу</w:t></w:r>"
        "<w:r><w:rPr><w:u w:val=\"single\"/></w:rPr><w:t>асты</w:t></w:r><w:r><w:rPr><w:b "
        "w:val=\"0\"/></w:rPr>"
        "<w:tab/><w:t>жай</w:t><w:br/><w:t>жол</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>жасырын</w:t></w:r>"
        "<w:del><w:r><w:delText>өшірілген</w:delText></w:r></w:del><w:ins><w:r><w:t> "
        "қосылған</w:t></w:r></w:ins>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>5</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "<w:hyperlink><w:r><w:t> сілтеме</w:t></w:r></w:hyperlink><w:r><w:drawing/></w:r></w:p>";
    import::SourceDocument source = read(body);
    const auto& runs = source.blocks.front().paragraph().runs;
    BOOST_TEST_REQUIRE(runs.size() >= 5u);
    BOOST_TEST(runs[0].text == "Қалың");
    BOOST_TEST(runs[0].bold);
    BOOST_TEST(runs[1].italic);
    BOOST_TEST(runs[2].underline);
    BOOST_TEST(source.blocks.front().paragraph().text() ==
               "Қалыңкөлбеуасты\tжай\nжол қосылған5 сілтеме");
    // The drawing, the hidden run and the tracked changes are in the notes;
    // the hidden and the deleted text is listed.
    BOOST_TEST(source.notes.size() == 4u);
    std::vector<std::string> skipped;
    for (const import::SkippedText& text : source.skipped)
        skipped.push_back(text.reason + ": " + text.text);
    BOOST_TEST(skipped == (std::vector<std::string>{"hidden-text: жасырын",
                                                    "tracked-deletion: өшірілген"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(merged_cells_become_spans) {
    auto cell = [](const std::string& text, const std::string& properties = {}) {
        return "<w:tc><w:tcPr>" + properties + "</w:tcPr>" + paragraph(text) + "</w:tc>";
    };
    std::string table =
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"3000\"/><w:gridCol "
        "w:w=\"3000\"/></w:tblGrid>"
        "<w:tr>" +
        cell("№") + cell("А") + cell("Б") +
        "</w:tr>"
        "<w:tr>" +
        cell("1", "<w:vMerge w:val=\"restart\"/>") +
        cell("екі бағанға", "<w:gridSpan w:val=\"2\"/>") +
        "</w:tr>"
        "<w:tr>" +
        cell("", "<w:vMerge/>") + cell("x") + cell("y") +
        "</w:tr>"
        "<w:tr>" +
        cell("", "<w:vMerge/>") + "<w:tc>" + paragraph("ішкі") + "<w:tbl><w:tr>" + cell("кесте") +
        "</w:tr></w:tbl></w:tc>" + cell("z") + "</w:tr></w:tbl>";
    import::SourceDocument source = read(table);
    BOOST_TEST_REQUIRE(source.blocks.front().isTable());
    const import::SourceTable& t = source.blocks.front().table();
    BOOST_TEST(t.columnWidths == (std::vector<double>{1000, 3000, 3000}),
               boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(t.rows.size() == 4u);
    BOOST_TEST(t.rows[1].cells[0].rowspan == 3);
    BOOST_TEST(t.rows[1].cells[1].colspan == 2);
    BOOST_TEST(t.rows[2].cells.size() == 2u);  // the merged cell is not repeated
    BOOST_TEST(t.rows[3].cells[0].text() ==
               "ішкі\nкесте");  // a nested table flattened into its cell
}

BOOST_AUTO_TEST_CASE(page_headers_and_footers_are_furniture) {
    import::SourceDocument source = read(paragraph("Мәтін"), true);
    BOOST_TEST_REQUIRE(source.skipped.size() == 2u);
    BOOST_TEST(source.skipped[0].reason == "page-footer");
    BOOST_TEST(source.skipped[0].text == "9 беттің 1-і");  // the field code PAGE is not text
    BOOST_TEST(source.skipped[1].reason == "page-header");
    BOOST_TEST(source.skipped[1].text == "ҚП 082-2022");
}

BOOST_AUTO_TEST_CASE(a_recovered_number_structures_the_document) {
    // Numbers only Word's numbering prints: chapters and clauses still come out.
    std::string body = paragraph("Жалпы ережелер",
                                 "<w:pStyle w:val=\"Heading1\"/><w:numPr><w:ilvl w:val=\"0\"/>"
                                 "<w:numId w:val=\"1\"/></w:numPr>") +
                       numbered("Осы ереже бөлімнің жұмысын белгілейді.", 1, 1) +
                       numbered("Бөлім ректорға бағынады:", 1, 1) + numbered("оқу ісі;", 1, 2);
    import::docx::DocxPackageReader reader;
    auto result = importer().importBytes(zipPackage({{"word/document.xml", document(body)},
                                                     {"word/numbering.xml", kNumbering},
                                                     {"word/styles.xml", kStyles}}),
                                         "numbers.docx", std::nullopt, {});
    BOOST_TEST_REQUIRE(result.has_value(), (result ? "" : result.error().message));
    BOOST_TEST(xpathStrings(result->xml, "//d:chapter/d:num") == std::vector<std::string>{"1."},
               boost::test_tools::per_element());
    BOOST_TEST(xpathStrings(result->xml, "//d:clause/@eId") ==
                   (std::vector<std::string>{"chp_1__cl_1_1", "chp_1__cl_1_2"}),
               boost::test_tools::per_element());
    BOOST_TEST(
        xpathStrings(result->xml, "//d:subclause/d:num") == std::vector<std::string>{"1.2.1."},
        boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
