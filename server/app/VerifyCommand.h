// `nusqa verify FILE.pdf [--trust CERT.pem]... [--server URL] [--config FILE]
// [--json]`: checks every signature of a PDF (see signing/PdfVerify.h); with
// trust anchors (--trust, repeatable, and signing.trustedCertificates) says
// whether the seal chains to one, i.e. is the organisation's; with --server
// asks that server's public endpoint GET /verify/{edition}/{sha256} for the
// edition's status, code and title (a genuine rendition: valid, the
// organisation's seal, the edition known there). Runs anywhere: it needs no
// data directory, opens no register, creates no seal and writes no file.
// The PDF is read in a worker process bounded by the signing.verify*
// settings (signing/IsolatedVerifier.h). Exit 0 when the file is valid (all
// signatures verify, nothing changed after the last); 1 when it is not, with
// the reason, or when checking it passed the bounds (with --json the error
// object of the API); 2 on a usage, file or settings error.
//
// `nusqa sign IN.pdf --pkcs12 FILE [--password-file F] [--reason TEXT]
//  [--location TEXT] [--tsa URL] -o OUT.pdf`: adds a personal signature as
// an incremental update (earlier signatures stay byte-exact). The PKCS#12
// password comes from --password-file or NUSQA_PKCS12_PASSWORD, never from
// the command line (it would show in the process list).
// Exit 0 on success, 1 when signing fails, 2 on a usage or file error.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace nusqa::app {

int runVerify(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
int runSign(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
// `nusqa verify-worker ...`: the worker process of the verifier, on
// standard input and output (signing/VerifyWorker.h); not for people.
int runVerifyWorker(const std::vector<std::string>& arguments);

}  // namespace nusqa::app
