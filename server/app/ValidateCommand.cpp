#include "app/ValidateCommand.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "xml/XmlEditionCodec.h"

namespace nusqa::app {

int runValidate(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
    if (files.empty()) {
        err << "usage: nusqa validate FILE.xml...\n";
        return 2;
    }
    int status = 0;
    for (const std::string& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            err << file << ": cannot read\n";
            status = 2;
            continue;
        }
        std::ostringstream bytes;
        bytes << in.rdbuf();
        Status valid = validateEditionXml(bytes.str());
        if (valid) {
            out << file << ": OK\n";
            continue;
        }
        if (status == 0) status = 1;
        if (valid.error().details.empty()) out << file << ": " << valid.error().message << "\n";
        for (const ErrorDetail& detail : valid.error().details)
            out << detail.line << ":" << detail.column << ": " << detail.message << "\n";
    }
    return status;
}

}  // namespace nusqa::app
