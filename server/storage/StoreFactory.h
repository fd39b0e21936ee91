// StoreFactory: opens the storage named by a URL. The one entry point of the
// storage module for the application.
//
//   sqlite:PATH                                   a file; parent directories
//                                                 and the file are created
//   mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE  MySQL/MariaDB; the database
//                                                 is created (utf8mb4) if
//                                                 missing; PORT defaults to
//                                                 3306; USER, PASSWORD and
//                                                 DATABASE are percent-decoded
//
// Either way the migrations run before the store is returned; poolSize
// bounds the number of database connections.
// Errors: InvalidArgument for an unknown scheme or a malformed URL;
// Unavailable when the file cannot be created or the server cannot be
// reached; otherwise as the backend reports. Messages never contain the
// password.
// Thread safety: the functions are reentrant.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "domain/AuditLog.h"
#include "domain/Error.h"
#include "domain/JobLease.h"
#include "domain/LifecycleStore.h"
#include "domain/Outbox.h"
#include "domain/PeopleStore.h"
#include "domain/SearchIndex.h"
#include "domain/Store.h"
#include "domain/ThrottleStore.h"

namespace nusqa {

// Every port of one database: the document Store and the record ports
// (people, lifecycle, audit, outbox, job leases, login throttle counters) sharing its connection
// pool. Each port has one SQL implementation for both backends (storage/SqlDocumentStore,
// storage/SqlRecordStore); tests keep the same ports in memory
// (tests/support/memory).
// Thread safety: the ports are thread-safe; the Storage outlives their use.
class Storage {
public:
    virtual ~Storage() = default;
    virtual Store& documents() = 0;
    virtual PeopleStore& people() = 0;
    virtual LifecycleStore& lifecycle() = 0;
    virtual AuditLog& audit() = 0;
    virtual Outbox& outbox() = 0;
    virtual JobLease& leases() = 0;
    virtual ThrottleStore& throttle() = 0;
    // For /healthz: one cheap query through the pool. Unavailable when the
    // database cannot be reached, or is a Galera node that is not Synced
    // (joining, donor, cut off from the primary component).
    virtual Status health() = 0;
    // The full-text search over the editions' text, written by documents()
    // in the same transactions (domain/SearchIndex.h).
    virtual SearchIndex& search() = 0;
    // Runs reads, a sequence of calls of these ports that only read, in one
    // read transaction where the backend allows it (SQLite: one snapshot, one
    // connection and one BEGIN/COMMIT instead of one per call: the cached PDF
    // reads the edition's records with five calls); elsewhere each call keeps
    // its own transaction. Returns what reads returns, or the error of opening
    // the transaction. REQUIRES: reads writes nothing (on SQLite a write
    // inside fails with Internal).
    virtual Status readTogether(const std::function<Status()>& reads) { return reads(); }
};

Result<std::unique_ptr<Storage>> openStorage(const std::string& url, int poolSize = 16);

// Called each time a unit of work on MySQL/MariaDB is rolled back to run
// again (1213: deadlock or Galera certification failure, 1205, 1047, or a
// connection lost before COMMIT): the unit's operation name, the server's
// error code and the attempt that failed. For the server's log (the retry
// rate of a cluster under load). Called on the transaction's thread; the
// observer must be thread-safe and must not throw. Set it before opening a
// storage; nullptr (the default) observes nothing.
using RetryObserver = void (*)(const char* operation, int errorCode, int attempt);
void observeRetries(RetryObserver observer);

// The URL with the password replaced by "***", for logs and messages:
// "mysql://nusqa:***@db:3306/nusqa". URLs without a password are unchanged.
std::string redactUrl(const std::string& url);

}  // namespace nusqa
