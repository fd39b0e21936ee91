#include "storage/RecordSamples.h"

#include "crypto/Digest.h"

namespace nusqa::test {

NewAuditEntry auditEntry(const std::string& action, const std::string& objectId,
                         const std::string& details) {
    return NewAuditEntry{kTestTime, 7, "тексеруші", action, "edition", objectId, details};
}

User addUser(Storage& storage, const std::string& login, std::vector<Role> roles,
             std::optional<std::int64_t> unitId, std::optional<std::int64_t> positionId) {
    UserRecord record;
    record.user.login = login;
    record.user.fullNameKk = "Қызметкер " + login;
    record.user.fullNameRu = "Сотрудник " + login;
    record.user.email = login + "@university.test";
    record.user.roles = std::move(roles);
    record.user.unitId = unitId;
    record.user.positionId = positionId;
    record.passwordHash = "$argon2id$v=19$m=4096,t=1,p=1$c2FsdA$aGFzaA";
    record.createdAt = kTestTime;
    return require(storage.people().createUser(record, {auditEntry("user.create", login)}));
}

Edition addDraft(Storage& storage, const std::string& code) {
    Document document = require(storage.documents().createDocument(sampleDocument(code), {}));
    return require(storage.documents().createEdition(
        sampleEdition(document.id, 1, Language::Kazakh, sampleXml(code)), {}));
}

LifecycleChange changeTo(Storage& storage, std::int64_t editionId, EditionStatus status) {
    EditionLifecycle current = require(storage.lifecycle().lifecycle(editionId));
    LifecycleChange change;
    change.editionId = editionId;
    change.expectedVersion = current.version;
    change.expectedStatus = current.edition.status;
    change.expectedSha256 = current.edition.sha256;
    change.newStatus = status;
    change.at = kTestTime;
    return change;
}

void walk(Storage& storage, std::int64_t editionId, std::vector<EditionStatus> statuses) {
    for (EditionStatus status : statuses) {
        LifecycleChange change = changeTo(storage, editionId, status);
        if (status == EditionStatus::InForce) {
            Edition edition = require(storage.documents().edition(editionId));
            change.enterIntoForce = true;
            change.enteredAt = kTestTime;
            change.expectedInForce =
                require(storage.lifecycle().editionInForce(edition.documentId, edition.language));
        }
        require(storage.lifecycle().apply(change));
    }
}

}  // namespace nusqa::test
