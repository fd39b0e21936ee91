// How openStorage() puts a Storage together, split at the one seam a test
// needs: the backend's SqlExecutor for a URL, and every port over an
// executor (SqlDocumentStore and SqlRecordStore). tests/storage wraps the
// executor in a fault-injecting decorator between the two. Private to
// storage/ (and its tests).
// Thread safety: both functions are reentrant.
#pragma once

#include <memory>
#include <string>

#include "domain/Error.h"
#include "storage/StoreFactory.h"
#include "storage/detail/SqlSession.h"

namespace nusqa::storage {

// The executor of the URL's backend, its migrations run. Errors as
// openStorage().
Result<std::unique_ptr<SqlExecutor>> openExecutor(const std::string& url, int poolSize);

// Every port of one database over the executor, which the Storage owns.
std::unique_ptr<Storage> storageOver(std::unique_ptr<SqlExecutor> executor);

}  // namespace nusqa::storage
