// Serve's settings come through Poco::Util::ServerApplication's
// configuration; kept apart from Config.cpp so that the commands that read
// their file with SettingsFile (the lean `nusqa`) do not link Poco.
#include <Poco/Util/AbstractConfiguration.h>

#include <cstdlib>

#include "app/Config.h"

namespace nusqa::app {

void applyEnvironment(Poco::Util::AbstractConfiguration& config) {
    for (const std::string& key : configKeys())
        if (const char* value = std::getenv(environmentName(key).c_str()))
            config.setString(key, value);
}

Result<ServeConfig> readServeConfig(const Poco::Util::AbstractConfiguration& config) {
    return readServeConfig([&config](const std::string& key) -> std::optional<std::string> {
        if (!config.has(key)) return std::nullopt;
        return config.getString(key);
    });
}

}  // namespace nusqa::app
