// RegisterWorkload: the register's writes for the crash loop — create a
// document, add an edition, replace the draft with If-Match (several
// revisions), register it in force (a paper edition), derive the next
// edition and edit that draft. Every document is the client's own, so
// clients never contend on one row (they do contend on the tables and the
// audit chain).
// Thread safety: run() from several threads at once.
#pragma once

#include <string>

#include "CrashWorkload.h"

namespace nusqa::test {

class RegisterWorkload final : public CrashWorkload {
public:
    // templateXml: a schema-valid edition (kind regulation, Kazakh, number 1)
    // whose <code> and first <p> the workload rewrites.
    explicit RegisterWorkload(std::string templateXml) : _template(std::move(templateXml)) {}
    const char* name() const override { return "register"; }
    CrashClientReport run(const HttpClient& client, const std::string& prefix, std::mt19937& random,
                          CrashLedger& ledger, const std::atomic<bool>& stop) const override;

private:
    std::string _template;
};

}  // namespace nusqa::test
