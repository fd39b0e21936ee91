#include "http/RemoteRegister.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/URI.h>

#include <chrono>
#include <memory>

namespace nusqa::http {
namespace {

// An edition check is a few hundred bytes; anything far larger is not one.
constexpr std::size_t kMaxAnswerBytes = 64 * 1024;

std::string textOf(const Poco::JSON::Object& object, const std::string& name) {
    if (!object.has(name) || !object.get(name).isString()) return {};
    return object.getValue<std::string>(name);
}

std::int64_t integerOf(const Poco::JSON::Object& object, const std::string& name) {
    if (!object.has(name) || !object.get(name).isInteger()) return 0;
    return object.getValue<std::int64_t>(name);
}

// The answer of GET /verify/{id}/{sha256} as an edition check; throws
// Poco::Exception when the server cannot be reached or answers garbage.
EditionCheck ask(const Poco::URI& base, int timeoutSeconds, std::int64_t editionId,
                 std::string_view sha256) {
    EditionCheck check;
    check.editionId = editionId;
    check.sha256 = std::string(sha256);
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (base.getScheme() == "https") {
        // The system's CAs verify the server's certificate.
        static const Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                   Poco::Net::Context::VERIFY_RELAXED, 9, true);
        session = std::make_unique<Poco::Net::HTTPSClientSession>(base.getHost(), base.getPort(),
                                                                  context);
    } else
        session = std::make_unique<Poco::Net::HTTPClientSession>(base.getHost(), base.getPort());
    session->setTimeout(Poco::Timespan(timeoutSeconds, 0));
    std::string path = base.getPath();
    while (path.ends_with('/')) path.pop_back();
    path += "/verify/" + std::to_string(editionId) + "/" + check.sha256;
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Accept", "application/json");
    session->sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& body = session->receiveResponse(response);
    // The session's timeout bounds each read; the deadline bounds them all
    // (a server dripping a byte at a time).
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
    std::string answer;
    char buffer[8192];
    while (body.read(buffer, sizeof buffer) || body.gcount() > 0) {
        answer.append(buffer, static_cast<std::size_t>(body.gcount()));
        if (answer.size() > kMaxAnswerBytes) {
            check.problem = "the server " + base.getHost() + " answered too much";
            return check;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            check.problem = "the server " + base.getHost() + " answered too slowly";
            return check;
        }
    }
    int status = static_cast<int>(response.getStatus());
    if (response.getContentType().find("application/json") == std::string::npos) {
        check.problem = "the server " + base.getHost() + " answered " + std::to_string(status) +
                        " without an edition check (is it a Nusqa server?)";
        return check;
    }
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var parsed = parser.parse(answer);
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
        throw Poco::DataFormatException("the answer is not a JSON object");
    const Poco::JSON::Object& object = *parsed.extract<Poco::JSON::Object::Ptr>();
    check.found = status == 200 && object.has("found") && object.get("found").isBoolean() &&
                  object.getValue<bool>("found");
    std::string statusName = textOf(object, "status");
    check.status = statusName.empty() ? "unknown" : statusName;
    check.problem = textOf(object, "message");
    check.documentCode = textOf(object, "documentCode");
    check.documentTitle = textOf(object, "documentTitle");
    if (check.found) {
        Edition edition;
        edition.id = editionId;
        edition.sha256 = check.sha256;
        edition.documentId = integerOf(object, "documentId");
        edition.number = static_cast<int>(integerOf(object, "number"));
        edition.language = parseLanguage(textOf(object, "language")).value_or(Language::Kazakh);
        edition.status = parseEditionStatus(check.status).value_or(EditionStatus::Draft);
        check.edition = std::move(edition);
    }
    return check;
}

EditionCheck unanswered(const Poco::URI& base, std::int64_t editionId, std::string_view sha256,
                        const std::string& why) {
    EditionCheck check;
    check.editionId = editionId;
    check.sha256 = std::string(sha256);
    check.problem = "the server " + base.getHost() + " gave no edition check: " + why;
    return check;
}

}  // namespace

Result<EditionLookup> remoteRegister(const std::string& baseUrl, int timeoutSeconds) {
    Poco::URI base;
    try {
        base = Poco::URI(baseUrl);
    } catch (const Poco::Exception& error) {
        return fail(ErrorCode::InvalidArgument, "--server: " + error.displayText());
    }
    if ((base.getScheme() != "http" && base.getScheme() != "https") || base.getHost().empty())
        return fail(ErrorCode::InvalidArgument, "--server must be an http:// or https:// URL");
    return EditionLookup([base, timeoutSeconds](std::int64_t editionId, std::string_view sha256) {
        try {
            return ask(base, timeoutSeconds, editionId, sha256);
        } catch (const Poco::Exception& error) {
            return unanswered(base, editionId, sha256, error.displayText());
        } catch (const std::exception& error) {
            return unanswered(base, editionId, sha256, error.what());
        }
    });
}

}  // namespace nusqa::http
