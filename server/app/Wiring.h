// Wiring: the domain services of one Nusqa instance over its storage — the
// part of the composition that every command shares. app::Instance (the
// server, `nusqa serve` and the tests' harness) builds on it; `nusqa admin`
// and `nusqa import --bulk` use it alone through open(). Owns the storage
// and everything it builds; members are declared in dependency order so
// they are destroyed in reverse.
// Thread safety: the services are thread-safe; build and destroy on one thread.
// Errors: open() returns the store's errors (Unavailable, InvalidArgument)
// and Internal when the XML schema does not compile.
#pragma once

#include <memory>

#include "app/Config.h"
#include "auth/Argon2PasswordHasher.h"
#include "domain/AuthService.h"
#include "domain/Clock.h"
#include "domain/ComparisonService.h"
#include "domain/DocumentService.h"
#include "domain/LifecycleService.h"
#include "domain/PeopleService.h"
#include "domain/SearchService.h"
#include "storage/StoreFactory.h"
#include "xml/RecordXml.h"
#include "xml/XmlEditionCodec.h"

namespace nusqa::app {

// Random hex from OpenSSL and SHA-256, for the services.
SecurityFunctions securityFunctions();

class Wiring {
public:
    // The services over the store settings.storeUrl names (migrated), on
    // the system clock.
    static Result<std::unique_ptr<Wiring>> open(const ServeConfig& settings);

    // The services over storage, on clock (which must outlive them); hasher,
    // when given (it must outlive them too), replaces the Argon2id hasher of
    // settings.passwordHashing. Precondition: initialiseXml() succeeded.
    Wiring(const ServeConfig& settings, const Clock& clock, std::unique_ptr<Storage> storage,
           const PasswordHasher* hasher = nullptr);

    Storage& storage() { return *_storage; }
    const Clock& clock() const { return _clock; }
    DocumentService& documents() { return *_documents; }
    AuthService& auth() { return *_auth; }
    PeopleService& people() { return *_people; }
    LifecycleService& lifecycle() { return *_lifecycle; }
    ComparisonService& comparisons() { return *_comparisons; }
    SearchService& search() { return *_search; }

private:
    std::unique_ptr<Storage> _storage;
    const Clock& _clock;
    XmlEditionCodec _codec;
    RecordXml _recordCodec;
    auth::Argon2PasswordHasher _argon2;
    const PasswordHasher& _hasher;
    std::unique_ptr<DocumentService> _documents;
    std::unique_ptr<AuthService> _auth;
    std::unique_ptr<PeopleService> _people;
    std::unique_ptr<ComparisonService> _comparisons;
    std::unique_ptr<LifecycleService> _lifecycle;
    std::unique_ptr<SearchService> _search;
};

}  // namespace nusqa::app
