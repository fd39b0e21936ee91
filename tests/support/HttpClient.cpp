#include "support/HttpClient.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/AcceptCertificateHandler.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>

#include <cctype>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace nusqa::test {

std::string HttpReply::header(const std::string& lowerName) const {
    auto found = headers.find(lowerName);
    return found == headers.end() ? std::string() : found->second;
}

HttpClient::HttpClient(std::string host, int port,
                       std::map<std::string, std::string> defaultHeaders, bool secure)
    : _host(std::move(host)),
      _port(port),
      _defaultHeaders(std::move(defaultHeaders)),
      _secure(secure) {}

static std::unique_ptr<Poco::Net::HTTPClientSession> openSession(const std::string& host, int port,
                                                                 bool secure) {
    if (!secure)
        return std::make_unique<Poco::Net::HTTPClientSession>(host,
                                                              static_cast<Poco::UInt16>(port));
    static std::once_flag initialised;
    static Poco::Net::Context::Ptr context;
    std::call_once(initialised, [] {
        Poco::Net::initializeSSL();
        context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                         Poco::Net::Context::VERIFY_NONE);
    });
    return std::make_unique<Poco::Net::HTTPSClientSession>(host, static_cast<Poco::UInt16>(port),
                                                           context);
}

namespace {

std::mutex recording;
std::vector<Exchange>* recorded = nullptr;  // guarded by recording

void record(const std::string& method, const std::string& path, const HttpReply& reply) {
    std::lock_guard lock(recording);
    if (recorded != nullptr) recorded->push_back({method, path, reply});
}

}  // namespace

ReplyRecorder::ReplyRecorder() {
    std::lock_guard lock(recording);
    if (recorded != nullptr) throw std::logic_error("one ReplyRecorder at a time");
    recorded = new std::vector<Exchange>;
}

ReplyRecorder::~ReplyRecorder() {
    std::lock_guard lock(recording);
    delete recorded;
    recorded = nullptr;
}

std::vector<Exchange> ReplyRecorder::exchanges() const {
    std::lock_guard lock(recording);
    return *recorded;
}

HttpReply HttpClient::request(const std::string& method, const std::string& path,
                              const std::string& body,
                              const std::map<std::string, std::string>& headers) const {
    auto owned = openSession(_host, _port, _secure);
    Poco::Net::HTTPClientSession& session = *owned;
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    bool chunked = false;
    std::map<std::string, std::string> all = _defaultHeaders;
    for (const auto& [name, value] : headers) all[name] = value;
    for (const auto& [name, value] : all) {
        if (name == "Transfer-Encoding" && value == "chunked")
            chunked = true;
        else
            request.set(name, value);
    }
    if (chunked)
        request.setChunkedTransferEncoding(true);
    else if (!body.empty() || method == "POST" || method == "PUT")
        request.setContentLength(static_cast<std::streamsize>(body.size()));
    std::ostream& out = session.sendRequest(request);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpReply reply;
    reply.status = static_cast<int>(response.getStatus());
    Poco::StreamCopier::copyToString(in, reply.body);
    for (const auto& [name, value] : response) {
        std::string lower = name;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        reply.headers[lower] = value;
    }
    record(method, path, reply);
    return reply;
}

static Poco::JSON::Object::Ptr parseObject(const std::string& json) {
    Poco::JSON::Parser parser;
    return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}

long long jsonInt(const std::string& json, const std::string& field) {
    auto object = parseObject(json);
    if (!object->has(field)) throw std::runtime_error("no field " + field + " in " + json);
    return object->getValue<long long>(field);
}

std::string jsonString(const std::string& json, const std::string& field) {
    auto object = parseObject(json);
    if (!object->has(field)) throw std::runtime_error("no field " + field + " in " + json);
    return object->getValue<std::string>(field);
}

}  // namespace nusqa::test
