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
    xml::XmlEditionCodec codec;
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
        auto facts = codec.inspect(bytes.str());
        if (facts) {
            out << file << ": OK\n";
            continue;
        }
        if (status == 0) status = 1;
        if (facts.error().details.empty()) out << file << ": " << facts.error().message << "\n";
        for (const ErrorDetail& detail : facts.error().details)
            out << detail.line << ":" << detail.column << ": " << detail.message << "\n";
    }
    return status;
}

}  // namespace nusqa::app
