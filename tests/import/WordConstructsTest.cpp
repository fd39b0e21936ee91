// Done-when 4 of issue 16: Word's constructs that real files hold, each in
// a package written here the way Word writes it (the parts' XML by hand,
// not through LibreOffice): wide table columns, rows and cells inside
// content controls, rows that only continue vertical merges, text boxes
// (mc:AlternateContent with its VML fallback, w:pict), a document whose
// only text is in text boxes, Word's «o» and symbol-font bullets, display
// equations, tracked insertions, deletions and moves, footnotes and
// endnotes, a password-protected file, a document in neither language,
// repeated short lines, a table before the first chapter. Each imports to
// schema-valid XML, and the report never lists fewer lost words than the
// package's w:t words minus the XML's.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <regex>

#include "import/ImportSupport.h"
#include "import/detail/Utf8.h"
#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

const std::string kNamespaces =
    " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
    " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
    " xmlns:v=\"urn:schemas-microsoft-com:vml\""
    " xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\""
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
    " mc:Ignorable=\"w14\"";

const std::string kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

const std::string kRootRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"word/document.xml\"/></Relationships>";

std::string importWord(const std::string& text, const std::string& properties = {}) {
    return "<w:r>" + (properties.empty() ? "" : "<w:rPr>" + properties + "</w:rPr>") +
           "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

std::string para(const std::string& content, const std::string& properties = {}) {
    return "<w:p w14:paraId=\"1A2B3C4D\" xmlns:w14=\"http://schemas.microsoft.com/office/word/"
           "2010/wordml\">" +
           (properties.empty() ? "" : "<w:pPr>" + properties + "</w:pPr>") + content + "</w:p>";
}

std::string text(const std::string& words) {
    return para(importWord(words));
}

// A cell as Word writes it: width, then its paragraphs.
std::string cell(const std::string& content, const std::string& properties = {}) {
    return "<w:tc><w:tcPr><w:tcW w:w=\"4000\" w:type=\"dxa\"/>" + properties + "</w:tcPr>" +
           content + "</w:tc>";
}

std::string document(const std::string& body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document" +
           kNamespaces + "><w:body>" + body +
           "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";
}

// The opening every test document shares: a title and chapter 1 with a
// clause, so that the recogniser has a Kazakh document around the construct.
const std::string kOpening = para(importWord("ЕРЕЖЕ", "<w:b/>")) + text("1. ЖАЛПЫ ЕРЕЖЕЛЕР") +
                             text(
                                 "1.1. Осы ереже бөлімнің қызметін және оның міндеттерін "
                                 "анықтайды.");

struct Package {
    std::string body;
    std::vector<std::pair<std::string, std::string>> parts;  // besides document.xml
};

std::string packageBytes(const Package& package) {
    std::vector<std::pair<std::string, std::string>> parts{
        {"[Content_Types].xml", kContentTypes},
        {"_rels/.rels", kRootRels},
        {"word/document.xml", document(package.body)}};
    for (const auto& part : package.parts) parts.push_back(part);
    return zipPackage(parts);
}

// The words of the w:t (and m:t) elements of every part.
std::vector<std::string> packageWords(const Package& package) {
    static const std::regex element(R"(<([wm]):t(?:\s[^>]*)?>([^<]*)</\1:t>)");
    std::vector<std::string> out;
    std::vector<std::string> xmls{package.body};
    for (const auto& part : package.parts) xmls.push_back(part.second);
    for (const std::string& xml : xmls)
        for (std::sregex_iterator it(xml.begin(), xml.end(), element), end; it != end; ++it)
            for (std::string& word : import::words((*it)[2].str())) out.push_back(word);
    return out;
}

std::size_t reportedWords(const import::ImportResult& result) {
    std::size_t count = 0;
    for (const import::ReportLine& line : result.report.dropped)
        count += import::words(line.text).size();
    return count;
}

import::ImportResult importPackage(const Package& package, const std::string& name = "test.docx") {
    auto result = importer().importBytes(packageBytes(package), name, std::nullopt, {});
    if (!result) throw std::runtime_error(result.error().message);
    Status valid = validateEditionXml(result->xml);
    if (!valid) throw std::runtime_error("not schema-valid: " + valid.error().message);
    // None lost silently: what the XML lacks of the package's words, the
    // report lists.
    std::size_t source = packageWords(package).size();
    std::size_t xml = xmlWords(result->xml, true).size() + xmlWords(result->xml, false).size();
    BOOST_TEST(reportedWords(*result) + xml >= source,
               "the package has " << source << " words, the XML " << xml << ", the report lists "
                                  << reportedWords(*result));
    return std::move(*result);
}

std::string bodyText(const import::ImportResult& result) {
    std::string out;
    for (const std::string& word : xmlWords(result.xml, true)) out += word + " ";
    return out;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string notes(const import::ImportResult& result) {
    std::string out;
    for (const std::string& note : result.report.notes) out += note + "\n";
    return out;
}

std::vector<std::string> dropped(const import::ImportResult& result, const std::string& reason) {
    std::vector<std::string> out;
    for (const import::ReportLine& line : result.report.dropped)
        if (line.what == reason) out.push_back(line.text);
    return out;
}

// Word's text box: the DrawingML shape (wps) in mc:Choice and the same text
// as VML (v:textbox) in mc:Fallback, for readers before Word 2010.
std::string textBox(const std::string& words) {
    const std::string content = "<w:txbxContent>" + text(words) + "</w:txbxContent>";
    return "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
           "<wp:anchor distT=\"0\" distB=\"0\" distL=\"114300\" distR=\"114300\" "
           "simplePos=\"0\" relativeHeight=\"251659264\" behindDoc=\"0\" locked=\"0\" "
           "layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>"
           "<wp:extent cx=\"2360930\" cy=\"1404620\"/><wp:docPr id=\"217\" name=\"Text Box 2\"/>"
           "<a:graphic><a:graphicData "
           "uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
           "<wps:wsp><wps:cNvSpPr txBox=\"1\"/><wps:txbx>" +
           content +
           "</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
           "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id=\"Text Box 2\" "
           "o:spid=\"_x0000_s1026\" type=\"#_x0000_t202\" "
           "xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
           "style=\"position:absolute;width:185.9pt;height:110.6pt\"><v:textbox>" +
           content + "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>";
}

// Word's default bullets: «» in Symbol on level 0, «o» in Courier New on
// level 1, «» in Wingdings on level 2.
const std::string kBulletNumbering =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:numbering" + kNamespaces +
    "><w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
    "<w:lvlText w:val=\"\xEF\x82\xB7\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"720\" "
    "w:hanging=\"360\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\" "
    "w:hint=\"default\"/></w:rPr></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
    "<w:lvlText w:val=\"o\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"1440\" "
    "w:hanging=\"360\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier "
    "New\" w:cs=\"Courier New\" w:hint=\"default\"/></w:rPr></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
    "<w:lvlText w:val=\"\xEF\x82\xA7\"/><w:lvlJc w:val=\"left\"/><w:rPr><w:rFonts "
    "w:ascii=\"Wingdings\" w:hAnsi=\"Wingdings\" w:hint=\"default\"/></w:rPr></w:lvl>"
    "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

std::string bullet(const std::string& words, int level) {
    return para(importWord(words), "<w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"" +
                                       std::to_string(level) +
                                       "\"/><w:numId w:val=\"1\"/></w:numPr>");
}

// A compound file (OLE) header and directory sector naming streams, as
// Word's encrypted packages (EncryptionInfo, EncryptedPackage) and old
// .doc files (WordDocument) have them.
std::string compoundFile(const std::vector<std::string>& streams) {
    std::string header("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    header.resize(512, '\0');
    header[0x18] = 0x3E;                           // minor version
    header[0x1A] = 0x03;                           // major version 3
    header[0x1C] = '\xFE', header[0x1D] = '\xFF';  // byte order
    header[0x1E] = 0x09, header[0x20] = 0x06;      // sector and mini sector shifts
    header[0x2C] = 0x01;                           // one FAT sector
    header[0x30] = 0x01;                           // the directory starts at sector 1
    header[0x39] = 0x10;                           // mini stream cutoff 4096
    std::string fat(512, '\xFF');
    fat.replace(0, 8, std::string("\xFD\xFF\xFF\xFF\xFE\xFF\xFF\xFF", 8));
    std::string directory;
    std::vector<std::string> names{"Root Entry"};
    names.insert(names.end(), streams.begin(), streams.end());
    for (std::size_t i = 0; i < names.size(); ++i) {
        std::string entry(128, '\0');
        for (std::size_t k = 0; k < names[i].size(); ++k) entry[2 * k] = names[i][k];
        entry[0x40] = static_cast<char>(2 * (names[i].size() + 1));
        entry[0x42] = i == 0 ? 5 : 2;  // root storage, stream
        directory += entry;
    }
    directory.resize(512, '\0');
    for (std::size_t k = 0x4C; k < 0x4C + 109 * 4; ++k) header[k] = '\xFF';
    header[0x4C] = 0x00;  // the FAT is sector 0
    header[0x4D] = header[0x4E] = header[0x4F] = 0x00;
    return header + fat + directory;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(word_constructs)

BOOST_AUTO_TEST_CASE(wide_columns_are_written_as_integers) {
    Package package{kOpening +
                        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>"
                        "<w:tblGrid><w:gridCol w:w=\"1200\"/><w:gridCol w:w=\"12500\"/>"
                        "</w:tblGrid><w:tr>" +
                        cell(text("№")) + cell(text("Атауы")) + "</w:tr><w:tr>" + cell(text("1")) +
                        cell(text("Кең баған")) + "</w:tr></w:tbl>" + text("1.2. Соңғы тармақ."),
                    {}};
    import::ImportResult result = importPackage(package);
    BOOST_TEST(!has(result.xml, "e+"), "no exponent in the XML");
    std::vector<std::string> widths = xpathStrings(result.xml, "//d:table/d:cols/d:col/@width");
    BOOST_TEST_REQUIRE(widths.size() == 2u);
    BOOST_TEST(std::all_of(widths.begin(), widths.end(), [](const std::string& width) {
        return width.find_first_not_of("0123456789.") == std::string::npos;
    }));
}

BOOST_AUTO_TEST_CASE(rows_and_cells_in_content_controls_are_kept) {
    const std::string sdtRow =
        "<w:sdt><w:sdtPr><w:alias w:val=\"Жол\"/><w:id w:val=\"-1\"/></w:sdtPr><w:sdtContent>"
        "<w:tr>" +
        cell(text("1")) + cell(text("Бақылау жолы")) + "</w:tr></w:sdtContent></w:sdt>";
    const std::string sdtCells =
        "<w:tr><w:sdt><w:sdtPr><w:id w:val=\"7\"/></w:sdtPr><w:sdtContent>" + cell(text("2")) +
        cell(text("Бақылау ұяшығы")) + "</w:sdtContent></w:sdt></w:tr>";
    Package package{kOpening +
                        "<w:tbl><w:tblGrid><w:gridCol w:w=\"1000\"/><w:gridCol "
                        "w:w=\"8000\"/></w:tblGrid><w:tr>" +
                        cell(text("№")) + cell(text("Атауы")) + "</w:tr>" + sdtRow + sdtCells +
                        "</w:tbl>",
                    {}};
    import::ImportResult result = importPackage(package);
    BOOST_TEST(!has(result.xml, "<tr/>"));
    BOOST_TEST(xpathStrings(result.xml, "//d:table/d:tr/d:td[2]") ==
                   (std::vector<std::string>{"Бақылау жолы", "Бақылау ұяшығы"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rows_that_only_continue_merges_are_no_empty_rows) {
    const std::string restart = "<w:vMerge w:val=\"restart\"/>";
    const std::string merged = "<w:vMerge/>";
    Package package{kOpening +
                        "<w:tbl><w:tblGrid><w:gridCol w:w=\"4000\"/><w:gridCol w:w=\"4000\"/>"
                        "</w:tblGrid><w:tr>" +
                        cell(text("Процесс"), restart) + cell(text("Иесі"), restart) +
                        "</w:tr><w:tr>" + cell(para(""), merged) + cell(para(""), merged) +
                        "</w:tr><w:tr>" + cell(text("Сатып алу")) + cell(text("Кітапхана")) +
                        "</w:tr></w:tbl>",
                    {}};
    import::ImportResult result = importPackage(package);
    BOOST_TEST(!has(result.xml, "<tr/>"));
    BOOST_TEST(xpathNumber(result.xml, "count(//d:table//d:tr[not(d:td)])") == 0);
    BOOST_TEST(has(bodyText(result), "Сатып алу Кітапхана"));
    BOOST_TEST(has(notes(result), "joined to the row above"), notes(result));
}

BOOST_AUTO_TEST_CASE(text_boxes_are_carried_over_once) {
    Package package{kOpening +
                        para(importWord("1.2. Бөлімнің мекенжайы:") +
                             textBox("Сәтбаев көшесі 22 бас ғимарат")) +
                        text("1.3. Бөлім жұмыс кестесін жариялайды."),
                    {}};
    import::ImportResult result = importPackage(package);
    std::string body = bodyText(result);
    BOOST_TEST(has(body, "Сәтбаев көшесі 22 бас ғимарат"), body);
    // The VML fallback repeats the text: listed as a duplicate, not imported twice.
    BOOST_TEST(body.find("Сәтбаев") == body.rfind("Сәтбаев"), body);
    BOOST_TEST(dropped(result, "text-box-duplicate").size() == 1u);
    BOOST_TEST(has(notes(result), "text boxes carried over"), notes(result));
}

BOOST_AUTO_TEST_CASE(vml_text_box_alone_is_read) {
    const std::string pict =
        "<w:r><w:pict><v:shape id=\"_x0000_s1027\" type=\"#_x0000_t202\" "
        "style=\"width:200pt;height:50pt\"><v:textbox><w:txbxContent>" +
        text("Ескі нұсқадағы мәтін жолағы") +
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>";
    Package package{kOpening + para(pict), {}};
    import::ImportResult result = importPackage(package);
    BOOST_TEST(has(bodyText(result), "Ескі нұсқадағы мәтін жолағы"), bodyText(result));
}

BOOST_AUTO_TEST_CASE(a_document_of_text_boxes_only_imports) {
    Package package{para(textBox("1. ЖАЛПЫ ЕРЕЖЕЛЕР")) +
                        para(textBox("1.1. Осы ереже бөлімнің қызметін және оның міндеттерін "
                                     "анықтайды.")),
                    {}};
    import::ImportResult result = importPackage(package);
    BOOST_TEST(has(bodyText(result), "Осы ереже бөлімнің қызметін"), bodyText(result));
}

BOOST_AUTO_TEST_CASE(word_default_bullets_are_bullets) {
    Package package{kOpening + text("1.2. Бөлім келесі жүйелерді қолдайды:") +
                        bullet("Platonus жүйесі;", 0) + bullet("Windows CE құрылғылары;", 1) +
                        bullet("мобильді қосымша;", 2) + bullet("Moodle жүйесі.", 0),
                    {{"word/numbering.xml", kBulletNumbering}}};
    import::ImportResult result = importPackage(package);
    std::string body = bodyText(result);
    BOOST_TEST(!has(body, "o Windows"), body);
    BOOST_TEST(has(body, "Windows CE құрылғылары"), body);
    BOOST_TEST(xpathNumber(result.xml, "count(//d:list//d:item)") == 4);
    BOOST_TEST(xpathNumber(result.xml, "count(//d:item[starts-with(normalize-space(.), 'o ')])") ==
               0);
}

BOOST_AUTO_TEST_CASE(display_equations_become_text_with_a_note) {
    const std::string equation =
        "<m:oMathPara><m:oMath><m:r><m:t>K</m:t></m:r><m:r><m:t>=</m:t></m:r><m:f><m:num><m:r>"
        "<m:t>N</m:t></m:r></m:num><m:den><m:r><m:t>T</m:t></m:r></m:den></m:f></m:oMath>"
        "</m:oMathPara>";
    Package package{kOpening + text("1.2. Көрсеткіш келесі формуламен есептеледі:") +
                        para(equation) + text("мұнда N – берілген кітаптар саны."),
                    {}};
    import::ImportResult result = importPackage(package);
    std::string body = bodyText(result);
    BOOST_TEST(has(body, "K N T"), body);
    BOOST_TEST(has(notes(result), "equations carried over as plain text"), notes(result));
}

BOOST_AUTO_TEST_CASE(tracked_changes_are_accepted_with_notes) {
    const std::string change = " w:author=\"Айгүл\" w:date=\"2023-08-20T10:00:00Z\"";
    Package package{kOpening +
                        para(importWord("1.2. Бөлім ") + "<w:ins w:id=\"11\"" + change + ">" +
                             importWord("электрондық ") + "</w:ins><w:del w:id=\"12\"" + change +
                             "><w:r><w:delText>қағаз </w:delText></w:r></w:del>" +
                             importWord("каталогты жүргізеді.")) +
                        para("<w:moveFromRangeStart w:id=\"13\" w:name=\"move1\"" + change +
                             "/><w:moveFrom w:id=\"14\"" + change + ">" +
                             importWord("1.3. Каталог жыл сайын тексеріледі.") +
                             "</w:moveFrom><w:moveFromRangeEnd w:id=\"13\"/>") +
                        text("1.4. Бөлім есеп береді.") +
                        para("<w:moveToRangeStart w:id=\"15\" w:name=\"move1\"" + change +
                             "/><w:moveTo w:id=\"16\"" + change + ">" +
                             importWord("1.5. Каталог жыл сайын тексеріледі.") +
                             "</w:moveTo><w:moveToRangeEnd w:id=\"15\"/>"),
                    {}};
    import::ImportResult result = importPackage(package);
    std::string body = bodyText(result);
    BOOST_TEST(has(body, "Бөлім электрондық каталогты жүргізеді"), body);
    BOOST_TEST(!has(body, "қағаз"), body);
    BOOST_TEST(body.find("тексеріледі") == body.rfind("тексеріледі"),
               "the move kept once: " + body);
    BOOST_TEST(dropped(result, "tracked-deletion") == std::vector<std::string>{"қағаз"},
               boost::test_tools::per_element());
    BOOST_TEST(dropped(result, "tracked-move-source").size() == 1u);
    std::string all = notes(result);
    BOOST_TEST(has(all, "tracked insertions accepted"), all);
    BOOST_TEST(has(all, "tracked deletions left out"), all);
    BOOST_TEST(has(all, "tracked moves kept"), all);
}

BOOST_AUTO_TEST_CASE(footnotes_and_endnotes_follow_their_clause) {
    const std::string separators =
        "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p>"
        "</w:footnote><w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r>"
        "<w:continuationSeparator/></w:r></w:p></w:footnote>";
    const std::string footnotes =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:footnotes" + kNamespaces +
        ">" + separators + "<w:footnote w:id=\"1\">" +
        para("<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>" +
                 importWord(" ҚР Еңбек кодексі, 2015 жыл."),
             "<w:pStyle w:val=\"FootnoteText\"/>") +
        "</w:footnote><w:footnote w:id=\"2\">" + text("Ешбір жерде сілтенбеген ескерту.") +
        "</w:footnote></w:footnotes>";
    const std::string endnotes =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:endnotes" + kNamespaces +
        "><w:endnote w:id=\"1\">" +
        para("<w:r><w:endnoteRef/></w:r>" + importWord(" Соңғы ескертпе мәтіні.")) +
        "</w:endnote></w:endnotes>";
    Package package{
        kOpening + para(importWord("1.2. Бөлім еңбек заңнамасын сақтайды") +
                        "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>"
                        "<w:footnoteReference w:id=\"1\"/></w:r>" +
                        importWord(" және есеп береді") +
                        "<w:r><w:endnoteReference w:id=\"1\"/></w:r>" + importWord(".")),
        {{"word/footnotes.xml", footnotes}, {"word/endnotes.xml", endnotes}}};
    import::ImportResult result = importPackage(package);
    std::string body = bodyText(result);
    BOOST_TEST(has(body, "ҚР Еңбек кодексі 2015 жыл"), body);
    BOOST_TEST(has(body, "Соңғы ескертпе мәтіні"), body);
    BOOST_TEST(dropped(result, "footnote-not-cited") ==
                   std::vector<std::string>{"Ешбір жерде сілтенбеген ескерту."},
               boost::test_tools::per_element());
    BOOST_TEST(has(notes(result), "footnotes carried over"), notes(result));
}

BOOST_AUTO_TEST_CASE(an_encrypted_package_is_not_an_old_doc) {
    auto encrypted = importer().importBytes(compoundFile({"EncryptionInfo", "EncryptedPackage",
                                                          "\x06"
                                                          "DataSpaces"}),
                                            "locked.docx", std::nullopt, {});
    BOOST_TEST_REQUIRE(!encrypted.has_value());
    BOOST_TEST(has(encrypted.error().message, "encrypted"), encrypted.error().message);
    BOOST_TEST(has(encrypted.error().message, "remove the password"), encrypted.error().message);
    BOOST_TEST(!has(encrypted.error().message, ".doc "), encrypted.error().message);
    auto old = importer().importBytes(compoundFile({"WordDocument", "1Table"}), "old.docx",
                                      std::nullopt, {});
    BOOST_TEST_REQUIRE(!old.has_value());
    BOOST_TEST(!has(old.error().message, "encrypted"), old.error().message);
}

BOOST_AUTO_TEST_CASE(a_document_in_neither_language_is_refused_not_labelled_ru) {
    Package package{para(importWord("REGULATION", "<w:b/>")) + text("1. GENERAL PROVISIONS") +
                        text("1.1. This regulation defines the work of the department and its "
                             "duties."),
                    {}};
    auto result = importer().importBytes(packageBytes(package), "english.docx", std::nullopt, {});
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST(has(result.error().message, "language"), result.error().message);
    // Russian is recognised by its text, not by being «not Kazakh».
    Package russian{para(importWord("ПОЛОЖЕНИЕ", "<w:b/>")) + text("1. ОБЩИЕ ПОЛОЖЕНИЯ") +
                        text("1.1. Настоящее положение определяет порядок работы отдела и его "
                             "задачи, а также права и обязанности работников."),
                    {}};
    import::ImportResult ru = importPackage(russian);
    BOOST_TEST(xpathStrings(ru.xml, "//d:meta/d:language") == std::vector<std::string>{"ru"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(repeated_short_lines_in_the_body_stay) {
    std::string body = kOpening;
    for (int i = 2; i <= 5; ++i)
        body += text("1." + std::to_string(i) + ". Тексеру нәтижесі:") + text("Сәйкес келеді") +
                text("Тексерген: бөлім бастығы");
    Package package{body, {}};
    import::ImportResult result = importPackage(package);
    std::string words = bodyText(result);
    std::size_t seen = 0;
    for (std::size_t at = words.find("Сәйкес келеді"); at != std::string::npos;
         at = words.find("Сәйкес келеді", at + 1))
        ++seen;
    BOOST_TEST(seen == 4u, words);
    BOOST_TEST(dropped(result, "running-header").empty());
}

BOOST_AUTO_TEST_CASE(a_table_before_the_first_chapter_is_kept) {
    Package package{
        para(importWord("ЕРЕЖЕ", "<w:b/>")) + text("Құжаттың таралуы:") +
            "<w:tbl><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>"
            "<w:tr>" +
            cell(text("Бөлім")) + cell(text("Дана саны")) + "</w:tr><w:tr>" +
            cell(text("Кітапхана")) + cell(text("2")) + "</w:tr></w:tbl>" +
            text("1. ЖАЛПЫ ЕРЕЖЕЛЕР") +
            text("1.1. Осы ереже бөлімнің қызметін және оның міндеттерін анықтайды."),
        {}};
    import::ImportResult result = importPackage(package);
    BOOST_TEST(has(bodyText(result), "Кітапхана 2"), bodyText(result));
    BOOST_TEST(xpathNumber(result.xml, "count(//d:table)") == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nusqa::test
