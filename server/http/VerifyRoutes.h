// Verification of issued PDFs and paper copies:
//   POST /api/v1/verify (body: the PDF, Content-Type application/pdf) — each
//     signature (signer, time, time-stamp, byte range, whole file or not),
//     validity with a reason, and whether it is a genuine rendition of an
//     edition in the register with that edition's status;
//   GET /verify/{edition}/{sha256} — public, the URL in the seal's QR code:
//     the edition's status (in force, superseded, draft, ... or unknown),
//     the organisation, the document's code and title, the edition's number,
//     language and effective date, and the edition that replaced it (with its
//     link), as a small page in Kazakh, Russian and English, or JSON when the
//     client asks for application/json. 404 when no edition has that content.
#pragma once

#include "domain/VerificationService.h"
#include "http/JsonWriter.h"
#include "http/Router.h"

namespace nusqa::http {

// verification must outlive the router.
void addVerifyRoutes(Router& router, VerificationService& verification);

// The JSON of a verification report (shared with `nusqa verify --json`).
void writeVerificationReport(JsonWriter& json, const VerificationReport& report);

}  // namespace nusqa::http
