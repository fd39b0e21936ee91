// What IsolatedVerifier and its worker process (`nusqa verify-worker`) send
// each other over the worker's standard input and output.
//
// Request: "NQV1", the number of trust anchors and each anchor (PEM, a
// 32-bit little-endian length before each), then the PDF up to the end of
// the input. Outcome: "NQR1", then a PdfReport or an Error, every field in
// order (integers little-endian, strings with a 32-bit length).
//
// The parent decodes what a worker that read a hostile file wrote, so the
// decoders check every length against what is left and every count against
// a limit, and never trust a size field to allocate.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/Error.h"
#include "domain/PdfVerifier.h"

namespace nusqa::signing::wire {

struct Request {
    std::vector<std::string> anchors;
    std::string_view pdf;  // into the decoded bytes
};

// Everything of the request before the PDF.
std::string encodeRequestHead(const std::vector<std::string>& anchors);
// InvalidArgument when bytes are not a request. The request's pdf points
// into bytes, which must outlive it (so no temporary string).
Result<Request> decodeRequest(std::string_view bytes);
Result<Request> decodeRequest(std::string&& bytes) = delete;

std::string encodeOutcome(const Result<PdfReport>& outcome);
// The report or the error that was encoded; Internal when bytes are not an
// outcome (a worker that crashed half-way, or one that was subverted).
Result<PdfReport> decodeOutcome(std::string_view bytes);

}  // namespace nusqa::signing::wire
