#include "app/CanonicalCommand.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "xml/CanonicalXml.h"

namespace nusqa::app {

int runCanonical(const std::vector<std::string>& arguments, std::istream& in, std::ostream& out,
                 std::ostream& err) {
    if (arguments.size() != 1) {
        err << "usage: nusqa canonical FILE.xml   (FILE - reads standard input)\n";
        return 2;
    }
    const std::string& file = arguments.front();
    std::ostringstream bytes;
    if (file == "-") {
        bytes << in.rdbuf();
    } else {
        std::ifstream stream(file, std::ios::binary);
        if (!stream) {
            err << file << ": cannot read\n";
            return 2;
        }
        bytes << stream.rdbuf();
    }
    auto canonical = canonicalEditionXml(bytes.str());
    if (!canonical) {
        err << file << ": " << canonical.error().message << "\n";
        for (const ErrorDetail& detail : canonical.error().details)
            err << detail.line << ":" << detail.column << ": " << detail.message << "\n";
        return 1;
    }
    out << *canonical;
    return out.good() ? 0 : 2;
}

}  // namespace nusqa::app
