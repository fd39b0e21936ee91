// Helpers shared by the signing sources (not part of the module's
// interface): owning pointers for OpenSSL objects, and PoDoFo's logging
// switched off once (it writes warnings to stderr through process-wide
// flags).
#pragma once

#include <memory>
#include <type_traits>

namespace nusqa::signing {

template <typename T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, std::integral_constant<decltype(Free), Free>>;

void quietPoDoFo();

}  // namespace nusqa::signing
