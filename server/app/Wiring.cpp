#include "app/Wiring.h"

#include "crypto/Digest.h"
#include "crypto/Random.h"

namespace nusqa::app {

SecurityFunctions securityFunctions() {
    return SecurityFunctions{crypto::randomHex, crypto::sha256Hex};
}

Wiring::Wiring(std::unique_ptr<Storage> storage, const ServeConfig& settings)
    : _storage(std::move(storage)), _codec(settings.http.maxBodyBytes) {
    _documents =
        std::make_unique<DocumentService>(_storage->documents(), _codec, crypto::sha256Hex, _clock);
    _auth = std::make_unique<AuthService>(_storage->people(), _storage->audit(), _hasher, _clock,
                                          securityFunctions(), settings.auth);
    _people = std::make_unique<PeopleService>(_storage->people(), _storage->lifecycle(), _hasher,
                                              _clock, securityFunctions());
    _lifecycle = std::make_unique<LifecycleService>(_storage->documents(), _storage->lifecycle(),
                                                    _storage->people(), *_auth, _codec, _clock,
                                                    settings.lifecycle);
}

Result<std::unique_ptr<Wiring>> Wiring::open(const ServeConfig& settings) {
    NUSQA_TRY(initialiseXml());
    auto storage = NUSQA_TRY(openStorage(settings.storeUrl, settings.storePoolSize));
    return std::unique_ptr<Wiring>(new Wiring(std::move(storage), settings));
}

}  // namespace nusqa::app
