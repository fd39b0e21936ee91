// What the tests need to know about the sanitizer run (scripts/test.sh,
// README "Sanitizers"): whether this build has AddressSanitizer, and how
// much slower its code is. Time bounds stay checked there, scaled by
// kSanitizerSlowdown: instrumented code takes about three times as long,
// and a bound is about the algorithm (milliseconds, not minutes), not about
// the build. Bounds on resident memory are not checked there (the test's
// behaviour is): ASan's shadow memory and its quarantine of freed blocks
// (256 MiB) are resident too, so they would measure ASan.
// Constants only: safe from any thread.
#pragma once

namespace nusqa::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif

inline constexpr double kSanitizerSlowdown = kAddressSanitizer ? 3.0 : 1.0;

}  // namespace nusqa::test
