// LifecycleService without HTTP, over the in-memory ports
// (tests/support/memory): the transition table act by act, turns on the
// agreement route, the registration of a paper edition in force, and the
// scheduler on a ManualClock.
#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

#include "domain/LifecycleService.h"
#include "support/PlainHasher.h"
#include "support/memory/MemoryStorage.h"

using namespace nusqa;
using nusqa::test::PlainHasher;

namespace {

// Reads "key=value;key=value" instead of XML: code, number, review, and the
// approval facts (position, name, decision, decisionDate, approved,
// effective).
class FactsCodec final : public EditionCodec {
public:
    Result<EditionFacts> inspect(std::string_view text) const override {
        std::map<std::string, std::string> fields;
        std::string item;
        auto take = [&] {
            auto equals = item.find('=');
            if (equals != std::string::npos)
                fields[item.substr(0, equals)] = item.substr(equals + 1);
            item.clear();
        };
        for (char c : text)
            if (c == ';')
                take();
            else
                item += c;
        take();
        EditionFacts facts;
        facts.code = fields["code"];
        facts.kind = DocumentKind::Regulation;
        facts.title = "Ереже";
        facts.language = Language::Kazakh;
        facts.number = std::stoi(fields["number"]);
        facts.reviewDate = fields["review"];
        facts.approval =
            PaperApproval{fields["position"],     fields["name"],     fields["decision"],
                          fields["decisionDate"], fields["approved"], fields["effective"]};
        return facts;
    }
    Result<std::string> nextEdition(std::string_view, const NextEditionFacts&) const override {
        return fail(ErrorCode::InvalidDocument, "not used here");
    }
};

SecurityFunctions plainSecurity() {
    return SecurityFunctions{[](std::size_t bytes) { return std::string(bytes * 2, 'a'); },
                             [](std::string_view bytes) { return "h:" + std::string(bytes); }};
}

constexpr const char* kPassword = "password-1";

struct LifecycleFixture {
    test::MemoryStorage storage;
    FactsCodec codec;
    PlainHasher hasher;
    ManualClock clock{epochOf("2026-03-02T09:00:00Z").value()};
    AuthService auth{storage.people(), storage.audit(), hasher, clock, plainSecurity()};
    LifecycleService service{
        storage.documents(), storage.lifecycle(), storage.people(), auth, codec, clock};
    Unit unit = *storage.people().createUnit(Unit{0, "Сапа бөлімі", "", {}}, {});
    User office = addUser("office", Role::QualityOffice);
    User author = addUser("author", Role::Author);
    User first = addUser("first", Role::Approver);
    User second = addUser("second", Role::Approver);
    User third = addUser("third", Role::Approver);
    User signer = addUser("signer", Role::Approver);  // the routes' signatory
    User employee = addUser("employee", Role::Employee);
    int documents = 0;

    User addUser(const std::string& login, Role role) {
        UserRecord record;
        record.user.login = login;
        record.user.fullNameKk = "Қызметкер " + login;
        record.user.email = login + "@university.test";
        record.user.roles = {role};
        record.user.unitId = unit.id;
        record.passwordHash = "plain:" + std::string(kPassword);
        record.createdAt = "2026-03-01T09:00:00Z";
        return *storage.people().createUser(record, {});
    }

    // A document distributed to the unit, and a draft of it.
    Edition draft(const std::string& facts = "", int number = 1,
                  std::optional<std::int64_t> documentId = std::nullopt) {
        if (!documentId) {
            Document document = *storage.documents().createDocument(
                {"СМЖ " + std::to_string(++documents), DocumentKind::Regulation, "Ереже", "",
                 Language::Kazakh},
                {});
            documentId = document.id;
            BOOST_TEST_REQUIRE(
                storage.lifecycle()
                    .setDistribution(*documentId, Distribution{{unit.id}, {}, {}}, {})
                    .has_value());
        }
        std::string xml = "code=" + storage.documents().document(*documentId)->code +
                          ";number=" + std::to_string(number) + ";" + facts;
        return *storage.documents().createEdition(
            {*documentId, number, Language::Kazakh, xml, "sha-" + std::to_string(number)}, {});
    }

    EditionStatus statusOf(std::int64_t editionId) {
        return storage.lifecycle().lifecycle(editionId)->edition.status;
    }

    RouteStep signatory() const { return {signer.id, 1, StepKind::Sign}; }
    std::vector<RouteStep> parallelRoute() const {
        return {{first.id, 1}, {second.id, 1}, signatory()};
    }

