// `nusqa import`: Word (.docx), PDF (.pdf, with a text layer), text (.txt)
// and Markdown (.md) documents into edition XML.
//
//   nusqa import FILE [--profile ORG] [--code CODE] [--title TITLE]
//                -o OUT.xml [--report REPORT.json]
//       writes the XML (valid against schemas/document.xsd; "-o -" writes
//       it to standard output) and, with --report, the JSON report; prints
//       the readable summary (to standard output, or to standard error when
//       the XML goes there). Exit 0; 1 when the file cannot be imported
//       (the error names the file and the problem); 2 on a usage error or
//       when an output cannot be written.
//
//   nusqa import --bulk FOLDER --as LOGIN [--in-force] [--profile ORG]
//                [--config FILE]
//       every .txt, .md, .docx and .pdf of FOLDER into the register of the
//       configured store (store.url / data.dir of the configuration and the
//       NUSQA_* variables, as `nusqa serve` reads them), each a draft
//       edition — with --in-force registered as a paper edition in force (a
//       migration: its approval facts from the XML; the edition in force of
//       the document is superseded, or this one recorded as superseded when
//       it is older). Every act is done as the user LOGIN (required; an
//       active account of the store, with the quality office's rights for
//       --in-force) and audited with the command line and the file named. A
//       progress bar on standard error, redrawn in place when standard error
//       is a terminal, one line per file otherwise; a summary on standard
//       output. One bad file does not stop the others. Exit 0 when every
//       file was imported, 1 when any failed, 2 on a usage error or when the
//       store cannot be opened or LOGIN is no active account.
//
// --profile names the organisation profile written to meta/profile; when
// the profile exists (the configured profile directory, else
// ./doc-templates) its display name stands in for an organisation the
// source does not name. Without --profile, the profile whose display name
// is the organisation the source names is the import's (the report says so;
// ImportResult::profile).
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "import/Importer.h"

namespace nusqa::app {

int runImport(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

// The profiles of directory (every NAME.xml that loads) with the
// organisation each prints, for Importer::setProfiles; empty when the
// directory cannot be read.
std::vector<import::KnownProfile> knownProfiles(const std::filesystem::path& directory);

}  // namespace nusqa::app
