// Contract cases of PeopleStore on every backend: units, positions, users,
// credentials, and the audit entries their mutations append.
#include "storage/RecordSamples.h"

using namespace nusqa;
using namespace nusqa::test;

NUSQA_STORE_CASE(units_and_positions_are_created_and_listed) {
    PeopleStore& people = fixture.storage().people();
    BOOST_TEST(require(people.units()).empty());
    Unit faculty = require(
        people.createUnit(Unit{0, "Ақпараттық технологиялар факультеті", "Факультет ИТ", {}},
                          {auditEntry("unit.create")}));
    Unit department =
        require(people.createUnit(Unit{0, "Бағдарламалау кафедрасы", "", faculty.id}, {}));
    BOOST_TEST(department.id > faculty.id);
    auto units = require(people.units());
    BOOST_TEST_REQUIRE(units.size() == 2u);
    BOOST_TEST(units[0].nameKk == "Ақпараттық технологиялар факультеті");
    BOOST_TEST(units[0].nameRu == "Факультет ИТ");
    BOOST_TEST(!units[0].parentId.has_value());
    BOOST_TEST((units[1].parentId == faculty.id));
    requireError(people.createUnit(Unit{0, "Жоқ", "", 999999}, {}), ErrorCode::NotFound);

    Position head = require(
        people.createPosition(Position{0, "Кафедра меңгерушісі", "Заведующий кафедрой"}, {}));
    auto positions = require(people.positions());
    BOOST_TEST_REQUIRE(positions.size() == 1u);
    BOOST_TEST(positions[0].id == head.id);
    BOOST_TEST(positions[0].nameRu == "Заведующий кафедрой");
    // The audit entry got the new unit's id.
    AuditPage page = require(fixture.storage().audit().listAudit(AuditQuery{}));
    BOOST_TEST_REQUIRE(page.total == 1);
    BOOST_TEST(page.items[0].entry.objectId == std::to_string(faculty.id));
}

NUSQA_STORE_CASE(users_round_trip_and_logins_are_unique) {
    Storage& storage = fixture.storage();
    PeopleStore& people = storage.people();
    Unit unit = require(people.createUnit(Unit{0, "Сапа бөлімі", "Отдел качества", {}}, {}));
    Position position = require(people.createPosition(Position{0, "Маман", "Специалист"}, {}));
    User user =
        addUser(storage, "a.sakhiyev", {Role::Approver, Role::Author}, unit.id, position.id);
    BOOST_TEST(user.id > 0);
    BOOST_TEST(user.login == "a.sakhiyev");
    BOOST_TEST(user.fullNameKk == "Қызметкер a.sakhiyev");
    BOOST_TEST((user.roles == std::vector<Role>{Role::Approver, Role::Author}));
    BOOST_TEST((user.unitId == unit.id));
    BOOST_TEST(user.positionKk == "Маман");
    BOOST_TEST(user.positionRu == "Специалист");
    BOOST_TEST(user.active);
    BOOST_TEST(user.createdAt == kTestTime);

    BOOST_TEST(require(people.user(user.id)).email == "a.sakhiyev@university.test");
    BOOST_TEST(require(people.userByLogin("a.sakhiyev")).id == user.id);
    requireError(people.userByLogin("nobody"), ErrorCode::NotFound);
    requireError(people.user(424242), ErrorCode::NotFound);
    BOOST_TEST(require(people.passwordHash(user.id)).starts_with("$argon2id$"));
    require(
        people.setPasswordHash(user.id, "$argon2id$new", {auditEntry("auth.password_change")}, ""));
    BOOST_TEST(require(people.passwordHash(user.id)) == "$argon2id$new");
    requireError(people.setPasswordHash(999999, "$argon2id$x", {}, ""), ErrorCode::NotFound);

    UserRecord oneTime;
    oneTime.user.login = "admin";
    oneTime.user.email = "admin@localhost";
    oneTime.user.roles = {Role::Admin};
    oneTime.user.mustChangePassword = true;
    oneTime.passwordHash = "$argon2id$once";
    oneTime.createdAt = kTestTime;
    User admin = require(people.createUser(oneTime, {}));
    BOOST_TEST(admin.mustChangePassword);
    BOOST_TEST(!user.mustChangePassword);
    require(people.setPasswordHash(admin.id, "$argon2id$chosen", {}, ""));
    BOOST_TEST(!require(people.user(admin.id)).mustChangePassword);

    UserRecord duplicate;
    duplicate.user.login = "a.sakhiyev";
    duplicate.user.email = "x@y";
    duplicate.user.roles = {Role::Employee};
    duplicate.passwordHash = "h";
    duplicate.createdAt = kTestTime;
    requireError(people.createUser(duplicate, {}), ErrorCode::Conflict, {"taken"});
    duplicate.user.login = "other";
    duplicate.user.unitId = 999999;
    requireError(people.createUser(duplicate, {}), ErrorCode::NotFound);
    BOOST_TEST(require(people.countUsers()) == 2);
}