    // A fresh edition brought to the status through the service's own acts.
    std::int64_t editionAt(EditionStatus status) {
        Edition edition = draft();
        const std::int64_t id = edition.id;
        auto require = [](const auto& result) { BOOST_TEST_REQUIRE(result.has_value()); };
        switch (status) {
            case EditionStatus::Draft:
                break;
            case EditionStatus::InAgreement:
                require(service.submit(author, id, parallelRoute(), kPassword, ""));
                break;
            case EditionStatus::Agreed:
                require(service.submit(author, id, parallelRoute(), kPassword, ""));
                require(service.agree(first, id, kPassword, ""));
                require(service.agree(second, id, kPassword, ""));
                break;
            case EditionStatus::Approved:
                require(service.submit(author, id, parallelRoute(), kPassword, ""));
                require(service.agree(first, id, kPassword, ""));
                require(service.agree(second, id, kPassword, ""));
                require(service.approve(signer, id, kPassword, "№ 1", "2026-06-01", ""));
                break;
            case EditionStatus::InForce:
                require(service.submit(author, id, parallelRoute(), kPassword, ""));
                require(service.agree(first, id, kPassword, ""));
                require(service.agree(second, id, kPassword, ""));
                require(service.approve(signer, id, kPassword, "№ 1", "2026-03-02", ""));
                break;
            case EditionStatus::Superseded: {
                require(service.registerInForce(office, id, {}));
                Edition newer = draft("", 2, edition.documentId);
                require(service.registerInForce(office, newer.id, {}));
                break;
            }
            case EditionStatus::Cancelled:
                require(service.cancel(office, id, "not needed"));
                break;
        }
        BOOST_TEST_REQUIRE((statusOf(id) == status), toString(status));
        return id;
    }

    // The act done by the one who may do it, with what it needs.
    Status act(LifecycleAct act, std::int64_t id) {
        auto status = [](const auto& result) -> Status {
            if (!result) return std::unexpected(result.error());
            return {};
        };
        switch (act) {
            case LifecycleAct::Submit:
                return status(service.submit(author, id, parallelRoute(), kPassword, ""));
            case LifecycleAct::Agree:
                return status(service.agree(first, id, kPassword, ""));
            case LifecycleAct::Reject:
                return status(service.reject(first, id, kPassword, "2-тармақ түзетілсін"));
            case LifecycleAct::Approve:
                return status(service.approve(signer, id, kPassword, "№ 2", "2026-06-01", ""));
            case LifecycleAct::Cancel:
                return status(service.cancel(office, id, "not needed"));
            case LifecycleAct::Familiarize:
                return status(service.familiarize(employee, id, kPassword));
            case LifecycleAct::ReviewConfirm:
                return status(
                    service.review(office, id, ReviewOutcome::Confirmed, kPassword, "ok"));
            case LifecycleAct::ReviewRevise:
                return status(service.review(office, id, ReviewOutcome::Revise, kPassword, "old"));
            case LifecycleAct::ReviewCancel:
                return status(service.review(office, id, ReviewOutcome::Cancel, kPassword, "no"));
            case LifecycleAct::RegisterInForce:
                return status(service.registerInForce(office, id, {}));
            case LifecycleAct::CompleteAgreement:
            case LifecycleAct::EnterIntoForce:
            case LifecycleAct::Supersede:
                break;  // the system's own rows: the scheduler's tests
        }
        return fail(ErrorCode::Internal, "not a person's act");
    }

    std::vector<AuditEntry> auditOf(std::int64_t editionId) {
        AuditQuery query;
        query.objectType = "edition";
        query.objectId = std::to_string(editionId);
        return storage.audit().listAudit(query)->items;
    }
};

constexpr EditionStatus kStatuses[] = {EditionStatus::Draft,    EditionStatus::InAgreement,
                                       EditionStatus::Agreed,   EditionStatus::Approved,
                                       EditionStatus::InForce,  EditionStatus::Superseded,
                                       EditionStatus::Cancelled};

constexpr LifecycleAct kPersonsActs[] = {
    LifecycleAct::Submit,         LifecycleAct::Agree,        LifecycleAct::Reject,
    LifecycleAct::Approve,        LifecycleAct::Cancel,       LifecycleAct::Familiarize,
    LifecycleAct::ReviewConfirm,  LifecycleAct::ReviewRevise, LifecycleAct::ReviewCancel,
    LifecycleAct::RegisterInForce};

}  // namespace

BOOST_AUTO_TEST_SUITE(lifecycle_service)

