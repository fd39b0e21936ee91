// SmtpMailer: the Mailer of the notifications, over SMTP with Poco::Net
// (linked PRIVATE here). One short session per message: connect,
// EHLO, optional AUTH LOGIN, MAIL/RCPT/DATA, QUIT. Subjects are RFC 2047
// encoded UTF-8; bodies UTF-8 quoted-printable. The password is never logged
// nor put in an error message.
// Thread safety: send() may be called from any thread; each call has its
// own session.
// Errors: Unavailable when the server cannot be reached or times out;
// InvalidArgument when it refuses the sender or the recipient.
#pragma once

#include <string>

#include "domain/Mailer.h"

namespace nusqa::mail {

struct SmtpSettings {
    std::string host = "127.0.0.1";
    int port = 25;
    std::string from = "nusqa@localhost";
    std::string user;  // empty: no AUTH
    std::string password;
    int timeoutSeconds = 10;
};

class SmtpMailer final : public Mailer {
public:
    explicit SmtpMailer(SmtpSettings settings) : _settings(std::move(settings)) {}
    Status send(const NewMail& mail) override;

private:
    SmtpSettings _settings;
};

}  // namespace nusqa::mail
