// CrashSession: one crash-loop client's requests through an HttpClient. A
// 2xx reply is returned (and a non-GET counted as an acknowledged write in
// the ledger); a lost connection marks the session gone (the server was
// killed); any other reply is noted in the report as unexpected.
// Thread safety: one session per thread (the ledger is shared and locked).
#pragma once

#include <exception>
#include <map>
#include <optional>
#include <string>

#include "CrashLedger.h"
#include "CrashWorkload.h"
#include "support/HttpClient.h"

namespace nusqa::test {

class CrashSession {
public:
    CrashSession(const HttpClient& client, CrashLedger& ledger, CrashClientReport& report)
        : _client(client), _ledger(ledger), _report(report) {}

    bool gone() const { return _gone; }

    // The reply when it is 2xx; nullopt otherwise.
    std::optional<HttpReply> send(const std::string& method, const std::string& path,
                                  const std::string& body,
                                  const std::map<std::string, std::string>& headers) {
        return sendAs(_client, method, path, body, headers);
    }

    // The same as another person (the approver of a lifecycle workload).
    std::optional<HttpReply> sendAs(const HttpClient& client, const std::string& method,
                                    const std::string& path, const std::string& body,
                                    const std::map<std::string, std::string>& headers) {
        ++_report.requests;
        try {
            HttpReply reply = client.request(method, path, body, headers);
            if (reply.status >= 200 && reply.status < 300) {
                if (method != "GET") _ledger.countWrite();
                return reply;
            }
            _report.unexpected.push_back(method + " " + path + " -> " +
                                         std::to_string(reply.status) + ": " +
                                         reply.body.substr(0, 300));
        } catch (const std::exception&) {
            _gone = true;  // refused, reset or cut short: the server died
        }
        return std::nullopt;
    }

private:
    const HttpClient& _client;
    CrashLedger& _ledger;
    CrashClientReport& _report;
    bool _gone = false;
};

}  // namespace nusqa::test
