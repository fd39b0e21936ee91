// `nusqa validate FILE.xml...`: checks each file against the document schema
// (safely: no network, no DTD, no entities). Prints "FILE: OK" or one line
// per problem as "line:column: message". Exit 0 when all are valid, 1 when
// any is invalid, 2 on a usage or read error.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace nusqa::app {

int runValidate(const std::vector<std::string>& files, std::ostream& out, std::ostream& err);

}  // namespace nusqa::app
