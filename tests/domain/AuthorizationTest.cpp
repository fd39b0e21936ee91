// The one role x action table: separation of duties.
#include <boost/test/unit_test.hpp>

#include <set>

#include "domain/Authorization.h"

using namespace nusqa;

BOOST_AUTO_TEST_CASE(authorization_table_separates_duties) {
    // An auditor reads everything and changes nothing.
    std::set<Action> reads{Action::ReadRegister, Action::ReadOwn, Action::ReadPeople,
                           Action::ReadQualityRecords, Action::ReadAudit};
    for (Action action : kAllActions)
        BOOST_TEST(roleAllows(Role::Auditor, action) == reads.contains(action), toString(action));
    BOOST_TEST(roleAllows(Role::Admin, Action::ManagePeople));
    BOOST_TEST(!roleAllows(Role::Admin, Action::Approve));
    BOOST_TEST(!roleAllows(Role::Employee, Action::EditDrafts));
    BOOST_TEST(roleAllows(Role::Employee, Action::Familiarize));
    BOOST_TEST(roleAllows(Role::Approver, Action::Agree));
    BOOST_TEST(!roleAllows(Role::QualityOffice, Action::Agree));
    for (Role role : kAllRoles) BOOST_TEST(!roleAllows(role, Action::RunScheduler));
    User employee;
    employee.login = "e";
    employee.roles = {Role::Employee};
    auto refused = authorize(employee, Action::Approve);
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST((refused.error().code == ErrorCode::Forbidden));
    BOOST_TEST(refused.error().message.find("approve editions") != std::string::npos);
    employee.active = false;
    BOOST_TEST(!authorize(employee, Action::ReadOwn).has_value());
}
