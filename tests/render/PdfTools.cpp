#include "render/PdfTools.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace nusqa::test {
namespace {

std::u32string toU32(const std::string& text) {
    std::u32string result;
    for (std::size_t at = 0; at < text.size();) {
        unsigned char lead = static_cast<unsigned char>(text[at]);
        int length = lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : 4;
        char32_t c = length == 1 ? lead : lead & (0x7F >> length);
        for (int i = 1; i < length && at + static_cast<std::size_t>(i) < text.size(); ++i)
            c = (c << 6) |
                (static_cast<unsigned char>(text[at + static_cast<std::size_t>(i)]) & 0x3F);
        result += c;
        at += static_cast<std::size_t>(length);
    }
    return result;
}

std::string toUtf8(const std::u32string& text) {
    std::string result;
    for (char32_t c : text) {
        if (c < 0x80)
            result += static_cast<char>(c);
        else if (c < 0x800) {
            result += static_cast<char>(0xC0 | (c >> 6));
            result += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            result += static_cast<char>(0xE0 | (c >> 12));
            result += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            result += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            result += static_cast<char>(0xF0 | (c >> 18));
            result += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            result += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            result += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return result;
}

char32_t lower(char32_t c) {
    if (c >= U'A' && c <= U'Z') return c + 0x20;
    if (c >= 0x410 && c <= 0x42F) return c + 0x20;
    if (c >= 0x400 && c <= 0x40F) return c + 0x50;
    if (c >= 0x460 && c <= 0x4BF) return (c & 1) ? c : c + 1;
    if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) ? c + 1 : c;
    if (c >= 0x4D0 && c <= 0x4FF) return (c & 1) ? c : c + 1;
    return c;
}

void add(std::vector<std::string>& words, const std::string& text) {
    for (std::string& word : splitWords(text)) words.push_back(std::move(word));
}

void addBlocks(std::vector<std::string>& words, const std::vector<content::Block>& blocks);

void addDivision(std::vector<std::string>& words, const content::Division& division) {
    add(words, division.num);
    add(words, content::plainText(division.heading));
    addBlocks(words, division.children);
}

void addBlocks(std::vector<std::string>& words, const std::vector<content::Block>& blocks) {
    for (const content::Block& block : blocks) {
        if (const auto* p = std::get_if<content::Paragraph>(&block.value)) {
            add(words, content::plainText(p->text));
        } else if (const auto* list = std::get_if<content::List>(&block.value)) {
            for (const content::ListItem& item : list->items) {
                add(words, item.num);
                addBlocks(words, item.blocks);
            }
        } else if (const auto* table = std::get_if<content::Table>(&block.value)) {
            add(words, content::plainText(table->caption));
            for (const auto* rows : {&table->headerRows, &table->rows})
                for (const content::Row& row : *rows)
                    for (const content::Cell& cell : row.cells) addBlocks(words, cell.blocks);
        } else if (const auto* entries = std::get_if<content::EntryList>(&block.value)) {
            add(words, content::plainText(entries->heading));
            for (const content::Entry& entry : entries->entries) {
                add(words, entry.num);
                add(words, content::plainText(entry.name));
                add(words, content::plainText(entry.text));
            }
        } else if (const auto* division = std::get_if<content::Division>(&block.value)) {
            addDivision(words, *division);
        }
    }
}

// Header rows of tables are printed again on every page a table continues on.
void addHeaderRows(std::set<std::string>& words, const std::vector<content::Block>& blocks) {
    for (const content::Block& block : blocks) {
        if (const auto* table = std::get_if<content::Table>(&block.value)) {
            std::vector<std::string> cellWords;
            for (const content::Row& row : table->headerRows)
                for (const content::Cell& cell : row.cells) addBlocks(cellWords, cell.blocks);
            for (const std::string& word : cellWords) words.insert(fold(word));
            for (const auto* rows : {&table->headerRows, &table->rows})
                for (const content::Row& row : *rows)
                    for (const content::Cell& cell : row.cells) addHeaderRows(words, cell.blocks);
        } else if (const auto* division = std::get_if<content::Division>(&block.value)) {
            addHeaderRows(words, division->children);
        } else if (const auto* list = std::get_if<content::List>(&block.value)) {
            for (const content::ListItem& item : list->items) addHeaderRows(words, item.blocks);
        }
    }
}

void addTemplate(std::set<std::string>& words, const std::string& text) {
    static const std::regex field("\\{[^}]*\\}");
    for (const std::string& word : splitWords(std::regex_replace(text, field, " ")))
        words.insert(fold(word));
}

}  // namespace

std::string runCommand(const std::string& command) {
    std::string output;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
    std::array<char, 65536> buffer;
    std::size_t count;
    while ((count = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        output.append(buffer.data(), count);
    pclose(pipe);
    return output;
}

int pdfPageCount(const std::filesystem::path& pdf) {
    std::string info = runCommand("pdfinfo '" + pdf.string() + "'");
    std::smatch match;
    if (!std::regex_search(info, match, std::regex("Pages:\\s+(\\d+)")))
        throw std::runtime_error("pdfinfo gave no page count: " + info);
    return std::stoi(match[1]);
}

std::string pdfText(const std::filesystem::path& pdf, int first, int last, bool raw) {
    return runCommand("pdftotext -q -enc UTF-8 " + std::string(raw ? "-raw " : "") + "-f " +
                      std::to_string(first) + " -l " + std::to_string(last) + " '" + pdf.string() +
                      "' -");
}

std::vector<PdfWord> pdfWords(const std::filesystem::path& pdf, int first, int last) {
    std::istringstream lines(runCommand("pdftotext -q -enc UTF-8 -raw -bbox -f " +
                                        std::to_string(first) + " -l " + std::to_string(last) +
                                        " '" + pdf.string() + "' -"));
    static const std::regex word(
        "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" "
        "yMax=\"([0-9.]+)\">(.*)</word>");
    std::vector<PdfWord> words;
    int page = first - 1;
    std::string line;
    while (std::getline(lines, line)) {
        if (line.find("<page ") != std::string::npos) ++page;
        std::smatch match;
        if (!std::regex_search(line, match, word)) continue;
        std::string text = match[5];
        for (auto [entity, character] :
             {std::pair{"&lt;", "<"}, std::pair{"&gt;", ">"}, std::pair{"&quot;", "\""},
              std::pair{"&apos;", "'"}, std::pair{"&amp;", "&"}})
            for (std::size_t at = text.find(entity); at != std::string::npos;
                 at = text.find(entity, at + 1))
                text.replace(at, std::string(entity).size(), character);
        words.push_back({page, std::stod(match[1]), std::stod(match[2]), std::stod(match[3]),
                         std::stod(match[4]), text});
    }
    return words;
}

std::vector<PdfFont> pdfFonts(const std::filesystem::path& pdf) {
    std::istringstream lines(runCommand("pdffonts '" + pdf.string() + "'"));
    std::vector<PdfFont> fonts;
    std::string line;
    int row = 0;
    // name type encoding emb sub uni object ID; type may be two words.
    static const std::regex pattern(
        "^(\\S+)\\s+(.+?)\\s+(\\S+)\\s+(yes|no)\\s+(yes|no)\\s+(yes|no)\\s+\\d+\\s+\\d+\\s*$");
    while (std::getline(lines, line)) {
        if (row++ < 2) continue;  // heading and dashes
        std::smatch match;
        if (!std::regex_match(line, match, pattern))
            throw std::runtime_error("unexpected pdffonts line: " + line);
        fonts.push_back({match[1], match[2], match[3], match[4] == "yes", match[5] == "yes",
                         match[6] == "yes"});
    }
    return fonts;
}

std::vector<std::string> pageContentStreams(const std::filesystem::path& pdf,
                                            const std::filesystem::path& scratch) {
    std::filesystem::path qdf = scratch / (pdf.stem().string() + ".qdf.pdf");
    runCommand("qpdf --qdf --object-streams=disable '" + pdf.string() + "' '" + qdf.string() + "'");
    std::ifstream in(qdf, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string text = bytes.str();
    std::vector<std::string> streams;
    static const std::regex marker("%% Contents for page (\\d+)");
    auto begin = std::sregex_iterator(text.begin(), text.end(), marker);
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        std::size_t start = text.find("stream\n", static_cast<std::size_t>(it->position()));
        std::size_t end = text.find("endstream", start);
        if (start == std::string::npos || end == std::string::npos) continue;
        streams.push_back(text.substr(start + 7, end - start - 7));
    }
    return streams;
}

// No-break spaces (as in «01.03.2026 ж.») count as spaces.
std::string withPlainSpaces(const std::string& text) {
    std::string result;
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (text.compare(at, 2, "\xC2\xA0") == 0) {
            result += ' ';
            ++at;
        } else {
            result += text[at];
        }
    }
    return result;
}

std::string normalise(const std::string& text) {
    std::string result;
    bool space = false;
    for (char c : withPlainSpaces(text)) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = !result.empty();
            continue;
        }
        if (space && result.back() != '-') result += ' ';
        space = false;
        result += c;
    }
    return result;
}