BOOST_FIXTURE_TEST_CASE(every_status_and_act_follows_the_table, LifecycleFixture) {
    int allowed = 0;
    for (EditionStatus from : kStatuses)
        for (LifecycleAct act : kPersonsActs) {
            std::int64_t id = editionAt(from);
            BOOST_TEST_REQUIRE(service.tick().has_value());  // assignments of an edition in force
            const std::size_t entries = auditOf(id).size();
            auto transition = transitionFor(from, act);
            Status done = this->act(act, id);
            std::string pair = std::string(toString(from)) + " + " + std::string(toString(act));
            if (transition) {
                ++allowed;
                BOOST_TEST_REQUIRE(done.has_value(),
                                   pair << ": " << (done ? "" : done.error().message));
                BOOST_TEST((statusOf(id) == transition->to), pair);
                BOOST_TEST(auditOf(id).size() > entries, pair << " is audited");
            } else {
                BOOST_TEST_REQUIRE(!done.has_value(), pair << " was allowed");
                BOOST_TEST((done.error().code == ErrorCode::Conflict),
                           pair << ": " << done.error().message);
                BOOST_TEST((statusOf(id) == from), pair);
                BOOST_TEST(auditOf(id).size() == entries, pair << " wrote nothing");
            }
        }
    BOOST_TEST(allowed == 13);  // the table's rows for a person's acts
}

BOOST_FIXTURE_TEST_CASE(acts_need_their_role, LifecycleFixture) {
    std::int64_t draftId = draft().id;
    auto bySomeoneElse = service.submit(employee, draftId, parallelRoute(), kPassword, "");
    BOOST_TEST((bySomeoneElse.error().code == ErrorCode::Forbidden));
    BOOST_TEST((service.cancel(author, draftId, "").error().code == ErrorCode::Forbidden));
    BOOST_TEST((service.registerInForce(author, draftId, {}).error().code == ErrorCode::Forbidden));
    auto wrongPassword = service.submit(author, draftId, parallelRoute(), "wrong", "");
    BOOST_TEST((wrongPassword.error().code == ErrorCode::Unauthenticated));
    BOOST_TEST((statusOf(draftId) == EditionStatus::Draft));
    BOOST_TEST(auditOf(draftId).empty());
}

BOOST_FIXTURE_TEST_CASE(ordered_steps_agree_in_turn, LifecycleFixture) {
    std::int64_t id = draft().id;
    BOOST_TEST_REQUIRE(
        service.submit(author, id, {{first.id, 1}, {second.id, 2}, signatory()}, kPassword, "")
            .has_value());
    auto early = service.agree(second, id, kPassword, "");
    BOOST_TEST((early.error().code == ErrorCode::Forbidden));
    BOOST_TEST(early.error().message.find("out of turn") != std::string::npos);
    auto stranger = service.agree(third, id, kPassword, "");
    BOOST_TEST((stranger.error().code == ErrorCode::Forbidden));
    BOOST_TEST_REQUIRE(service.agree(first, id, kPassword, "").has_value());
    BOOST_TEST((service.agree(first, id, kPassword, "").error().code == ErrorCode::Conflict));
    BOOST_TEST((statusOf(id) == EditionStatus::InAgreement));
    BOOST_TEST_REQUIRE(service.agree(second, id, kPassword, "").has_value());
    BOOST_TEST((statusOf(id) == EditionStatus::Agreed));
}

BOOST_FIXTURE_TEST_CASE(parallel_steps_agree_in_any_order, LifecycleFixture) {
    std::int64_t id = draft().id;
    BOOST_TEST_REQUIRE(service
                           .submit(author, id,
                                   {{first.id, 1}, {second.id, 1}, {third.id, 2}, signatory()},
                                   kPassword, "")
                           .has_value());
    BOOST_TEST((service.agree(third, id, kPassword, "").error().code == ErrorCode::Forbidden));
    BOOST_TEST_REQUIRE(service.agree(second, id, kPassword, "").has_value());
    BOOST_TEST((service.agree(third, id, kPassword, "").error().code == ErrorCode::Forbidden));
    BOOST_TEST_REQUIRE(service.agree(first, id, kPassword, "").has_value());
    BOOST_TEST((statusOf(id) == EditionStatus::InAgreement));
    BOOST_TEST_REQUIRE(service.agree(third, id, kPassword, "").has_value());
    BOOST_TEST((statusOf(id) == EditionStatus::Agreed));
    // A rejection starts a new round with the same route.
    std::int64_t other = draft().id;
    BOOST_TEST_REQUIRE(
        service.submit(author, other, {{first.id, 1}, {second.id, 1}, signatory()}, kPassword, "")
            .has_value());
    BOOST_TEST((service.reject(first, other, kPassword, "").error().code ==
                ErrorCode::InvalidArgument));  // a comment is required
    BOOST_TEST_REQUIRE(service.reject(first, other, kPassword, "3-тармақ").has_value());
    BOOST_TEST((statusOf(other) == EditionStatus::Draft));
    BOOST_TEST_REQUIRE(service.submit(author, other, {}, kPassword, "").has_value());
    BOOST_TEST(storage.lifecycle().lifecycle(other)->round == 2);
}

