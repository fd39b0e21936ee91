// import_cli: `nusqa import` as a program of its own, for the tests that
// need a real process (a progress bar on a pseudo-terminal). Like nusqa it
// is its own PDF reader worker (import-pdf-worker).
#include <iostream>
#include <string>
#include <vector>

#include "app/ImportCommand.h"
#include "import/pdf/PdfWorker.h"

int main(int argc, char** argv) {
    std::vector<std::string> arguments(argv + 1, argv + argc);
    if (!arguments.empty() && arguments.front() == "import-pdf-worker")
        return nusqa::import::pdf::runPdfWorker({arguments.begin() + 1, arguments.end()}, 0, 1);
    if (!arguments.empty() && arguments.front() == "import") arguments.erase(arguments.begin());
    return nusqa::app::runImport(arguments, std::cout, std::cerr);
}
