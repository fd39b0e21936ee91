// `nusqa render EDITION.xml [--profile NAME] [--profile-dir DIR]
//  [--edition-id N] [--config FILE] -o OUT.pdf`: prints one edition to PDF
// with an organisation profile and seals it like the server does (the
// configured seal, else the data directory's TEST seal). The verification
// link in the seal names edition N (default 0: a file outside the register)
// and the SHA-256 of the file's bytes.
//
// The profile is --profile, else the edition's <meta><profile>, else
// "default"; profiles are read from --profile-dir, else the configured
// render.profileDirectory (NUSQA_RENDER_PROFILE_DIRECTORY; default
// doc-templates, relative to the working directory). An edition naming a
// profile that does not exist falls back to "default" with a warning on err.
// Exit 0 on success (prints "OUT.pdf: N pages, B bytes, sealed by «CN»"), 1 when the edition
// or the profile is invalid or rendering fails (the error on err), 2 on a
// usage or file error. timestamps makes the client of a configured
// time-stamp authority (timestamp::timestampClient in nusqa-full); without
// one, a configured signing.tsaUrl is an error (exit 1).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "domain/Error.h"
#include "domain/Sealing.h"

namespace nusqa::app {

using RenderTimestampClient = Result<TimestampTransport> (*)(const std::string& url,
                                                             int timeoutSeconds);

int runRender(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
              RenderTimestampClient timestamps = nullptr);

}  // namespace nusqa::app
