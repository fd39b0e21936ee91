// nusqa: one binary, subcommands that grow with the project.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "app/AdminCommand.h"
#include "app/AuditCommand.h"
#include "app/AuditPackageCommand.h"
#include "app/CanonicalCommand.h"
#include "app/ImportCommand.h"
#include "app/RenderCommand.h"
#include "app/ServeApplication.h"
#include "app/ValidateCommand.h"
#include "app/VerifyCommand.h"
#include "import/pdf/PdfWorker.h"
#include "timestamp/TimestampClient.h"

namespace {

constexpr const char* kUsage =
    "usage: nusqa COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  serve [--config FILE]     run the HTTP server (stop with SIGTERM)\n"
    "  validate FILE.xml...      check editions against the document schema\n"
    "  canonical FILE.xml        print an edition's XML in its canonical form (- : stdin)\n"
    "  render EDITION.xml [--profile NAME] [--profile-dir DIR] [--edition-id N] -o OUT.pdf\n"
    "                            print an edition to PDF with an organisation profile, sealed\n"
    "  verify FILE.pdf [--trust CERT.pem]... [--server URL] [--config FILE] [--json]\n"
    "                            check a PDF's signatures and the edition it renders\n"
    "  sign IN.pdf --pkcs12 FILE [--password-file F] [--reason TEXT] [--tsa URL] -o OUT.pdf\n"
    "                            add a personal signature (incremental update)\n"
    "  import FILE [--profile ORG] [--language kk|ru] -o OUT.xml [--report REPORT.json]\n"
    "  import --bulk FOLDER --as LOGIN [--in-force] [--profile ORG] [--config FILE]\n"
    "                            Word/PDF/text/Markdown into edition XML / the register\n"
    "  admin create-user --login L --email E --roles R1,R2 [...]\n"
    "                            create an account (see `nusqa admin`)\n"
    "  audit-package --from YYYY-MM-DD --to YYYY-MM-DD [--unit NAME] [--config FILE] OUT.zip\n"
    "                            the certification-audit package of the period (ZIP: tables as\n"
    "                            sealed PDF and CSV, audit-log extract, manifest with SHA-256)\n"
    "  audit verify [--config FILE]\n"
    "                            check the audit log's hash chain and that every register change\n"
    "                            has its entry; names what is wrong\n"
    "  version                   print the version\n"
    "  help                      print this text\n";

}  // namespace

int main(int argc, char** argv) {
    std::string command = argc > 1 ? argv[1] : "help";
    std::vector<std::string> arguments(argv + (argc > 1 ? 2 : 1), argv + argc);
    if (command == "serve") {
        nusqa::app::ServeApplication application;
        // Poco parses options after its own argv[0]; drop the subcommand.
        std::vector<char*> serveArgs{argv[0]};
        for (int i = 2; i < argc; ++i) serveArgs.push_back(argv[i]);
        return application.run(static_cast<int>(serveArgs.size()), serveArgs.data());
    }
    if (command == "validate") return nusqa::app::runValidate(arguments, std::cout, std::cerr);
    if (command == "canonical")
        return nusqa::app::runCanonical(arguments, std::cin, std::cout, std::cerr);
    if (command == "render")
        return nusqa::app::runRender(arguments, std::cout, std::cerr,
                                     &nusqa::timestamp::timestampClient);
    if (command == "verify") return nusqa::app::runVerify(arguments, std::cout, std::cerr);
    if (command == "sign") return nusqa::app::runSign(arguments, std::cout, std::cerr);
    // Not in the usage text: the verifier starts it (signing/VerifyWorker.h).
    if (command == "verify-worker") return nusqa::app::runVerifyWorker(arguments);
    // Not in the usage text either: the PDF importer starts it (import/pdf/PdfWorker.h).
    if (command == "import-pdf-worker") return nusqa::import::pdf::runPdfWorker(arguments, 0, 1);
    if (command == "import") return nusqa::app::runImport(arguments, std::cout, std::cerr);
    if (command == "admin") return nusqa::app::runAdmin(arguments, std::cin, std::cout, std::cerr);
    if (command == "audit") return nusqa::app::runAudit(arguments, std::cout, std::cerr);
    if (command == "audit-package")
        return nusqa::app::runAuditPackage(arguments, std::cout, std::cerr, ::isatty(2) != 0);
    if (command == "version" || command == "--version") {
        std::cout << "nusqa " << NUSQA_VERSION << "\n";
        return 0;
    }
    if (command == "help" || command == "--help" || command == "-h") {
        std::cout << kUsage;
        return 0;
    }
    std::cerr << "nusqa: unknown command «" << command << "»\n\n" << kUsage;
    return 2;
}
