#include "domain/Notifications.h"

namespace nusqa {
namespace {

struct Text {
    const char* subjectKk;
    const char* subjectRu;
    const char* bodyKk;
    const char* bodyRu;
};

// Subjects end with the document code; the body adds the edition, the date
// and the comment when there are any.
Text textOf(MailKind kind) {
    switch (kind) {
        case MailKind::AgreementRequest:
            return {"Келісуге", "На согласование", "Құжат сіздің келісуіңізді күтеді.",
                    "Документ ожидает вашего согласования."};
        case MailKind::Rejected:
            return {"Пысықтауға қайтарылды", "Возвращено на доработку",
                    "Құжат келісілмеді және жобаға қайтарылды.",
                    "Документ не согласован и возвращён в проект."};
        case MailKind::Agreed:
            return {"Келісілді", "Согласовано", "Құжатты барлық келісушілер келісті.",
                    "Документ согласован всеми участниками."};
        case MailKind::Approved:
            return {"Бекітілді", "Утверждено", "Құжат бекітілді.", "Документ утверждён."};
        case MailKind::Familiarization:
            return {"Танысу қажет", "Требуется ознакомление",
                    "Құжатпен танысып, танысу парағына қол қойыңыз.",
                    "Ознакомьтесь с документом и подпишите лист ознакомления."};
        case MailKind::OverdueReminder:
            return {"Еске салу: танысу мерзімі өтті", "Напоминание: срок ознакомления истёк",
                    "Құжатпен танысу мерзімі өтіп кетті.", "Срок ознакомления с документом истёк."};
        case MailKind::ReviewDue:
            return {"Қайта қарау мерзімі", "Срок пересмотра",
                    "Құжатты қайта қарау мерзімі жақындады.",
                    "Приближается срок пересмотра документа."};
        case MailKind::CopyRecall:
            return {"Бақыланатын дананы қайтару", "Возврат контрольного экземпляра",
                    "Құжаттың бұл басылымы күшін жойды. Сіздегі бақыланатын дананы құжаттарды "
                    "басқару бөліміне қайтарыңыз.",
                    "Это издание документа утратило силу. Верните находящийся у вас контрольный "
                    "экземпляр в службу управления документацией."};
    }
    return {"", "", "", ""};
}

}  // namespace

NewMail composeMail(const User& recipient, MailKind kind, const MailFacts& facts) {
    bool russian = recipient.language == Language::Russian;
    Text text = textOf(kind);
    NewMail mail;
    mail.recipient = recipient.email;
    mail.subject = std::string(russian ? text.subjectRu : text.subjectKk) + ": " + facts.code;
    std::string edition = russian ? "Издание № " : "Басылым № ";
    std::string date = russian ? "Дата: " : "Күні: ";
    std::string by = russian ? "Кто: " : "Кім: ";
    std::string comment = russian ? "Комментарий: " : "Түсініктеме: ";
    mail.body = std::string(russian ? "Здравствуйте, " : "Құрметті ") +
                recipient.fullName(recipient.language) + "!\n\n" +
                (russian ? text.bodyRu : text.bodyKk) + "\n\n" + facts.code + " «" + facts.title +
                "»\n" + edition + std::to_string(facts.editionNumber) + "\n";
    if (!facts.date.empty()) mail.body += date + facts.date + "\n";
    if (!facts.actor.empty()) mail.body += by + facts.actor + "\n";
    if (!facts.comment.empty()) mail.body += comment + facts.comment + "\n";
    mail.body += "\n-- Nusqa\n";
    return mail;
}

}  // namespace nusqa
