// ReportPrinter: the TablePrinter of Nusqa (domain/TablePrinter.h) — a
// report table printed on the layout engine with the fonts of the "default"
// organisation profile (Kazakh and Russian embedded, text extracts exactly):
// the title and notes on the first page, the table with its header row
// repeated on every page, a running header with the title and «N беттің
// M-і», the seal block on the last page. Tables of more than six columns
// are printed on landscape pages.
//
// Thread safety: print() may run on any number of threads at once.
#pragma once

#include <filesystem>

#include "domain/Profile.h"
#include "domain/TablePrinter.h"

namespace nusqa::render {

class ReportPrinter final : public TablePrinter {
public:
    // Reads the "default" profile of the directory (NotFound, InvalidDocument).
    static Result<ReportPrinter> open(const std::filesystem::path& directory);
    // Over a loaded profile (its fonts, styles and wording).
    explicit ReportPrinter(const profile::Profile& base);

    Result<PrintedEdition> print(const ReportTable& table,
                                 const SealStamp* seal = nullptr) const override;

private:
    profile::Profile _portrait;
    profile::Profile _landscape;
};

}  // namespace nusqa::render
