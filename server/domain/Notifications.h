// The texts of the e-mail notifications, in the recipient's language
// (Kazakh or Russian). Pure functions; thread-safe.
#pragma once

#include <string>

#include "domain/Outbox.h"
#include "domain/People.h"

namespace nusqa {

enum class MailKind {
    AgreementRequest,  // келісуге / на согласование
    Rejected,          // returned to draft with a comment
    Agreed,            // every approver agreed: ready for approval
    Approved,
    Familiarization,  // an assignment with its due date
    OverdueReminder,
    ReviewDue,
    CopyRecall,  // the edition lost force: return the controlled copy
};

struct MailFacts {
    std::string code;  // document code
    std::string title;
    int editionNumber = 0;
    std::string date;   // due date, effective date or review date
    std::string actor;  // who acted (name)
    std::string comment;
};

// The message to the recipient's e-mail address, in their language.
NewMail composeMail(const User& recipient, MailKind kind, const MailFacts& facts);

}  // namespace nusqa
