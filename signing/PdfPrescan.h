// A byte-level look at an untrusted PDF before PoDoFo parses it: PoDoFo
// 0.9.8 parses nested dictionaries and arrays recursively and in worse than
// cubic time (depth 800: 6 s; 2,000: over a minute; 10,000 overflows a 1 MiB
// thread stack), so a file that nests deeper than real PDFs ever do (they
// stay below 20) is refused here in linear time.
//
// What is read: the PDF lexical rules — comments (% to the end of the line),
// literal strings (balanced parentheses, backslash escapes), hex strings
// (< ... >), dictionaries (<< >>) and arrays ([ ]); stream bodies are skipped
// with their direct /Length when "endstream" follows it, else up to the next
// "endstream". Nesting counts dictionaries and arrays together, per object
// (it starts again at every "obj", "endobj", "trailer" and "xref").
//
// What it cannot see, and why that is acceptable: bytes PoDoFo reaches in
// ways a front-to-back reading does not — objects inside compressed object
// streams, or a cross-reference offset that points into a string or a stream
// body. Those are left to the bound of the verification worker (CPU time,
// memory, wall clock: signing/IsolatedVerifier.h), which is the boundary;
// this scan is the quick answer for the plain attack.
//
// Errors: InvalidDocument naming the limit and the byte offset where it was
// passed. Thread safety: a pure function.
#pragma once

#include <cstddef>
#include <string_view>

#include "domain/Error.h"

namespace nusqa::signing {

struct PdfPrescanLimits {
    // Dictionaries and arrays open at once within one object.
    std::size_t maxNesting = 64;
};

Status prescanPdf(std::string_view pdf, const PdfPrescanLimits& limits = {});

}  // namespace nusqa::signing
