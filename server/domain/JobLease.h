// JobLease: elects the one node of a cluster that may run a background job
// (the scheduler and the mail sender run under the lease "scheduler"),
// through a lease row in the shared database. Lock-free across database
// nodes: a compare-and-set that is won only when its transaction committed
// (on Galera, GET_LOCK and LOCK TABLES are node-local and elect nobody).
//
// A holder renews its lease well before it ends and stops acting as soon as
// a renewal does not return true. Times are milliseconds since 1970 from the
// caller's clock: the nodes need synchronised clocks (NTP).
// Thread safety: every method may be called concurrently.
// Errors: NotFound for a lease name the database has no row for; storage
// errors as the backend reports them (then the caller does not hold it).
#pragma once

#include <cstdint>
#include <string>

#include "domain/Error.h"

namespace nusqa {

class JobLease {
public:
    virtual ~JobLease() = default;
    // Takes the lease `name` for holder until expiresAt when nobody holds it,
    // its holder's time ran out (it ended at or before now), or holder
    // already holds it (a renewal). True only once the change committed;
    // false while another holder's lease runs.
    virtual Result<bool> acquireLease(const std::string& name, const std::string& holder,
                                      std::int64_t now, std::int64_t expiresAt) = 0;
    // Gives the lease up if holder holds it (a node that stops).
    virtual Status releaseLease(const std::string& name, const std::string& holder) = 0;
};

}  // namespace nusqa
