// Shared by the libFuzzer targets: the oracle every input is held to.
// Whatever the input, the importer returns a value: an error with a
// message, or XML that is valid against schemas/document.xsd. Anything else
// (a crash, a sanitizer report, an invalid XML) stops the fuzzer.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "import/Importer.h"
#include "xml/XmlEditionCodec.h"

namespace nusqa::fuzz {

inline void check(const import::SourceDocument& source) {
    auto result = import::recognise(source, {});
    if (!result) {
        if (result.error().message.empty()) std::abort();
        return;
    }
    Status valid = validateEditionXml(result->xml);
    if (!valid) {
        std::fprintf(stderr, "schema-invalid XML from a %s source: %s\n%s\n",
                     import::toString(source.format).data(), valid.error().message.c_str(),
                     result->xml.substr(0, 4000).c_str());
        std::abort();
    }
}

}  // namespace nusqa::fuzz