BOOST_FIXTURE_TEST_CASE(a_paper_edition_is_registered_with_its_facts, LifecycleFixture) {
    Edition paper = draft(
        "position=Ректор;name=А. Наметов;decision=№ 13;decisionDate=2022-11-10;"
        "approved=2022-11-11;effective=2022-11-14+06:00;review=2025-11-14");
    // Facts stated by the office win; the others come from the XML.
    PaperApproval stated;
    stated.decision = "№ 13-б";
    auto registered = service.registerInForce(office, paper.id, stated, {"tests", "000.txt"});
    BOOST_TEST_REQUIRE(registered.has_value(),
                       (registered ? std::string() : registered.error().message));
    const EditionLifecycle& lifecycle = registered->lifecycle;
    BOOST_TEST((lifecycle.edition.status == EditionStatus::InForce));
    BOOST_TEST_REQUIRE(lifecycle.paper.has_value());
    BOOST_TEST(lifecycle.paper->approval.approverPosition == "Ректор");
    BOOST_TEST(lifecycle.paper->approval.approverName == "А. Наметов");
    BOOST_TEST(lifecycle.paper->approval.decision == "№ 13-б");
    BOOST_TEST(lifecycle.paper->approval.decisionDate == "2022-11-10");
    BOOST_TEST(lifecycle.paper->approval.approvalDate == "2022-11-11");
    BOOST_TEST(lifecycle.paper->approval.effectiveDate == "2022-11-14");
    BOOST_TEST(lifecycle.paper->registeredByLogin == "office");
    BOOST_TEST(lifecycle.paper->sourceFile == "000.txt");
    BOOST_TEST(lifecycle.reviewDate == "2025-11-14");
    BOOST_TEST(registered->signatures.empty(), "facts, never signatures");
    BOOST_TEST(
        storage.lifecycle().editionInForce(paper.documentId, Language::Kazakh)->value_or(0) ==
        paper.id);
    auto audit = auditOf(paper.id);
    BOOST_TEST_REQUIRE(audit.size() == 1u);
    BOOST_TEST(audit[0].entry.action == "edition.register_in_force");
    BOOST_TEST(audit[0].entry.actorLogin == "office");
    BOOST_TEST(audit[0].entry.details.find("file 000.txt") != std::string::npos);

    // Not twice; bad facts are refused before anything is written.
    BOOST_TEST((service.registerInForce(office, paper.id, {}).error().code == ErrorCode::Conflict));
    Edition next = draft("", 2, paper.documentId);
    PaperApproval badDate;
    badDate.effectiveDate = "14.11.2022";
    BOOST_TEST((service.registerInForce(office, next.id, badDate).error().code ==
                ErrorCode::InvalidArgument));
    PaperApproval twoLines;
    twoLines.approverName = "А.\nНаметов";
    BOOST_TEST((service.registerInForce(office, next.id, twoLines).error().code ==
                ErrorCode::InvalidArgument));

    // The next one supersedes it through the in-force record.
    BOOST_TEST_REQUIRE(service.registerInForce(office, next.id, {}).has_value());
    BOOST_TEST((statusOf(paper.id) == EditionStatus::Superseded));
    BOOST_TEST((statusOf(next.id) == EditionStatus::InForce));
    BOOST_TEST(
        storage.lifecycle().editionInForce(paper.documentId, Language::Kazakh)->value_or(0) ==
        next.id);
    BOOST_TEST(auditOf(paper.id).back().entry.action == "edition.supersede");

    // An older paper edition registered afterwards is recorded as superseded
    // by the one in force, which stays.
    Edition older = draft("", 0, paper.documentId);
    auto late = service.registerInForce(office, older.id, {});
    BOOST_TEST_REQUIRE(late.has_value());
    BOOST_TEST((late->lifecycle.edition.status == EditionStatus::Superseded));
    BOOST_TEST((statusOf(next.id) == EditionStatus::InForce));
    BOOST_TEST(
        storage.lifecycle().editionInForce(paper.documentId, Language::Kazakh)->value_or(0) ==
        next.id);
    auto olderAudit = auditOf(older.id);
    BOOST_TEST_REQUIRE(olderAudit.size() == 2u);
    BOOST_TEST(olderAudit[0].entry.action == "edition.register_in_force");
    BOOST_TEST(olderAudit[1].entry.action == "edition.supersede");
}

