// The JobLease contract on every backend: one holder at a time, renewal,
// expiry, release.
#include "storage/StoreFixture.h"

namespace nusqa::test {

NUSQA_STORE_CASE(job_lease_has_one_holder_at_a_time) {
    JobLease& leases = fixture.storage().leases();
    constexpr std::int64_t kStart = 1'800'000'000'000;
    BOOST_TEST(require(leases.acquireLease("scheduler", "node-a", kStart, kStart + 30'000)));
    // Running: another holder is refused, the holder renews.
    BOOST_TEST(
        !require(leases.acquireLease("scheduler", "node-b", kStart + 1'000, kStart + 31'000)));
    BOOST_TEST(
        require(leases.acquireLease("scheduler", "node-a", kStart + 10'000, kStart + 40'000)));
    BOOST_TEST(
        !require(leases.acquireLease("scheduler", "node-b", kStart + 39'999, kStart + 69'999)));
    // Ended: the next holder takes it, the old one is refused.
    BOOST_TEST(
        require(leases.acquireLease("scheduler", "node-b", kStart + 40'000, kStart + 70'000)));
    BOOST_TEST(
        !require(leases.acquireLease("scheduler", "node-a", kStart + 41'000, kStart + 71'000)));
    // Released: free at once; a release by a non-holder changes nothing.
    require(leases.releaseLease("scheduler", "node-a"));
    BOOST_TEST(
        !require(leases.acquireLease("scheduler", "node-a", kStart + 42'000, kStart + 72'000)));
    require(leases.releaseLease("scheduler", "node-b"));
    BOOST_TEST(
        require(leases.acquireLease("scheduler", "node-a", kStart + 43'000, kStart + 73'000)));
    requireError(leases.acquireLease("no-such-job", "node-a", kStart, kStart + 1),
                 ErrorCode::NotFound, {"no-such-job"});
}

}  // namespace nusqa::test
