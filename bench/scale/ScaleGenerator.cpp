#include "ScaleGenerator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "BulkRows.h"
#include "crypto/AuditChain.h"
#include "crypto/Digest.h"
#include "storage/detail/StoreSupport.h"

namespace nusqa::bench {

namespace {

using storage::Access;
using storage::SqlSession;

constexpr int kEditionsPerDocument = 5;
constexpr int kYears = 10;
constexpr int kDocumentsPerTransaction = 100;
constexpr int kAuditPerTransaction = 100000;

// ---- days and timestamps -----------------------------------------------------

using Day = int;  // days since 1970-01-01

Day todayDay() {
    auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return static_cast<Day>(now.time_since_epoch().count());
}

std::string dateOf(Day day) {
    std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return text;
}

std::string stampOf(Day day, int second) {
    char text[40];
    std::snprintf(text, sizeof text, "T%02d:%02d:%02dZ", second / 3600, second / 60 % 60,
                  second % 60);
    return dateOf(day) + text;
}

// ---- deterministic choices ---------------------------------------------------

std::uint64_t mix(std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0) {
    std::uint64_t x = a * 0x9E3779B97F4A7C15ULL ^
                      (b + 0x632BE59BD9B4E019ULL) * 0xBF58476D1CE4E5B9ULL ^
                      (c + 0x8CB92BA72F3D8DD7ULL) * 0x94D049BB133111EBULL;
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// A pseudo-word unique to n, of Kazakh letters (the search finds it in the
// editions that hold it).
std::string wordFor(std::uint64_t n) {
    static const char* kLetters[] = {"а", "ә", "б", "ғ", "д", "е", "қ", "л", "м",
                                     "ң", "о", "ө", "р", "с", "т", "ұ", "ү", "і"};
    std::string word = "сөз";
    do {
        word += kLetters[n % 18];
        n /= 18;
    } while (n > 0);
    return word;
}

void replaceFirst(std::string& text, const std::string& from, const std::string& to) {
    if (std::size_t at = text.find(from); at != std::string::npos)
        text.replace(at, from.size(), to);
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

std::string elementText(const std::string& xml, const std::string& name) {
    std::size_t open = xml.find("<" + name + ">");
    if (open == std::string::npos) return "";
    open += name.size() + 2;
    std::size_t close = xml.find("</" + name + ">", open);
    return close == std::string::npos ? "" : xml.substr(open, close - open);
}

struct Source {
    std::string xml;
    std::string code, title, kind, language;
    std::string editionTag;  // the <edition .../> element as in the fixture
};

Source sourceOf(const std::string& xml) {
    Source source{xml,
                  elementText(xml, "code"),
                  elementText(xml, "title"),
                  elementText(xml, "kind"),
                  elementText(xml, "language"),
                  ""};
    std::size_t at = xml.find("<edition ");
    if (at != std::string::npos) source.editionTag = xml.substr(at, xml.find("/>", at) + 2 - at);
    return source;
}

// The XML of edition `number` of document `document`: its own code, title
// and edition number, words of its own, and one word per edition.
std::string editionXml(const Source& source, const std::string& code, const std::string& title,
                       std::int64_t document, int number) {
    std::string xml = source.xml;
    replaceFirst(xml, "<code>" + source.code + "</code>", "<code>" + code + "</code>");
    replaceFirst(xml, "<title>" + source.title + "</title>", "<title>" + title + "</title>");
    if (!source.editionTag.empty())
        replaceFirst(xml, source.editionTag,
                     "<edition number=\"" + std::to_string(number) + "\"/>");
    replaceAll(xml, "университет", wordFor(static_cast<std::uint64_t>(document)));
    replaceAll(xml, "Положение", wordFor(static_cast<std::uint64_t>(document) + 500000));
    replaceFirst(xml, "бөлім",
                 wordFor(static_cast<std::uint64_t>(document) * 8 + number + 1000000));
    return xml;
}

// ---- the people --------------------------------------------------------------

struct Person {
    std::int64_t id = 0;
    std::string fullName;
    std::string position;
};

struct People {
    std::vector<std::vector<Person>> byUnit;  // unit index -> members, head first
    std::vector<std::int64_t> approvers;      // the heads of units
};

const char* kPositions[] = {"Бөлім басшысы",
                            "Профессор",
                            "Доцент",
                            "Аға оқытушы",
                            "Оқытушы",
                            "Әдіскер",
                            "Инженер",
                            "Бас маман",
                            "Жетекші маман",
                            "Маман",
                            "Зертханашы",
                            "Кітапханашы",
                            "Есепші",
                            "Заңгер",
                            "Хатшы",
                            "Деканның орынбасары",
                            "Кафедра меңгерушісі",
                            "Ғылыми қызметкер",
                            "Бағдарламашы",
                            "Талдаушы"};
constexpr int kPositionCount = sizeof kPositions / sizeof kPositions[0];

// ---- audit events ------------------------------------------------------------

enum class Act : std::uint8_t {
    DocumentCreate,
    EditionCreate,
    EditionCreateNext,
    Submit,
    Agree,
    Agreed,
    Approve,
    EnterIntoForce,
    Supersede,
    Familiarize,
};

const char* actionOf(Act act) {
    switch (act) {
        case Act::DocumentCreate:
            return "document.create";
        case Act::EditionCreate:
            return "edition.create";
        case Act::EditionCreateNext:
            return "edition.create_next";
        case Act::Submit:
            return "edition.submit";
        case Act::Agree:
            return "edition.agree";
        case Act::Agreed:
            return "edition.agreed";
        case Act::Approve:
            return "edition.approve";
        case Act::EnterIntoForce:
            return "edition.enter_into_force";
        case Act::Supersede:
            return "edition.supersede";
        case Act::Familiarize:
            return "edition.familiarize";
    }
    return "";
}

struct Event {
    Day day = 0;
    int second = 0;
    std::int64_t actor = 0;  // 0: the scheduler
    std::int64_t object = 0;
    Act act = Act::DocumentCreate;
};

// ---- the generator -----------------------------------------------------------

class Generator {
public:
    Generator(storage::SqlExecutor& executor, const ScaleSettings& settings)
        : _executor(executor), _settings(settings), _today(todayDay()) {
        double s = settings.scale;
        _units = std::max<std::int64_t>(3, std::llround(300 * s));
        _people = std::max<std::int64_t>(_units * 6, std::llround(10000 * s));
        _documents = std::max<std::int64_t>(10, std::llround(20000 * s));
        _auditTarget = std::llround(2000000 * s);
        _start = _today - 3652;
        for (const std::string& xml : settings.kazakhXml) _kazakh.push_back(sourceOf(xml));
        for (const std::string& xml : settings.russianXml) _russian.push_back(sourceOf(xml));
    }

    Result<ScaleCounts> run() {
        NUSQA_TRY(writePeople());
        for (std::int64_t first = 0; first < _documents; first += kDocumentsPerTransaction) {
            std::int64_t last = std::min(_documents, first + kDocumentsPerTransaction);
            for (std::int64_t d = first; d < last; ++d) document(d);
            NUSQA_TRY(flushDocuments());
            if ((last / kDocumentsPerTransaction) % 20 == 0 || last == _documents)
                std::fprintf(stderr, "  %lld of %lld documents\n", static_cast<long long>(last),
                             static_cast<long long>(_documents));
        }
        // The periods in force (migration 16) from the lifecycle rows, by
        // the statement every lifecycle change runs for its document.
        NUSQA_TRY(_executor.transact(
            "generate periods in force", Access::Write,
            [](SqlSession& session) -> Status { return storage::rebuildInForcePeriods(session); }));
        NUSQA_TRY(writeAudit());
        return _counts;
    }

private:
    // ---- units and people ----------------------------------------------------

    Status writePeople() {
        BulkRows units("units", {"id", "name_kk", "name_ru", "parent_id"});
        BulkRows positions("positions", {"id", "name_kk", "name_ru"});
        BulkRows users("users", {"id", "login", "full_name_kk", "full_name_ru", "email", "language",
                                 "position_id", "unit_id", "roles", "password_hash", "active",
                                 "must_change_password", "created_at"});
        for (std::int64_t u = 0; u < _units; ++u)
            units.add({u + 1, unitName(u), "Подразделение " + std::to_string(u + 1), Null{}});
        for (int p = 0; p < kPositionCount; ++p)
            positions.add({std::int64_t{p + 1}, std::string(kPositions[p]),
                           "Должность " + std::to_string(p + 1)});
        // No password: these accounts cannot sign in ("!" is no Argon2id hash).
        std::string created = stampOf(_start, 8 * 3600);
        auto user = [&](std::int64_t id, std::int64_t unit, int position, const char* roles,
                        const std::string& name) {
            users.add({id, "u" + std::to_string(id), name, name,
                       "u" + std::to_string(id) + "@university.example", std::string("kk"),
                       std::int64_t{position + 1}, unit + 1, std::string(roles), std::string("!"),
                       std::int64_t{1}, std::int64_t{0}, created});
        };
        // Three who read everything: the quality office, an auditor, an admin.
        user(1, 0, 7, "quality_office,employee", "Сапа бөлімі");
        user(2, 0, 7, "auditor", "Аудитор");
        user(3, 0, 7, "admin", "Әкімші");
        _roster.byUnit.resize(static_cast<std::size_t>(_units));
        for (std::int64_t k = 0; k < _people; ++k) {
            std::int64_t id = k + 4;
            std::int64_t unit = k * _units / _people;
            auto& members = _roster.byUnit[static_cast<std::size_t>(unit)];
            bool head = members.empty();
            int position = head ? 0 : 1 + static_cast<int>(mix(id) % (kPositionCount - 1));
            std::string name =
                "Қызметкер " + wordFor(static_cast<std::uint64_t>(id)) + " " + std::to_string(id);
            const char* roles = head                  ? "approver,author,employee"
                                : members.size() == 1 ? "author,employee"
                                                      : "employee";
            user(id, unit, position, roles, name);
            members.push_back(Person{id, name, kPositions[position]});
            if (head) _roster.approvers.push_back(id);
        }
        _counts.units = _units;
        _counts.people = _people + 3;
        return _executor.transact("generate people", Access::Write,
                                  [&](SqlSession& session) -> Status {
                                      _dialect = session.dialect();
                                      NUSQA_TRY(units.flush(session));
                                      NUSQA_TRY(positions.flush(session));
                                      return users.flush(session);
                                  });
    }

    static std::string unitName(std::int64_t u) { return "Бөлім " + std::to_string(u + 1); }

    // ---- one document with its editions and records ----------------------------

    struct EditionPlan {
        int number = 0;
        std::string status;
        Day created = 0;
        Day effective = 0;  // 0: none
        Day ended = 0;      // superseded: the day it lost force
    };

    void document(std::int64_t d) {
        const std::int64_t documentId = d + 1;
        const bool russian = d % 7 == 6;
        const auto& sources = russian ? _russian : _kazakh;
        const Source& source = sources[static_cast<std::size_t>(d / 7) % sources.size()];
        const std::size_t unit = static_cast<std::size_t>(d % _units);
        const std::string code = (russian ? "СМК " : "СМЖ ") + std::to_string(unit + 1) + "." +
                                 std::to_string(documentId);
        const std::string title = source.title + " (" + std::to_string(documentId) + ")";
        const Day base = _start + static_cast<Day>(mix(documentId, 1) % 730);
        const int klass = static_cast<int>(d % 100);
        const bool lastInForce = klass >= 14;

        std::vector<std::size_t> distribution{unit};
        if (d % 2 == 0) {
            std::size_t second = static_cast<std::size_t>((d * 7 + 3) % _units);
            if (second != unit) distribution.push_back(second);
        }
        for (std::size_t u : distribution)
            _distribution.add({documentId, static_cast<std::int64_t>(u + 1)});

        const auto& members = _roster.byUnit[unit];
        const std::int64_t author = members.size() > 1 ? members[1].id : members[0].id;

        _docs.add({documentId, code, source.kind, title, unitName(static_cast<std::int64_t>(unit)),
                   russian ? std::string("ru") : std::string("kk"), dateTime(base, 9 * 3600),
                   dateTime(base, 9 * 3600)});
        _events.push_back(Event{base, 9 * 3600, author, documentId, Act::DocumentCreate});

        std::vector<EditionPlan> plans;
        for (int n = 1; n <= kEditionsPerDocument; ++n) {
            EditionPlan plan;
            plan.number = n;
            plan.created = base + (n - 1) * 700;
            plan.effective = plan.created + 30;
            plans.push_back(plan);
        }
        for (EditionPlan& plan : plans) {
            int n = plan.number;
            if (n <= 3 || (n == 4 && lastInForce)) {
                plan.status = "superseded";
                plan.ended = plans[static_cast<std::size_t>(n)].effective;
            } else if (n == 4 || lastInForce) {
                plan.status = "in_force";
            } else {
                // The newest edition, still on its way: made in the last two months.
                plan.created = _today - 10 - static_cast<Day>(mix(documentId, 2) % 50);
                plan.effective = 0;
                plan.status = klass < 2    ? "in_agreement"
                              : klass == 2 ? "agreed"
                              : klass == 3 ? "approved"
                                           : "draft";
                if (klass == 3) plan.effective = _today + 1 + static_cast<Day>(d % 20);
            }
        }
        for (const EditionPlan& plan : plans)
            edition(documentId, d, source, code, title, russian, author, distribution, plan);
        ++_counts.documents;
    }

    void edition(std::int64_t documentId, std::int64_t d, const Source& source,
                 const std::string& code, const std::string& title, bool russian,
                 std::int64_t author, const std::vector<std::size_t>& distribution,
                 const EditionPlan& plan) {
        const std::int64_t editionId = (documentId - 1) * kEditionsPerDocument + plan.number;
        const std::string language = russian ? "ru" : "kk";
        std::string xml = editionXml(source, code, title, documentId, plan.number);
        std::string sha256 = crypto::sha256Hex(xml);
        const auto size = static_cast<std::int64_t>(xml.size());
        _counts.xmlBytes += size;
        const bool everInForce = plan.status == "in_force" || plan.status == "superseded";
        const Day lastChange = plan.status == "superseded" ? plan.ended
                               : everInForce               ? plan.effective
                                                           : plan.created + 2;
        _editions.add({editionId, documentId, std::int64_t{plan.number}, language, plan.status,
                       Blob{xml}, sha256, std::int64_t{1}, size, dateTime(plan.created, 10 * 3600),
                       dateTime(std::min(lastChange, _today), 11 * 3600),
                       std::int64_t{plan.number == kEditionsPerDocument ? 1 : 0}});
        _revisions.add({editionId, std::int64_t{1}, Blob{std::move(xml)}, sha256, size, author,
                        "u" + std::to_string(author), dateTime(plan.created, 10 * 3600)});
        _authors.add({editionId, author});
        _events.push_back(Event{plan.created, 10 * 3600, author, editionId,
                                plan.number == 1 ? Act::EditionCreate : Act::EditionCreateNext});
        ++_counts.editions;

        // The route: two heads of units agree, a third approves.
        int version = 0;
        std::string decision;
        const auto& approvers = _roster.approvers;
        const std::size_t a = static_cast<std::size_t>(mix(editionId, 3) % approvers.size());
        const std::int64_t route[3] = {approvers[a], approvers[(a + 1) % approvers.size()],
                                       approvers[(a + 2) % approvers.size()]};
        const bool submitted = plan.status != "draft";
        const bool agreed = submitted && plan.status != "in_agreement";
        const bool firstAgreed = agreed || (plan.status == "in_agreement" && d % 100 == 1);
        const bool approved = agreed && plan.status != "agreed";
        if (submitted) {
            Day day = plan.created + 5;
            signature(editionId, author, "prepared", day, 9 * 3600, sha256);
            event(day, 9 * 3600, author, editionId, Act::Submit, version);
            for (int step = 0; step < 3; ++step) {
                bool decided = step == 0 ? firstAgreed : step == 1 ? agreed : approved;
                Day decidedDay = plan.created + 8 + step * 4;
                const char* what = step == 2 ? "approved" : "agreed";
                _steps.add({++_stepId, editionId, std::int64_t{1}, std::int64_t{step + 1},
                            route[step], decided ? std::string(what) : std::string(),
                            decided ? stampOf(decidedDay, 11 * 3600) : std::string(), std::string(),
                            std::string(step == 2 ? "sign" : "agree")});
                ++_counts.steps;
                if (!decided) continue;
                signature(editionId, route[step], what, decidedDay, 11 * 3600, sha256);
                if (step < 2)
                    event(decidedDay, 11 * 3600, route[step], editionId, Act::Agree, version);
                if (step == 1)
                    event(decidedDay, 11 * 3600 + 1, route[step], editionId, Act::Agreed, version);
                if (step == 2) {
                    event(decidedDay, 11 * 3600, route[step], editionId, Act::Approve, version);
                    decision = "№ " + std::to_string(editionId % 300 + 1) + " бұйрық";
                }
            }
        }
        std::string effective, review, entered, ended;
        if (plan.effective != 0) effective = dateOf(plan.effective);
        if (approved && plan.effective != 0) review = dateOf(plan.effective + 1095);
        if (everInForce) {
            entered = stampOf(plan.effective, 0);
            event(plan.effective, 0, 0, editionId, Act::EnterIntoForce, version);
        }
        if (plan.status == "superseded") {
            ended = dateOf(plan.ended);
            event(plan.ended, 1, 0, editionId, Act::Supersede, version);
        }
        if (plan.status == "in_force") {
            // Reviewed on time so far: the next reviews fall over the coming three years.
            review = dateOf(_today - 15 + static_cast<Day>(mix(editionId, 4) % 1095));
            _inForce.add({documentId, language, editionId, review});
        }
        _lifecycle.add({editionId, std::int64_t{version}, std::int64_t{submitted ? 1 : 0}, decision,
                        effective, review, entered, std::string(), ended});
        if (everInForce) familiarization(editionId, sha256, distribution, plan);
    }

    void familiarization(std::int64_t editionId, const std::string& sha256,
                         const std::vector<std::size_t>& distribution, const EditionPlan& plan) {
        const bool inForce = plan.status == "in_force";
        const bool recent = _today - plan.effective <= 30;
        for (std::size_t unit : distribution)
            for (const Person& person : _roster.byUnit[unit]) {
                std::uint64_t chance = mix(editionId, static_cast<std::uint64_t>(person.id), 5);
                Day signedDay = plan.effective + 1 + static_cast<Day>(chance % 9);
                bool neverSigned =
                    inForce ? (recent ? chance % 100 < 25 : chance % 1000 < 3) : chance % 1000 < 2;
                bool isSigned = !neverSigned && signedDay < _today;
                std::int64_t signatureId = 0;
                std::string signedAt;
                if (isSigned) {
                    int second = 10 * 3600 + static_cast<int>(chance % 20000);
                    signatureId = signature(editionId, person.id, "familiarized", signedDay, second,
                                            sha256, &person);
                    signedAt = stampOf(signedDay, second);
                    _familiarized.push_back(
                        Event{signedDay, second, person.id, editionId, Act::Familiarize});
                }
                _familiarizations.add({++_familiarizationId, editionId, person.id,
                                       stampOf(plan.effective, 60), dateOf(plan.effective + 10),
                                       signedAt, signatureId, std::string()});
                ++_counts.familiarizations;
            }
    }

    std::int64_t signature(std::int64_t editionId, std::int64_t userId, const char* meaning,
                           Day day, int second, const std::string& sha256,
                           const Person* person = nullptr) {
        std::string name = person ? person->fullName : "Бөлім басшысы u" + std::to_string(userId);
        std::string position = person ? person->position : kPositions[0];
        _signatures.add({++_signatureId, editionId, userId, name, position, std::string(meaning),
                         stampOf(day, second), sha256, std::string(), std::string(),
                         std::int64_t{1}});
        ++_counts.signatures;
        return _signatureId;
    }

    void event(Day day, int second, std::int64_t actor, std::int64_t editionId, Act act,
               int& version) {
        _events.push_back(Event{day, second, actor, editionId, act});
        ++version;
    }

    // DATETIME columns of migration 1 in the backend's form.
    std::string dateTime(Day day, int second) const {
        std::string stamp = stampOf(day, second);
        if (_dialect == storage::SqlDialect::Mysql)
            return stamp.substr(0, 10) + " " + stamp.substr(11, 8);
        return stamp;
    }

    Status flushDocuments() {
        return _executor.transact(
            "generate documents", Access::Write, [&](SqlSession& session) -> Status {
                for (BulkRows* rows :
                     {&_docs, &_editions, &_revisions, &_authors, &_lifecycle, &_inForce,
                      &_distribution, &_steps, &_signatures, &_familiarizations})
                    NUSQA_TRY(rows->flush(session));
                return Status{};
            });
    }

    // ---- the audit chain -----------------------------------------------------

    Status writeAudit() {
        // Every act of the register has its entry; the familiarization
        // signatures fill the rest of the target, evenly picked.
        std::int64_t room =
            std::max<std::int64_t>(0, _auditTarget - static_cast<std::int64_t>(_events.size()));
        const auto signatures = static_cast<std::int64_t>(_familiarized.size());
        std::int64_t taken = 0;
        for (std::int64_t i = 0; i < signatures && taken < room; ++i)
            if ((i + 1) * room / signatures > taken) {
                _events.push_back(_familiarized[static_cast<std::size_t>(i)]);
                ++taken;
            }
        _familiarized.clear();
        _familiarized.shrink_to_fit();
        std::stable_sort(_events.begin(), _events.end(), [](const Event& a, const Event& b) {
            return a.day != b.day ? a.day < b.day : a.second < b.second;
        });
        std::int64_t sequence = 0;
        std::string previous(crypto::kGenesisHash);
        BulkRows audit("audit_log",
                       {"sequence_number", "at", "actor_id", "actor_login", "action", "object_type",
                        "object_id", "details", "previous_hash", "entry_hash"});
        for (std::size_t from = 0; from < _events.size(); from += kAuditPerTransaction) {
            std::size_t to = std::min(_events.size(), from + kAuditPerTransaction);
            for (std::size_t i = from; i < to; ++i) {
                const Event& e = _events[i];
                std::string at = stampOf(e.day, e.second);
                std::string login = e.actor == 0 ? "scheduler" : "u" + std::to_string(e.actor);
                std::string action = actionOf(e.act);
                std::string type = e.act == Act::DocumentCreate ? "document" : "edition";
                std::string object = std::to_string(e.object);
                std::string details = detailsOf(e);
                std::string hash = crypto::auditEntryHash(crypto::AuditFields{
                    ++sequence, at, e.actor, login, action, type, object, details, previous});
                audit.add(
                    {sequence, at, e.actor, login, action, type, object, details, previous, hash});
                previous = std::move(hash);
            }
            bool last = to == _events.size();
            NUSQA_TRY(_executor.transact(
                "generate audit", Access::Write, [&](SqlSession& session) -> Status {
                    NUSQA_TRY(audit.flush(session));
                    if (!last) return Status{};
                    return storage::executeSql(
                        session,
                        "UPDATE audit_head SET sequence_number = ?, entry_hash = ? WHERE id = 1",
                        [&](storage::SqlStatement& s) { s.bind(sequence).bind(previous); });
                }));
        }
        _counts.audit = sequence;
        return {};
    }

    static std::string detailsOf(const Event& e) {
        switch (e.act) {
            case Act::EditionCreate:
            case Act::EditionCreateNext:
                return "edition " + std::to_string((e.object - 1) % kEditionsPerDocument + 1) +
                       " of document " + std::to_string((e.object - 1) / kEditionsPerDocument + 1);
            case Act::Familiarize:
                return "familiarized";
            default:
                return "";
        }
    }

    storage::SqlExecutor& _executor;
    const ScaleSettings& _settings;
    const Day _today;
    Day _start = 0;
    std::int64_t _units = 0, _people = 0, _documents = 0, _auditTarget = 0;
    std::vector<Source> _kazakh, _russian;
    People _roster;
    storage::SqlDialect _dialect = storage::SqlDialect::Sqlite;
    std::int64_t _stepId = 0, _signatureId = 0, _familiarizationId = 0;
    ScaleCounts _counts;
    std::vector<Event> _events;        // every act of the register, in any order
    std::vector<Event> _familiarized;  // familiarization signatures
    BulkRows _docs{"documents",
                   {"id", "code", "kind", "title", "unit", "language", "created_at", "updated_at"}};
    BulkRows _editions{"editions",
                       {"id", "document_id", "number", "language", "status", "xml", "sha256",
                        "revision", "size", "created_at", "updated_at", "is_latest"}};
    BulkRows _revisions{"edition_revisions",
                        {"edition_id", "revision", "xml", "sha256", "size", "author_id",
                         "author_login", "created_at"}};
    BulkRows _authors{"edition_authors", {"edition_id", "user_id"}};
    BulkRows _lifecycle{"edition_lifecycle",
                        {"edition_id", "version", "round", "decision", "effective_date",
                         "review_date", "entered_at", "review_notice_at", "ended_on"}};
    BulkRows _inForce{"editions_in_force",
                      {"document_id", "language", "edition_id", "review_date"}};
    BulkRows _distribution{"distribution", {"document_id", "unit_id"}};
    BulkRows _steps{"agreement_steps",
                    {"id", "edition_id", "round", "step_order", "user_id", "decision", "decided_at",
                     "comment", "step_kind"}};
    BulkRows _signatures{"signatures",
                         {"id", "edition_id", "user_id", "full_name", "position", "meaning",
                          "signed_at", "edition_sha256", "comment", "outcome", "edition_revision"}};
    BulkRows _familiarizations{"familiarizations",
                               {"id", "edition_id", "user_id", "assigned_at", "due_date",
                                "signed_at", "signature_id", "reminded_at"}};
};

}  // namespace

Result<ScaleCounts> generateScale(storage::SqlExecutor& executor, const ScaleSettings& settings) {
    if (settings.kazakhXml.empty() || settings.russianXml.empty())
        return fail(ErrorCode::InvalidArgument, "the generator needs Kazakh and Russian XML");
    return Generator(executor, settings).run();
}

}  // namespace nusqa::bench