BOOST_FIXTURE_TEST_CASE(the_scheduler_runs_on_the_clock, LifecycleFixture) {
    LifecycleSettings settings;
    Edition current = draft();
    BOOST_TEST_REQUIRE(service.registerInForce(office, current.id, {}).has_value());
    Edition next = draft("review=2027-06-01", 2, current.documentId);
    BOOST_TEST_REQUIRE(
        service.submit(author, next.id, {{first.id, 1}, signatory()}, kPassword, "").has_value());
    BOOST_TEST_REQUIRE(service.agree(first, next.id, kPassword, "").has_value());
    BOOST_TEST_REQUIRE(
        service.approve(signer, next.id, kPassword, "№ 5", "2026-03-10", "").has_value());

    // Before the effective date: nothing enters into force.
    TickReport before = *service.tick();
    BOOST_TEST(before.enteredIntoForce == 0);
    BOOST_TEST((statusOf(next.id) == EditionStatus::Approved));

    // On the effective date: in force, the previous one superseded, the
    // distribution's users assigned.
    clock.set(epochOf("2026-03-10T06:00:00Z").value());
    TickReport entered = *service.tick();
    BOOST_TEST(entered.enteredIntoForce == 1);
    BOOST_TEST((statusOf(next.id) == EditionStatus::InForce));
    BOOST_TEST((statusOf(current.id) == EditionStatus::Superseded));
    AssignmentQuery query;
    query.editionId = next.id;
    std::size_t assigned = storage.lifecycle().assignments(query)->size();
    BOOST_TEST(assigned == 7u);  // every user of the unit
    BOOST_TEST(entered.assignmentsCreated == 7);

    // Idempotent: a second run the same day does nothing.
    TickReport again = *service.tick();
    BOOST_TEST(again.enteredIntoForce == 0);
    BOOST_TEST(again.assignmentsCreated == 0);
    BOOST_TEST(again.remindersQueued == 0);
    BOOST_TEST(again.reviewNotices == 0);

    // Overdue: reminders for the unsigned, once per interval.
    BOOST_TEST_REQUIRE(service.familiarize(employee, next.id, kPassword).has_value());
    clock.set(epochOf("2026-03-21T06:00:00Z").value());
    TickReport overdue = *service.tick();
    BOOST_TEST(overdue.remindersQueued == 6);  // all but the employee who signed
    // The same six in the overdue list, due before today; pages of 1-500.
    OverdueQuery listed;
    listed.limit = 4;
    AssignmentPage page = *service.overdue(office, listed);
    BOOST_TEST(listed.dueBefore == "2026-03-21");
    BOOST_TEST(page.total == 6);
    BOOST_TEST(page.items.size() == 4u);
    listed.offset = 4;
    BOOST_TEST(service.overdue(office, listed)->items.size() == 2u);
    for (auto [limit, offset] : {std::pair{0, 0}, std::pair{501, 0}, std::pair{50, -1}}) {
        OverdueQuery bad;
        bad.limit = limit;
        bad.offset = offset;
        BOOST_TEST((service.overdue(office, bad).error().code == ErrorCode::InvalidArgument));
    }
    OverdueQuery own;
    BOOST_TEST((service.overdue(employee, own).error().code == ErrorCode::Forbidden));
    BOOST_TEST(service.tick()->remindersQueued == 0);
    clock.advance(settings.reminderIntervalDays * 86400);
    BOOST_TEST(service.tick()->remindersQueued == 6);

    // A user who joins the unit later is assigned by the next run.
    User late = addUser("late", Role::Employee);
    BOOST_TEST(service.tick()->assignmentsCreated == 1);
    BOOST_TEST(storage.lifecycle().assignments(query)->size() == assigned + 1);

    // The review notice, once, from reviewNoticeDays before the review date.
    clock.set(epochOf("2027-04-01T06:00:00Z").value());
    BOOST_TEST(service.tick()->reviewNotices == 0);
    clock.set(epochOf("2027-05-03T06:00:00Z").value());
    BOOST_TEST(service.tick()->reviewNotices == 1);
    BOOST_TEST(service.tick()->reviewNotices == 0);
    BOOST_TEST(late.id > 0);
}

