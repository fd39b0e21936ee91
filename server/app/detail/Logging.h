// Logging set-up for the server: one batching channel (LineBatchChannel) (console or file)
// with UTC timestamps, shared by the application logger "nusqa" and the
// access log "nusqa.access". Never given secrets: callers redact URLs.
#pragma once

#include <string>

#include "domain/Error.h"

namespace nusqa::app {

// level: Poco level name ("information", "warning", "none", ...). logFile
// empty: standard output. InvalidArgument for an unknown level.
Status configureLogging(const std::string& level, const std::string& logFile);

// Writes the lines still pending in the channel configureLogging set up (for
// a process about to leave without destructors). Any thread.
void flushLogging();

}  // namespace nusqa::app
