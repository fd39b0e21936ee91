// A small blocking HTTP/1.1 client for tests (Poco::Net underneath). One
// instance per thread; each call uses a fresh connection unless keepAlive.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace nusqa::test {

struct HttpReply {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // names lower-cased

    std::string header(const std::string& lowerName) const;
};

class HttpClient {
public:
    // defaultHeaders go with every request (e.g. Authorization); a header
    // given to request() wins. secure: HTTPS without certificate checks
    // (tests talk to a self-signed loopback server).
    HttpClient(std::string host, int port, std::map<std::string, std::string> defaultHeaders = {},
               bool secure = false);

    // A header "Transfer-Encoding: chunked" sends the body in chunks
    // instead of with a Content-Length.
    HttpReply request(const std::string& method, const std::string& path,
                      const std::string& body = {},
                      const std::map<std::string, std::string>& headers = {}) const;
    HttpReply get(const std::string& path,
                  const std::map<std::string, std::string>& headers = {}) const {
        return request("GET", path, {}, headers);
    }
    HttpReply postJson(const std::string& path, const std::string& json) const {
        return request("POST", path, json, {{"Content-Type", "application/json"}});
    }
    HttpReply postXml(const std::string& path, const std::string& xml) const {
        return request("POST", path, xml, {{"Content-Type", "application/xml"}});
    }

    // The same server with other default headers.
    HttpClient with(std::map<std::string, std::string> defaultHeaders) const {
        return HttpClient(_host, _port, std::move(defaultHeaders), _secure);
    }

private:
    std::string _host;
    int _port;
    std::map<std::string, std::string> _defaultHeaders;
    bool _secure = false;
};

// Every exchange of every HttpClient in this process while a ReplyRecorder
// lives (at most one at a time), e.g. to check each reply of a scenario
// against the API description afterwards. Thread-safe: clients on several
// threads record into the same list.
struct Exchange {
    std::string method;
    std::string path;  // as requested, with the query
    HttpReply reply;
};

class ReplyRecorder {
public:
    ReplyRecorder();
    ~ReplyRecorder();
    ReplyRecorder(const ReplyRecorder&) = delete;
    ReplyRecorder& operator=(const ReplyRecorder&) = delete;
    std::vector<Exchange> exchanges() const;
};

// The integer value of a top-level field of a flat JSON object reply, e.g.
// jsonInt(reply.body, "id"); throws std::runtime_error when absent.
long long jsonInt(const std::string& json, const std::string& field);
std::string jsonString(const std::string& json, const std::string& field);

}  // namespace nusqa::test