BOOST_FIXTURE_TEST_CASE(a_route_names_exactly_one_signatory, LifecycleFixture) {
    std::int64_t id = draft().id;
    auto none = service.submit(author, id, {{first.id, 1}, {second.id, 2}}, kPassword, "");
    BOOST_TEST((none.error().code == ErrorCode::InvalidArgument));
    auto two = service.submit(
        author, id, {{first.id, 1}, {second.id, 1, StepKind::Sign}, signatory()}, kPassword, "");
    BOOST_TEST((two.error().code == ErrorCode::InvalidArgument));
    auto alone = service.submit(author, id, {signatory()}, kPassword, "");
    BOOST_TEST((alone.error().code == ErrorCode::InvalidArgument));
    BOOST_TEST((statusOf(id) == EditionStatus::Draft));
    BOOST_TEST(auditOf(id).empty());

    // The signatory is not an agreeing step: the route agrees without him,
    // and he is told when it has.
    BOOST_TEST_REQUIRE(service.submit(author, id, parallelRoute(), kPassword, "").has_value());
    auto early = service.agree(signer, id, kPassword, "");
    BOOST_TEST((early.error().code == ErrorCode::Forbidden));
    auto tooEarly = service.approve(signer, id, kPassword, "№ 7", "", "");
    BOOST_TEST((tooEarly.error().code == ErrorCode::Conflict));  // in agreement
    BOOST_TEST_REQUIRE(service.agree(first, id, kPassword, "").has_value());
    BOOST_TEST_REQUIRE(service.agree(second, id, kPassword, "").has_value());
    BOOST_TEST((statusOf(id) == EditionStatus::Agreed));
}

BOOST_FIXTURE_TEST_CASE(only_the_signatory_approves_on_a_date_not_before_today, LifecycleFixture) {
    std::int64_t id = editionAt(EditionStatus::Agreed);
    const std::size_t entries = auditOf(id).size();
    const std::size_t signatures = storage.lifecycle().signatures(id)->size();
    auto wroteNothing = [&](const char* what) {
        BOOST_TEST((statusOf(id) == EditionStatus::Agreed), what);
        BOOST_TEST(auditOf(id).size() == entries, what);
        BOOST_TEST(storage.lifecycle().signatures(id)->size() == signatures, what);
        BOOST_TEST(storage.lifecycle().lifecycle(id)->decision.empty(), what);
    };
    // An approver on the route as an agreeing step, and one not on it.
    auto agreeing = service.approve(first, id, kPassword, "№ 52", "2026-03-02", "");
    BOOST_TEST((agreeing.error().code == ErrorCode::Forbidden));
    wroteNothing("agreeing step");
    auto stranger = service.approve(third, id, kPassword, "№ 52", "2026-03-02", "");
    BOOST_TEST((stranger.error().code == ErrorCode::Forbidden));
    BOOST_TEST(stranger.error().message.find("not the signatory") != std::string::npos);
    wroteNothing("approver not on the route");
    // Back-dated, or without a decision number.
    auto backDated = service.approve(signer, id, kPassword, "№ 52", "2020-01-01", "");
    BOOST_TEST((backDated.error().code == ErrorCode::RuleViolated));
    wroteNothing("back-dated");
    auto yesterday = service.approve(signer, id, kPassword, "№ 52", "2026-03-01", "");
    BOOST_TEST((yesterday.error().code == ErrorCode::RuleViolated));
    auto noDecision = service.approve(signer, id, kPassword, "", "2026-03-02", "");
    BOOST_TEST((noDecision.error().code == ErrorCode::InvalidArgument));
    wroteNothing("no decision");

    // The signatory, effective today: in force at once, his step decided.
    auto approved = service.approve(signer, id, kPassword, "№ 52", "", "");
    BOOST_TEST_REQUIRE(approved.has_value(), (approved ? "" : approved.error().message));
    BOOST_TEST((approved->lifecycle.edition.status == EditionStatus::InForce));
    BOOST_TEST(approved->lifecycle.decision == "№ 52");
    BOOST_TEST(approved->lifecycle.effectiveDate == "2026-03-02");
    const AgreementStep& last = approved->steps.back();
    bool signatoryDecided = false;
    for (const AgreementStep& step : approved->steps)
        if (step.kind == StepKind::Sign) {
            signatoryDecided = step.userId == signer.id && step.decision == "approved";
        }
    BOOST_TEST(signatoryDecided);
    BOOST_TEST(last.round == 1);
    BOOST_TEST(approved->signatures.back().userId == signer.id);
    BOOST_TEST((approved->signatures.back().meaning == SignatureMeaning::Approved));
}

