// Notification texts in the recipient's language.
#include <boost/test/unit_test.hpp>

#include "domain/Notifications.h"

using namespace nusqa;

BOOST_AUTO_TEST_CASE(mail_is_written_in_the_recipients_language) {
    User kazakh;
    kazakh.email = "k@university.test";
    kazakh.fullNameKk = "Айгүл Сейтқали";
    User russian = kazakh;
    russian.language = Language::Russian;
    russian.fullNameRu = "Айгуль Сейткали";
    MailFacts facts{"СМЖ 07.БЕ.51", "Коворкинг орталығы туралы", 2, "2026-03-12", "", ""};
    NewMail kk = composeMail(kazakh, MailKind::Familiarization, facts);
    NewMail ru = composeMail(russian, MailKind::Familiarization, facts);
    BOOST_TEST(kk.recipient == "k@university.test");
    BOOST_TEST(kk.subject == "Танысу қажет: СМЖ 07.БЕ.51");
    BOOST_TEST(ru.subject == "Требуется ознакомление: СМЖ 07.БЕ.51");
    BOOST_TEST(kk.body.find("Айгүл Сейтқали") != std::string::npos);
    BOOST_TEST(ru.body.find("Айгуль Сейткали") != std::string::npos);
    BOOST_TEST(ru.body.find("2026-03-12") != std::string::npos);
}
