#include "domain/TablePrinter.h"

namespace nusqa {
namespace {

void appendField(std::string& out, const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void appendRecord(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += ',';
        appendField(out, fields[i]);
    }
    out += "\r\n";
}

}  // namespace

std::string csvOf(const ReportTable& table) {
    std::string out = "\xEF\xBB\xBF";
    appendRecord(out, table.columns);
    for (const auto& row : table.rows) appendRecord(out, row);
    return out;
}

Result<PrintedEdition> printTableSealed(const TablePrinter& printer, const SealingOptions& sealing,
                                        const ReportTable& table, const std::string& sha256) {
    if (sealing.sealer == nullptr) return printer.print(table);
    SealStamp stamp;
    stamp.sealedBy = sealing.sealer->sealedBy();
    SystemClock systemClock;
    stamp.epochSeconds = (sealing.clock != nullptr ? *sealing.clock : systemClock).epochSeconds();
    stamp.sealedAt = printedUtc(stamp.epochSeconds);
    stamp.editionId = 0;
    stamp.editionSha256 = sha256;
    stamp.printKind = "table";
    stamp.verifyUrl = verifyUrlOf(sealing.publicBaseUrl, 0, sha256);
    PrintedEdition printed = NUSQA_TRY(printer.print(table, &stamp));
    printed.pdf = NUSQA_TRY(sealing.sealer->seal(printed.pdf, printed.sealArea, stamp));
    return printed;
}

}  // namespace nusqa
