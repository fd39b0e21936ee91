// Mailer: the port that sends one mail of the outbox (SMTP in production,
// see mail/SmtpMailer.h).
//
// Thread safety: implementations may be called from any thread.
#pragma once

#include "domain/Error.h"
#include "domain/Outbox.h"

namespace nusqa {

class Mailer {
public:
    virtual ~Mailer() = default;
    // Unavailable when the server cannot be reached; InvalidArgument when it
    // refuses the recipient.
    virtual Status send(const NewMail& mail) = 0;
};

}  // namespace nusqa