NUSQA_STORE_CASE(users_are_filtered_by_unit_role_and_activity) {
    Storage& storage = fixture.storage();
    Unit first = require(storage.people().createUnit(Unit{0, "Бірінші", "", {}}, {}));
    Unit second = require(storage.people().createUnit(Unit{0, "Екінші", "", {}}, {}));
    addUser(storage, "e1", {Role::Employee}, first.id);
    addUser(storage, "e2", {Role::Employee}, second.id);
    addUser(storage, "q1", {Role::QualityOffice, Role::Employee}, second.id);
    addUser(storage, "nobody", {Role::Auditor});
    BOOST_TEST(require(storage.people().users(UserQuery{})).size() == 4u);
    UserQuery byUnit;
    byUnit.unitIds = {second.id};
    BOOST_TEST(require(storage.people().users(byUnit)).size() == 2u);
    byUnit.unitIds = {first.id, second.id};
    BOOST_TEST(require(storage.people().users(byUnit)).size() == 3u);
    UserQuery byRole;
    byRole.role = Role::QualityOffice;
    byRole.activeOnly = true;
    auto office = require(storage.people().users(byRole));
    BOOST_TEST_REQUIRE(office.size() == 1u);
    BOOST_TEST(office[0].login == "q1");
}

NUSQA_STORE_CASE(credentials_are_kept_by_hash_and_deleted) {
    Storage& storage = fixture.storage();
    User user = addUser(storage, "holder", {Role::Employee});
    Credential session{std::string(64, 'a'),   user.id, CredentialKind::Session, "", kTestTime,
                       "2026-03-02T21:00:00Z", ""};
    Credential token{
        std::string(64, 'b'), user.id, CredentialKind::ApiToken, "скрипт", kTestTime, "", ""};
    require(storage.people().saveCredential(session, {auditEntry("auth.login")}));
    require(storage.people().saveCredential(token, {}));
    Credential found = require(storage.people().credential(std::string(64, 'a')));
    BOOST_TEST(found.userId == user.id);
    BOOST_TEST((found.kind == CredentialKind::Session));
    BOOST_TEST(found.expiresAt == "2026-03-02T21:00:00Z");
    Credential api = require(storage.people().credential(std::string(64, 'b')));
    BOOST_TEST((api.kind == CredentialKind::ApiToken));
    BOOST_TEST(api.name == "скрипт");
    BOOST_TEST(api.expiresAt.empty());
    requireError(storage.people().saveCredential(session, {}), ErrorCode::Conflict);
    require(storage.people().deleteCredential(std::string(64, 'a'), {auditEntry("auth.logout")}));
    requireError(storage.people().credential(std::string(64, 'a')), ErrorCode::NotFound);
    BOOST_TEST(fixture.countRows("credentials") == 1);
    // user.create, auth.login, auth.logout
    BOOST_TEST(fixture.countRows("audit_log") == 3);
}

