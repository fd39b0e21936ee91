#include "app/AuditCommand.h"

#include <iostream>

#include "app/Config.h"
#include "storage/StoreFactory.h"

namespace nusqa::app {

int runAudit(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
    std::string configFile;
    if (arguments.size() == 3 && arguments[1] == "--config") configFile = arguments[2];
    if (arguments.empty() || arguments[0] != "verify" ||
        (arguments.size() != 1 && configFile.empty())) {
        err << "usage: nusqa audit verify [--config FILE]\n";
        return 2;
    }
    auto settings = loadSettings(configFile);
    if (!settings) {
        err << "nusqa audit: " << settings.error().message << "\n";
        return 2;
    }
    auto storage = openStorage(settings->storeUrl, 2);
    if (!storage) {
        err << "nusqa audit: cannot open the store " << redactUrl(settings->storeUrl) << ": "
            << storage.error().message << "\n";
        return 3;
    }
    auto verification = (*storage)->audit().verifyAudit();
    if (!verification) {
        err << "nusqa audit: " << verification.error().message << "\n";
        return 3;
    }
    if (!verification->intact) {
        out << "audit log broken at entry " << verification->firstBadSequence << ": "
            << verification->problem << "\n";
        return 1;
    }
    out << "audit log intact: " << verification->entries << " entries\n";
    return 0;
}

}  // namespace nusqa::app
