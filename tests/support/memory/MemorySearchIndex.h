// MemorySearchIndex: the in-memory backend keeps no full-text index; its
// search answers Unavailable. The search's contract cases run on the SQL
// backends only (tests/storage/SearchContractTest.cpp).
#pragma once

#include "domain/SearchIndex.h"

namespace nusqa::test {

class MemorySearchIndex final : public SearchIndex {
public:
    void indexWith(SearchTextExtractor) override {}
    Result<SearchResults> search(const SearchCriteria&) override {
        return fail(ErrorCode::Unavailable, "memory: no full-text search");
    }
    Result<std::int64_t> indexMissing() override { return 0; }
};

}  // namespace nusqa::test