NUSQA_STORE_CASE(a_credential_is_read_with_its_user) {
    Storage& storage = fixture.storage();
    User user = addUser(storage, "holder", {Role::Employee});
    addUser(storage, "other", {Role::Auditor});
    require(storage.people().saveCredential(
        Credential{std::string(64, 'a'), user.id, CredentialKind::ApiToken, "скрипт", kTestTime, "",
                   ""},
        {}));
    PeopleStore::CredentialOwner found =
        require(storage.people().credentialWithUser(std::string(64, 'a')));
    BOOST_TEST(found.credential.userId == user.id);
    BOOST_TEST(found.credential.name == "скрипт");
    BOOST_TEST(found.user.id == user.id);
    BOOST_TEST(found.user.login == "holder");
    BOOST_TEST(found.user.active);
    // A deactivated owner is read as such (deactivation also ends its
    // credentials, so a fresh one is saved afterwards).
    user.active = false;
    require(storage.people().updateUser(user, {}));
    requireError(storage.people().credentialWithUser(std::string(64, 'a')), ErrorCode::NotFound);
    require(storage.people().saveCredential(
        Credential{std::string(64, 'b'), user.id, CredentialKind::Session, "", kTestTime,
                   "2026-03-02T21:00:00Z", ""},
        {}));
    BOOST_TEST(!require(storage.people().credentialWithUser(std::string(64, 'b'))).user.active);
    requireError(storage.people().credentialWithUser(std::string(64, 'c')), ErrorCode::NotFound);
}

NUSQA_STORE_CASE(a_password_change_ends_every_other_credential) {
    Storage& storage = fixture.storage();
    PeopleStore& people = storage.people();
    User user = addUser(storage, "holder", {Role::Employee});
    User other = addUser(storage, "other", {Role::Employee});
    auto save = [&](char fill, const User& owner, CredentialKind kind) {
        require(people.saveCredential(
            Credential{std::string(64, fill), owner.id, kind, "", kTestTime, "", ""}, {}));
    };
    save('a', user, CredentialKind::Session);
    save('b', user, CredentialKind::ApiToken);
    save('c', user, CredentialKind::Session);
    save('d', other, CredentialKind::ApiToken);
    std::vector<Credential> listed = require(people.credentialsOf(user.id));
    BOOST_TEST_REQUIRE(listed.size() == 3u);
    BOOST_TEST(listed[0].handle() == std::string(16, 'a'));
    BOOST_TEST(listed[0].lastUsedAt.empty());

    // Last use noted, at most once per interval.
    require(people.touchCredential(std::string(64, 'b'), "2026-03-02T10:00:00Z",
                                   "2026-03-02T09:59:00Z"));
    require(people.touchCredential(std::string(64, 'b'), "2026-03-02T10:00:30Z",
                                   "2026-03-02T09:59:30Z"));
    BOOST_TEST(require(people.credential(std::string(64, 'b'))).lastUsedAt ==
               "2026-03-02T10:00:00Z");

    // The session that changed the password stays; the others go, in the
    // same transaction as the change.
    require(people.setPasswordHash(user.id, "$argon2id$new", {auditEntry("auth.password_change")},
                                   std::string(64, 'c')));
    listed = require(people.credentialsOf(user.id));
    BOOST_TEST_REQUIRE(listed.size() == 1u);
    BOOST_TEST(listed[0].tokenHash == std::string(64, 'c'));
    BOOST_TEST(require(people.credentialsOf(other.id)).size() == 1u);

    // An admin's reset ends all; so does a deactivation; or ending them.
    require(people.setOneTimePassword(user.id, "$argon2id$once", {}));
    BOOST_TEST(require(people.credentialsOf(user.id)).empty());
    save('e', user, CredentialKind::Session);
    save('f', user, CredentialKind::ApiToken);
    BOOST_TEST(require(people.deleteCredentialsOf(user.id, CredentialKind::Session,
                                                  {auditEntry("auth.sessions_end")})) == 1);
    BOOST_TEST(require(people.credentialsOf(user.id)).size() == 1u);
    User inactive = user;
    inactive.active = false;
    require(people.updateUser(inactive, {}));
    BOOST_TEST(require(people.credentialsOf(user.id)).empty());
    BOOST_TEST(require(people.credentialsOf(other.id)).size() == 1u);
}
