#include "app/Wiring.h"

#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "render/reader/ContentXml.h"

namespace nusqa::app {

SecurityFunctions securityFunctions() {
    return SecurityFunctions{crypto::randomHex, crypto::sha256Hex};
}

Wiring::Wiring(const ServeConfig& settings, const Clock& clock, std::unique_ptr<Storage> storage,
               const PasswordHasher* hasher)
    : _storage(std::move(storage)),
      _clock(clock),
      _codec(settings.http.maxBodyBytes),
      _argon2(settings.passwordHashing),
      _hasher(hasher != nullptr ? *hasher : _argon2) {
    _documents =
        std::make_unique<DocumentService>(_storage->documents(), _codec, crypto::sha256Hex, _clock);
    _auth =
        std::make_unique<AuthService>(_storage->people(), _storage->audit(), _hasher, _clock,
                                      securityFunctions(), settings.auth, &_storage->throttle());
    // New passwords (creation, an admin's reset) are hashed under the same
    // bound as logins (auth.maxConcurrentHashes).
    _people = std::make_unique<PeopleService>(_storage->people(), _storage->lifecycle(),
                                              _auth->boundedHasher(), _clock, securityFunctions());
    _comparisons = std::make_unique<ComparisonService>(
        _storage->documents(),
        [](std::string_view xml) { return render::reader::readEditionContent(xml); });
    _lifecycle = std::make_unique<LifecycleService>(_storage->documents(), _storage->lifecycle(),
                                                    _storage->people(), *_auth, _codec, _clock,
                                                    settings.lifecycle);
    _lifecycle->checkChangeRecordsWith(*_comparisons);
    _lifecycle->readRecordsWith(_recordCodec);
    // The store indexes every edition it writes: the stored XML read into
    // the content model, cut into passages with their stems.
    _storage->search().indexWith([](std::string_view xml) -> Result<std::vector<SearchPassage>> {
        return search::searchPassages(NUSQA_TRY(render::reader::readEditionContent(xml)));
    });
    _search = std::make_unique<SearchService>(_storage->search());
}

Result<std::unique_ptr<Wiring>> Wiring::open(const ServeConfig& settings) {
    static const SystemClock systemClock{};
    NUSQA_TRY(initialiseXml());
    auto storage = NUSQA_TRY(openStorage(settings.storeUrl, settings.storePoolSize));
    return std::make_unique<Wiring>(settings, systemClock, std::move(storage));
}

}  // namespace nusqa::app
