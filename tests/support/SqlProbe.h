// Out-of-band access to a test database, bypassing the Store: to read what
// was really written (password hashes, token hashes, signatures) and to
// tamper with rows (audit-chain tests). Accepts the store URLs of
// openStore(): sqlite:PATH or mysql://USER:PASSWORD@HOST:PORT/DATABASE.
// Each call opens its own connection. Throws std::runtime_error on errors.
#pragma once

#include <string>
#include <vector>

namespace nusqa::test {

class SqlProbe {
public:
    explicit SqlProbe(std::string storeUrl) : _url(std::move(storeUrl)) {}

    // Every row of the query, columns as text (NULL as "").
    std::vector<std::vector<std::string>> query(const std::string& sql) const;
    // The first column of the first row; throws when there is no row.
    std::string scalar(const std::string& sql) const;
    // Runs a statement; returns the rows it changed.
    long long execute(const std::string& sql) const;

private:
    std::string _url;
};

}  // namespace nusqa::test
