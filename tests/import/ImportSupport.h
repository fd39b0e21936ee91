// Helpers of the importer's tests: the corpus, the committed .docx files,
// an Importer wired like the application's, words of the corpus and of XML
// as tests/fixtures/check_complete.py takes them, and a canonical view of
// XML elements for comparisons with the hand-written fixtures.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "import/Importer.h"
#include "import/docx/DocxReader.h"
#include "xml/XmlEditionCodec.h"

namespace nusqa::test {

// The corpus of real documents, tests/fixtures/corpus.
std::filesystem::path corpusDir();
// The corpus file whose name starts with number ("000"), and its .docx
// made once with LibreOffice (tests/fixtures/import).
std::filesystem::path corpusText(const std::string& number);
std::filesystem::path corpusDocx(const std::string& number);
// ... and as PDF printed from that .docx (tests/fixtures/import/pdf).
std::filesystem::path corpusPdf(const std::string& number);

// One Importer per process, wired as the application wires it (the PDF
// reader's worker is this test executable: see ImportTestMain.cpp).
const import::Importer& importer();

// Imports a corpus document; throws std::runtime_error with the error.
import::ImportResult importCorpus(const std::string& number, bool docx,
                                  const std::string& profile = {});
// Imports a corpus document's PDF (corpusPdf); throws as importCorpus.
import::ImportResult importCorpusPdf(const std::string& number);

// The <meta> of the XML as "element attrs: text" lines for comparisons.
std::vector<std::string> metaLines(const std::string& xml);

// The corpus line with the extraction markup removed as check_complete.py
// removes it (\_ ** # | and HTML-ish tags).
std::string stripMarkup(const std::string& line);

// Words of XML text nodes: from <body> on (fromBody) or of <meta> only,
// split at element boundaries, in document order.
std::vector<std::string> xmlWords(const std::string& xml, bool fromBody = true);

// Every element of the XML (from the element with this eId, or from the
// root's children after <meta> when eId is empty) as "path attrs: text"
// lines with whitespace collapsed; eIds left out when withEIds is false and
// <cols> left out when withCols is false.
std::vector<std::string> canonical(const std::string& xml, const std::string& eId = {},
                                   bool withEIds = true, bool withCols = true,
                                   bool withMeta = false);

// XPath over the XML with the prefix d bound to urn:nusqa:document:1:
// xpathNumber(xml, "count(//d:chapter)"), xpathStrings(xml, "//d:clause/d:num").
double xpathNumber(const std::string& xml, const std::string& expression);
std::vector<std::string> xpathStrings(const std::string& xml, const std::string& expression);

// The first difference of two line lists, for messages ("" when equal).
std::string firstDifference(const std::vector<std::string>& expected,
                            const std::vector<std::string>& actual);

// A .docx package made of (part name, bytes) pairs with Poco::Zip.
std::string zipPackage(const std::vector<std::pair<std::string, std::string>>& parts);

}  // namespace nusqa::test
