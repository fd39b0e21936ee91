#include "mail/SmtpMailer.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SMTPClientSession.h>

#include <algorithm>
#include <sstream>

namespace nusqa::mail {
namespace {

// RFC 2047 "B" encoded words that never split a UTF-8 character (Poco's
// encodeWord does split them, which readers show as garbage in Kazakh and
// Russian subjects). 45 bytes of text make 60 base64 characters: each word
// stays within the 75 characters RFC 2047 allows.
std::string encodeSubject(const std::string& text) {
    bool plain = true;
    for (unsigned char c : text) plain = plain && c >= 0x20 && c < 0x7f;
    if (plain) return text;
    constexpr std::size_t kChunk = 45;
    std::string encoded;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = std::min(start + kChunk, text.size());
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        std::ostringstream base64;
        Poco::Base64Encoder encoder(base64);
        encoder.rdbuf()->setLineLength(0);
        encoder << text.substr(start, end - start);
        encoder.close();
        if (!encoded.empty()) encoded += ' ';
        encoded += "=?UTF-8?B?" + base64.str() + "?=";
        start = end;
    }
    return encoded;
}

}  // namespace

Status SmtpMailer::send(const NewMail& mail) {
    const std::string server = _settings.host + ":" + std::to_string(_settings.port);
    try {
        Poco::Net::MailMessage message;
        message.setSender(_settings.from);
        message.addRecipient(
            Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, mail.recipient));
        message.setSubject(encodeSubject(mail.subject));
        message.setContentType("text/plain; charset=UTF-8");
        message.setContent(mail.body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);

        Poco::Net::SMTPClientSession session(_settings.host,
                                             static_cast<Poco::UInt16>(_settings.port));
        session.setTimeout(Poco::Timespan(_settings.timeoutSeconds, 0));
        if (_settings.user.empty())
            session.login();
        else
            session.login(Poco::Net::SMTPClientSession::AUTH_LOGIN, _settings.user,
                          _settings.password);
        session.sendMessage(message);
        session.close();
        return {};
    } catch (const Poco::Net::SMTPException& error) {
        return fail(ErrorCode::InvalidArgument, "smtp: " + server + " refused the message to " +
                                                    mail.recipient + ": " + error.message());
    } catch (const Poco::Exception& error) {
        return fail(ErrorCode::Unavailable, "smtp: " + server + ": " + error.displayText());
    } catch (const std::exception& error) {
        return fail(ErrorCode::Unavailable, "smtp: " + server + ": " + error.what());
    }
}

}  // namespace nusqa::mail
