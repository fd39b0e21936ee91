// Bulk import: every .txt, .md, .docx and .pdf file of a folder (not its
// subfolders, in name order) into the register, each as a draft edition of
// its document — or, for a migration, as the edition in force.
//
// Per file: read (refused before reading when over the size limit), import
// (Importer), create the document from the import's code, kind, title,
// unit and language (or find it when that code is registered already), add
// the edition through DocumentService (which validates the XML again and
// checks the code and kind), and with inForce register it as the edition in
// force through the lifecycle's act for paper editions
// (LifecycleService::registerInForce: its approval facts from the XML,
// superseding the edition in force, or recorded as superseded when it is
// the older one). Every act is the actor's — the person who runs the
// import — and is audited with the command line and the file named. One
// bad file does not stop the others: its error is recorded and the next
// file is read. Files with other extensions are listed as skipped.
//
// Errors: NotFound / InvalidArgument when the folder is missing or not a
// directory; per-file errors are in the summary, never returned.
// Thread safety: one call at a time per service pair is not required (they
// are thread-safe); the progress object is called from the calling thread
// only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "domain/DocumentService.h"
#include "domain/Error.h"
#include "domain/LifecycleService.h"
#include "domain/People.h"
#include "import/Importer.h"

namespace nusqa::import {

struct BulkOptions {
    ImportOptions import;
    bool inForce = false;                  // the edition becomes the one in force
    std::size_t maxTextBytes = 8u << 20;   // refused before reading when larger
    std::size_t maxDocxBytes = 64u << 20;  // .docx and .pdf
};

struct BulkFileResult {
    std::string file;  // name within the folder
    bool ok = false;
    std::string error;  // when !ok: the message, naming the file and the problem
    std::string code;
    std::string title;
    std::int64_t documentId = 0;
    std::int64_t editionId = 0;
    int edition = 0;
    bool newDocument = false;
    // draft; with inForce in_force, or superseded when a newer edition of
    // the document was in force already
    EditionStatus status = EditionStatus::Draft;
    std::size_t warnings = 0;
    double seconds = 0;
};

struct BulkSummary {
    std::vector<BulkFileResult> files;  // in the order they were imported
    std::vector<std::string> skipped;   // files of other types
    std::size_t imported = 0, failed = 0;
    double seconds = 0;
};

// Told about each file as the import goes.
class BulkProgress {
public:
    virtual ~BulkProgress() = default;
    virtual void begin(std::size_t files) = 0;
    // index is 1-based; called before the file is read.
    virtual void starting(std::size_t index, std::size_t files, const std::string& file) = 0;
    virtual void finished(std::size_t index, std::size_t files, const BulkFileResult& result) = 0;
    virtual void end(const BulkSummary& summary) = 0;
};

// actor: the person who runs the import (EditDrafts; with inForce also
// ManageLifecycle, else every file fails Forbidden).
Result<BulkSummary> importFolder(const std::filesystem::path& folder, const Importer& importer,
                                 DocumentService& documents, LifecycleService& lifecycle,
                                 const User& actor, const BulkOptions& options,
                                 BulkProgress* progress = nullptr);

// A readable table of the summary: one line per file, then the totals.
std::string bulkSummaryText(const BulkSummary& summary, bool inForce);

}  // namespace nusqa::import