BOOST_FIXTURE_TEST_CASE(controlled_copies_are_issued_printed_and_asked_back, LifecycleFixture) {
    Unit library = *storage.people().createUnit(Unit{0, "Кітапхана", "Библиотека", {}}, {});
    UserRecord record;
    record.user.login = "librarian";
    record.user.fullNameKk = "Кітапханашы";
    record.user.email = "librarian@university.test";
    record.user.roles = {Role::Employee};
    record.user.unitId = library.id;
    record.passwordHash = "plain:" + std::string(kPassword);
    User librarian = *storage.people().createUser(record, {});

    Edition current = draft();
    // Only of an edition approved or in force, only by the quality office,
    // to exactly one holder.
    auto refused = service.issueCopy(office, current.id, {employee.id, {}}, "");
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST((refused.error().code == ErrorCode::Conflict));
    BOOST_TEST_REQUIRE(service.registerInForce(office, current.id, {}).has_value());
    refused = service.issueCopy(author, current.id, {employee.id, {}}, "");
    BOOST_TEST((!refused && refused.error().code == ErrorCode::Forbidden));
    refused = service.issueCopy(office, current.id, {employee.id, library.id}, "");
    BOOST_TEST((!refused && refused.error().code == ErrorCode::InvalidArgument));
    refused = service.issueCopy(office, current.id, {}, "");
    BOOST_TEST((!refused && refused.error().code == ErrorCode::InvalidArgument));
    refused = service.issueCopy(office, current.id, {999999, {}}, "");
    BOOST_TEST((!refused && refused.error().code == ErrorCode::RuleViolated));
    refused = service.issueCopy(office, current.id, {employee.id, {}}, "a\x01b");
    BOOST_TEST((!refused && refused.error().code == ErrorCode::InvalidArgument));

    auto one = service.issueCopy(office, current.id, {employee.id, {}}, " цех №2 ");
    auto two = service.issueCopy(office, current.id, {{}, library.id}, "");
    BOOST_TEST_REQUIRE(one.has_value());
    BOOST_TEST_REQUIRE(two.has_value());
    BOOST_TEST(one->number == 1);
    BOOST_TEST(one->holderName == employee.fullNameKk);
    BOOST_TEST(one->note == "цех №2");
    BOOST_TEST(two->number == 2);
    BOOST_TEST(two->holderName == "Кітапхана");

    // The holder prints his copy, the quality office any, others none.
    BOOST_TEST(service.copyToPrint(employee, one->id).has_value());
    BOOST_TEST(service.copyToPrint(librarian, two->id).has_value());
    BOOST_TEST(service.copyToPrint(office, two->id).has_value());
    auto other = service.copyToPrint(employee, two->id);
    BOOST_TEST((!other && other.error().code == ErrorCode::Forbidden));
    BOOST_TEST(!service.copies(employee, {}).has_value());
    CopyQuery ofEdition;
    ofEdition.editionId = current.id;
    BOOST_TEST(service.copies(office, ofEdition)->size() == 2u);

    // The next edition enters into force on its date (the scheduler): both
    // copies are asked back and each holder gets a mail, in the same change.
    Edition next = draft("", 2, current.documentId);
    BOOST_TEST_REQUIRE(
        service.submit(author, next.id, {{first.id, 1}, signatory()}, kPassword, "").has_value());
    BOOST_TEST_REQUIRE(service.agree(first, next.id, kPassword, "").has_value());
    BOOST_TEST_REQUIRE(
        service.approve(signer, next.id, kPassword, "№ 5", "2026-03-10", "").has_value());
    std::size_t mailBefore = storage.outbox().pendingMail(1000, 10)->size();
    clock.set(epochOf("2026-03-10T06:00:00Z").value());
    BOOST_TEST_REQUIRE(service.tick().has_value());
    BOOST_TEST((statusOf(current.id) == EditionStatus::Superseded));
    CopyQuery recall;
    recall.state = CopyState::RecallRequested;
    std::vector<ControlledCopy> listed = *service.copies(office, recall);
    BOOST_TEST_REQUIRE(listed.size() == 2u);
    BOOST_TEST(listed[0].recallRequestedAt == "2026-03-10T06:00:00Z");
    std::vector<MailMessage> mail = *storage.outbox().pendingMail(1000, 10);
    std::map<std::string, std::string> recallMail;
    for (std::size_t i = mailBefore; i < mail.size(); ++i)
        if (mail[i].mail.subject.find("дананы қайтару") != std::string::npos)
            recallMail[mail[i].mail.recipient] = mail[i].mail.body;
    BOOST_TEST_REQUIRE(recallMail.size() == 2u);
    BOOST_TEST(recallMail["employee@university.test"].find("Бақыланатын дана № 1") !=
               std::string::npos);
    BOOST_TEST(recallMail["librarian@university.test"].find("Бақыланатын дана № 2") !=
               std::string::npos);
    // A superseded edition gets no new copies; one returned is closed.
    refused = service.issueCopy(office, current.id, {employee.id, {}}, "");
    BOOST_TEST((!refused && refused.error().code == ErrorCode::Conflict));
    auto back = service.recallCopy(office, one->id);
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST((back->state == CopyState::Recalled));
    BOOST_TEST(service.copies(office, recall)->size() == 1u);
    auto twice = service.recallCopy(office, one->id);
    BOOST_TEST((!twice && twice.error().code == ErrorCode::Conflict));
    AuditQuery acts;
    acts.action = "copy.";
    acts.limit = 100;
    std::vector<std::string> actions;
    auto page = storage.audit().listAudit(acts);
    BOOST_TEST_REQUIRE(page.has_value());
    for (const AuditEntry& entry : page->items) actions.push_back(entry.entry.action);
    std::vector<std::string> expected{"copy.issue", "copy.issue", "copy.recall_request",
                                      "copy.recall_request", "copy.recall"};
    BOOST_TEST(actions == expected, boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(cancelling_an_approved_edition_asks_its_copies_back, LifecycleFixture) {
    std::int64_t id = editionAt(EditionStatus::Approved);
    auto copy = service.issueCopy(office, id, {employee.id, {}}, "");
    BOOST_TEST_REQUIRE(copy.has_value());
    BOOST_TEST_REQUIRE(service.cancel(office, id, "not needed").has_value());
    BOOST_TEST((storage.lifecycle().copy(copy->id)->state == CopyState::RecallRequested));
}

// Distribution to a parent unit reaches the people of its sub-units, two
// levels down, and nobody outside it.
BOOST_FIXTURE_TEST_CASE(distribution_to_a_parent_unit_reaches_two_levels_down, LifecycleFixture) {
    Unit faculty = *storage.people().createUnit(Unit{0, "Факультет", "", {}}, {});
    Unit department = *storage.people().createUnit(Unit{0, "Кафедра", "", faculty.id}, {});
    Unit laboratory = *storage.people().createUnit(Unit{0, "Зертхана", "", department.id}, {});
    auto member = [&](const std::string& login, std::int64_t unitId) {
        UserRecord record;
        record.user.login = login;
        record.user.fullNameKk = login;
        record.user.email = login + "@university.test";
        record.user.roles = {Role::Employee};
        record.user.unitId = unitId;
        record.passwordHash = "plain:" + std::string(kPassword);
        return *storage.people().createUser(record, {});
    };
    User dean = member("dean", faculty.id);
    User lecturer = member("lecturer", department.id);
    User technician = member("technician", laboratory.id);
    Edition edition = draft();
    BOOST_TEST_REQUIRE(
        storage.lifecycle()
            .setDistribution(edition.documentId, Distribution{{faculty.id}, {}, {}}, {})
            .has_value());
    BOOST_TEST_REQUIRE(service.registerInForce(office, edition.id, {}).has_value());
    BOOST_TEST_REQUIRE(service.tick().has_value());
    AssignmentQuery query;
    query.editionId = edition.id;
    std::set<std::int64_t> assigned;
    auto assignments = storage.lifecycle().assignments(query);
    BOOST_TEST_REQUIRE(assignments.has_value());
    for (const Assignment& assignment : *assignments) assigned.insert(assignment.userId);
    BOOST_TEST((assigned == std::set<std::int64_t>{dean.id, lecturer.id, technician.id}));
}

// kk and ru editions of one number are one obligation per person, in the
// person's language, satisfied by signing either.
BOOST_FIXTURE_TEST_CASE(kk_and_ru_editions_of_one_number_are_one_obligation, LifecycleFixture) {
    Edition kk = draft();
    Edition ru = *storage.documents().createEdition(
        {kk.documentId, 1, Language::Russian,
         "code=" + storage.documents().document(kk.documentId)->code + ";number=1", "sha-ru"},
        {});
    BOOST_TEST_REQUIRE(service.registerInForce(office, kk.id, {}).has_value());
    BOOST_TEST_REQUIRE(service.registerInForce(office, ru.id, {}).has_value());
    BOOST_TEST_REQUIRE(service.tick().has_value());
    for (const User& person : {employee, office, author}) {
        AssignmentQuery query;
        query.userId = person.id;
        std::vector<Assignment> both = *storage.lifecycle().assignments(query);
        BOOST_TEST(both.size() == 1u, person.login << " has one obligation");
    }
    // The employee reads Kazakh: assigned the kk edition; signing the ru one
    // satisfies it, and the kk one then has nothing left to sign.
    AssignmentQuery mine;
    mine.userId = employee.id;
    BOOST_TEST(storage.lifecycle().assignments(mine)->front().editionId == kk.id);
    auto signedRu = service.familiarize(employee, ru.id, kPassword);
    BOOST_TEST_REQUIRE(signedRu.has_value());
    BOOST_TEST(!storage.lifecycle().assignments(mine)->front().signedAt.empty());
    auto again = service.familiarize(employee, kk.id, kPassword);
    BOOST_TEST((!again && again.error().code == ErrorCode::Conflict));
    BOOST_TEST(service.tick()->assignmentsCreated == 0);
}

BOOST_AUTO_TEST_SUITE_END()
