// PlainHasher: a PasswordHasher for tests that are not about passwords —
// "plain:<password>", no cost. Never in production code.
// Thread safety: stateless.
#pragma once

#include <string>
#include <string_view>

#include "domain/PasswordHasher.h"

namespace nusqa::test {

class PlainHasher final : public PasswordHasher {
public:
    Result<std::string> hash(std::string_view password) const override {
        return "plain:" + std::string(password);
    }
    Result<bool> verify(std::string_view encoded, std::string_view password) const override {
        return encoded == "plain:" + std::string(password);
    }
};

}  // namespace nusqa::test
