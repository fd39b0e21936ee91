// import_cli: `nusqa import` as a program of its own, for the tests that
// need a real process (a progress bar on a pseudo-terminal) and for
// bench/import/run.sh while main.cpp does not dispatch `import` yet.
#include <iostream>
#include <string>
#include <vector>

#include "app/ImportCommand.h"

int main(int argc, char** argv) {
    std::vector<std::string> arguments(argv + 1, argv + argc);
    if (!arguments.empty() && arguments.front() == "import") arguments.erase(arguments.begin());
    return nusqa::app::runImport(arguments, std::cout, std::cerr);
}
