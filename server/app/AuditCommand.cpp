#include "app/AuditCommand.h"

#include <iostream>

#include "app/Config.h"
#include "crypto/Digest.h"
#include "domain/AuditCoverage.h"
#include "domain/RecordChainCheck.h"
#include "storage/StoreFactory.h"
#include "xml/RecordXml.h"

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
    Storage& store = **storage;
    auto verification = store.audit().verifyAudit();
    if (!verification) {
        err << "nusqa audit: " << verification.error().message << "\n";
        return 3;
    }
    if (verification->intact)
        out << "audit log intact: " << verification->entries << " entries\n";
    else
        out << "audit log broken at entry " << verification->firstBadSequence << ": "
            << verification->problem << "\n";
    // Whatever the chain says, every register change needs its entry.
    auto coverage = AuditCoverage(store.documents(), store.lifecycle(), store.audit()).check();
    if (!coverage) {
        err << "nusqa audit: " << coverage.error().message << "\n";
        return 3;
    }
    for (const MissingAuditEntry& missing : coverage->missing) out << missing.message << "\n";
    if (coverage->missing.empty())
        out << "every register change has its audit entry: " << coverage->documents
            << " documents, " << coverage->editions << " editions, " << coverage->revisions
            << " draft revisions\n";
    else
        out << coverage->missing.size() << " register change"
            << (coverage->missing.size() == 1 ? " has" : "s have") << " no audit entry\n";
    // Every version of every agreement sheet and familiarization log: its
    // bytes, its place in its chain, its schema.
    RecordXml codec;
    auto records = RecordChainCheck(store.lifecycle(), codec, crypto::sha256Hex).check();
    if (!records) {
        err << "nusqa audit: " << records.error().message << "\n";
        return 3;
    }
    for (const std::string& problem : records->problems) out << problem << "\n";
    if (records->problems.empty())
        out << "every record version intact and chained: " << records->versions << " versions of "
            << records->records << " agreement sheets and familiarization logs\n";
    else
        out << records->problems.size() << " record version problem"
            << (records->problems.size() == 1 ? "" : "s") << "\n";
    return verification->intact && coverage->missing.empty() && records->problems.empty() ? 0 : 1;
}

}  // namespace nusqa::app
