// ReportTable: one table of a report (a section of the certification-audit
// package): a title, column names and rows of text. It is written twice —
// as CSV for analysis (csvOf) and as a sealed PDF for reading, through the
// TablePrinter port (implemented by render/ReportPrinter on the layout
// engine, so Kazakh and Russian print with the embedded fonts).
//
// CSV: UTF-8 WITH a byte-order mark (spreadsheet programs then read Kazakh
// and Russian text as UTF-8 without asking), CRLF line ends, RFC 4180
// quoting (a field with a comma, quote, CR or LF is quoted, quotes doubled),
// the first record the column names.
//
// Thread safety: TablePrinter implementations must be thread-safe; csvOf and
// printTableSealed are pure (printTableSealed as thread-safe as its ports).
#pragma once

#include <string>
#include <vector>

#include "domain/EditionPrinter.h"
#include "domain/Error.h"
#include "domain/Sealing.h"

namespace nusqa {

struct ReportTable {
    std::string name;                // file stem in the package: "register-in-force"
    std::string title;               // printed heading
    std::vector<std::string> notes;  // lines printed under the heading (period, filters)
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;  // each as many cells as columns
};

// The table as CSV (see above).
std::string csvOf(const ReportTable& table);

class TablePrinter {
public:
    virtual ~TablePrinter() = default;
    // The table as a PDF (title, notes, the table with its header row
    // repeated on every page, «page M of N»); with seal, the visible seal
    // block on the last page. Internal when printing fails.
    virtual Result<PrintedEdition> print(const ReportTable& table,
                                         const SealStamp* seal = nullptr) const = 0;
};

// Prints the table and seals it (as printSealed does for editions): the
// stamp binds sha256, the SHA-256 of the table's CSV, so the printed table
// can be held against its CSV. Unsealed when sealing.sealer is null.
Result<PrintedEdition> printTableSealed(const TablePrinter& printer, const SealingOptions& sealing,
                                        const ReportTable& table, const std::string& sha256);

}  // namespace nusqa
