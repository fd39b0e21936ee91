#include "timestamp/TimestampClient.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <memory>
#include <sstream>

namespace nusqa::timestamp {
namespace {

// A reply holds a token with the authority's certificate chain: a few KB.
constexpr std::streamsize kMaxReplyBytes = 256 * 1024;

Result<std::string> post(const Poco::URI& uri, int timeoutSeconds, const std::string& request) {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (uri.getScheme() == "https") {
        // The system's CAs verify the authority's server certificate; no
        // process-wide SSLManager set-up is needed for this one session.
        static const Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                   Poco::Net::Context::VERIFY_RELAXED, 9, true);
        session =
            std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
    } else
        session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    session->setTimeout(Poco::Timespan(timeoutSeconds, 0));
    std::string path = uri.getPathAndQuery();
    if (path.empty()) path = "/";
    Poco::Net::HTTPRequest message(Poco::Net::HTTPRequest::HTTP_POST, path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    message.setContentType("application/timestamp-query");
    message.setContentLength(static_cast<std::streamsize>(request.size()));
    session->sendRequest(message) << request;
    Poco::Net::HTTPResponse response;
    std::istream& body = session->receiveResponse(response);
    if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK)
        return fail(ErrorCode::Unavailable,
                    "time-stamp authority " + uri.getHost() + " answered " +
                        std::to_string(static_cast<int>(response.getStatus())));
    if (response.getContentType().find("application/timestamp-reply") == std::string::npos)
        return fail(ErrorCode::Unavailable, "time-stamp authority " + uri.getHost() + " answered " +
                                                response.getContentType() +
                                                ", not application/timestamp-reply");
    std::ostringstream reply;
    Poco::StreamCopier::copyStream(body, reply, 8192);
    if (static_cast<std::streamsize>(reply.str().size()) > kMaxReplyBytes)
        return fail(ErrorCode::Unavailable,
                    "time-stamp authority " + uri.getHost() + " answered too much");
    return reply.str();
}

}  // namespace

Result<TimestampTransport> timestampClient(const std::string& url, int timeoutSeconds) {
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception& error) {
        return fail(ErrorCode::InvalidArgument, "signing.tsaUrl: " + error.displayText());
    }
    if ((uri.getScheme() != "http" && uri.getScheme() != "https") || uri.getHost().empty())
        return fail(ErrorCode::InvalidArgument,
                    "signing.tsaUrl must be an http:// or https:// URL");
    return TimestampTransport([uri,
                               timeoutSeconds](const std::string& request) -> Result<std::string> {
        try {
            return post(uri, timeoutSeconds, request);
        } catch (const Poco::Exception& error) {
            return fail(ErrorCode::Unavailable, "time-stamp authority " + uri.getHost() +
                                                    " cannot be reached: " + error.displayText());
        }
    });
}

}  // namespace nusqa::timestamp
