#include "support/memory/MemoryStorage.h"

#include <utility>

namespace nusqa::test {

MemoryStorage::MemoryStorage(std::shared_ptr<MemoryDatabase> database)
    : _database(std::move(database)),
      _documents(*_database),
      _people(*_database),
      _lifecycle(*_database),
      _audit(*_database),
      _outbox(*_database) {}

}  // namespace nusqa::test
