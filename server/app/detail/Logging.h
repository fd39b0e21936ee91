// Logging set-up for the server: one asynchronous channel (console or file)
// with UTC timestamps, shared by the application logger "nusqa" and the
// access log "nusqa.access". Never given secrets: callers redact URLs.
#pragma once

#include <string>

#include "domain/Error.h"

namespace nusqa::app {

// level: Poco level name ("information", "warning", "none", ...). logFile
// empty: standard output. InvalidArgument for an unknown level.
Status configureLogging(const std::string& level, const std::string& logFile);

}  // namespace nusqa::app
