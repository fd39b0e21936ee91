// `nusqa canonical FILE.xml`: prints the edition's XML in the canonical form
// of xml/CanonicalXml.h (FILE "-": standard input), so two files can be
// compared byte for byte. Exit 0; 1 when the file is not well-formed XML
// (one "line:column: message" per problem on standard error); 2 on a usage
// or read error.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace nusqa::app {

int runCanonical(const std::vector<std::string>& arguments, std::istream& in, std::ostream& out,
                 std::ostream& err);

}  // namespace nusqa::app
