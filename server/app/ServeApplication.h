// `nusqa serve`: the server as a Poco::Util::ServerApplication. Reads the
// configuration (file given with --config, then NUSQA_* variables), opens the
// store (migrating it), listens, and on SIGTERM or SIGINT stops accepting,
// lets requests in progress finish, and exits 0.
#pragma once

#include <Poco/Util/ServerApplication.h>

#include <string>
#include <vector>

namespace nusqa::app {

class ServeApplication final : public Poco::Util::ServerApplication {
public:
    ServeApplication();

protected:
    void initialize(Poco::Util::Application& self) override;
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& arguments) override;

private:
    std::string _configFile;
    bool _helpRequested = false;
};

}  // namespace nusqa::app