std::string fold(const std::string& text) {
    std::u32string wide = toU32(text);
    for (char32_t& c : wide) c = lower(c);
    return toUtf8(wide);
}

std::vector<std::string> splitWords(const std::string& text) {
    std::vector<std::string> words;
    std::istringstream in(withPlainSpaces(text));
    std::string word;
    while (in >> word) words.push_back(word);
    return words;
}

std::vector<std::string> expectedBodyWords(const content::Content& content) {
    std::vector<std::string> words;
    addBlocks(words, content.body);
    if (content.forms) {
        add(words, content::plainText(content.forms->heading));
        for (const content::Form& form : content.forms->forms) {
            add(words, form.num);
            add(words, form.code);
            add(words, content::plainText(form.name));
        }
    }
    for (const content::Division& annex : content.annexes) addDivision(words, annex);
    return words;
}

std::set<std::string> furnitureWords(const content::Content& content,
                                     const profile::Profile& profile) {
    std::set<std::string> words{"–", "-", "—", "|"};
    for (const auto& [language, wording] : profile.wording)
        for (const auto& [key, text] : wording) addTemplate(words, text);
    for (const profile::TemplateRow& row : profile.header.rows)
        for (const profile::TemplateCell& cell : row.cells) addTemplate(words, cell.text);
    addTemplate(words, profile.footer);
    addHeaderRows(words, content.body);
    for (const content::Division& annex : content.annexes) addHeaderRows(words, annex.children);
    const content::Meta& meta = content.meta;
    for (const std::string& field :
         {meta.organisation, meta.kindTitle, meta.title, meta.code, meta.unit,
          meta.copyNumber.value_or(""), meta.approval ? meta.approval->name : ""})
        for (const std::string& word : splitWords(field)) words.insert(fold(word));
    return words;
}

