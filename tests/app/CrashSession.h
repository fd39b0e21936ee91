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
#include <vector>

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
            remember(method + " " + path + " -> " + std::to_string(reply.status) + " " +
                     reply.body.substr(0, 80));
            if (reply.status >= 200 && reply.status < 300) {
                if (method != "GET") _ledger.countWrite();
                return reply;
            }
            // The client's requests before this one, for the reader of the
            // report: which acts led to the answer.
            std::string before;
            for (std::size_t i = 0; i + 1 < _recent.size(); ++i)
                before += "\n    before: " + _recent[i];
            _report.unexpected.push_back(method + " " + path + " -> " +
                                         std::to_string(reply.status) + ": " +
                                         reply.body.substr(0, 300) + before);
        } catch (const std::exception&) {
            _gone = true;  // refused, reset or cut short: the server died
        }
        return std::nullopt;
    }

private:
    void remember(std::string line) {
        for (char& c : line)
            if (c == '\n' || c == '\r') c = ' ';
        if (_recent.size() == 8) _recent.erase(_recent.begin());
        _recent.push_back(std::move(line));
    }

    const HttpClient& _client;
    CrashLedger& _ledger;
    CrashClientReport& _report;
    std::vector<std::string> _recent;  // the last 8 requests and answers
    bool _gone = false;
};

}  // namespace nusqa::test