namespace {

std::string unhyphenated(std::string word) {
    std::erase(word, '-');
    return word;
}

// Where token continues want from pos: the whole rest, or (ending a line in
// a hyphen) a piece of it — the hyphen the word's own, or one drawn at a
// hyphenation point (not in the word). Returns the new position, or npos.
std::size_t continueWord(const std::string& want, std::size_t pos, const std::string& token,
                         bool& complete) {
    complete = false;
    if (want.compare(pos, std::string::npos, token) == 0) {
        complete = true;
        return want.size();
    }
    if (token.size() < 2 || token.back() != '-') return std::string::npos;
    if (want.compare(pos, token.size(), token) == 0) return pos + token.size();
    std::size_t piece = token.size() - 1;
    if (want.compare(pos, piece, token, 0, piece) == 0 && pos + piece < want.size() &&
        want[pos + piece] != '-')
        return pos + piece;
    return std::string::npos;
}

}  // namespace

std::string matchInOrder(const std::vector<std::string>& expected,
                         const std::vector<std::string>& actual,
                         const std::set<std::string>& rawFurniture) {
    static const std::regex numberLike("^[0-9.,:;«»()№\\-]+(-?і|-?ші|-?сі)?[.,;:»]?$");
    std::vector<std::string> folded;  // hyphens kept: words join only at line-end hyphens
    std::vector<std::string> plain;   // without hyphens, for furniture
    for (const std::string& word : actual) {
        folded.push_back(fold(word));
        plain.push_back(unhyphenated(folded.back()));
    }
    std::set<std::string> furniture;
    for (const std::string& word : rawFurniture) furniture.insert(unhyphenated(word));
    // A furniture word broken inside a narrow cell comes as several tokens.
    auto furnitureAt = [&](std::size_t s) -> std::size_t {
        std::string joined;
        for (std::size_t k = s; k < plain.size() && k < s + 4; ++k) {
            joined += plain[k];
            if (furniture.count(joined) || std::regex_match(joined, numberLike)) return k - s + 1;
        }
        return 0;
    };
    // The end of want matched from token j on (furniture — the running
    // header of a new page, a table's repeated header — may come between
    // the pieces of a word hyphenated at a line end); 0 when it does not.
    auto matchFrom = [&](const std::string& want, std::size_t j) -> std::size_t {
        std::size_t pos = 0;
        std::size_t k = j;
        while (k < folded.size()) {
            bool complete = false;
            pos = continueWord(want, pos, folded[k], complete);
            if (pos == std::string::npos) return 0;
            ++k;
            if (complete) return k;
            for (std::size_t hops = 0; hops < 40 && k < folded.size(); ++hops) {
                bool complete2 = false;
                if (continueWord(want, pos, folded[k], complete2) != std::string::npos) break;
                std::size_t skip = furnitureAt(k);
                if (skip == 0) return 0;
                k += skip;
            }
        }
        return 0;
    };
    std::size_t at = 0;
    for (std::size_t e = 0; e < expected.size(); ++e) {
        std::string want = fold(expected[e]);
        bool found = false;
        for (std::size_t j = at; j < folded.size() && j < at + 600 && !found; ++j) {
            std::size_t end = matchFrom(want, j);
            if (end == 0) continue;
            for (std::size_t s = at; s < j; ++s) {
                if (std::size_t skip = furnitureAt(s); skip > 0) {
                    s += skip - 1;
                    continue;
                }
                std::string context;
                for (std::size_t c = e >= 3 ? e - 3 : 0; c <= e; ++c) context += expected[c] + " ";
                return "unexpected «" + actual[s] + "» before expected word #" + std::to_string(e) +
                       " «" + expected[e] + "» (after: " + context + ")";
            }
            at = end;
            found = true;
        }
        if (!found) {
            std::string near;
            for (std::size_t c = at; c < folded.size() && c < at + 12; ++c) near += actual[c] + " ";
            return "expected word #" + std::to_string(e) + " «" + expected[e] +
                   "» not found; the text goes on: " + near;
        }
    }
    return {};
}

}  // namespace nusqa::test
