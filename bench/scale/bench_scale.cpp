// bench_scale: the scale data set (ScaleGenerator.h) and the queries the
// pages make against it, through the services the HTTP routes call.
//
//   bench_scale generate --store URL [--scale S] --kk XML... --ru XML...
//       writes the data set into an empty store (migrated on opening), then
//       indexes every edition for the search through the store's public
//       interface (SearchIndex::indexMissing); prints the counts and times.
//   bench_scale index --store URL
//       indexes the editions the search index lacks (after a generate that
//       was stopped while indexing, or with passages deleted to measure the
//       writing again); prints the time and this process's CPU time.
//   bench_scale query --store URL [--runs R]
//       runs each page's query R times (different people, units, documents
//       each time) and prints p50/p95/p99 in milliseconds; exit status 1 when
//       a query fails or finds nothing it must find.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "ScaleGenerator.h"
#include "app/Config.h"
#include "app/Wiring.h"
#include "storage/detail/StorageAssembly.h"

namespace {

using namespace nusqa;
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string readAll(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
        std::fprintf(stderr, "bench_scale: cannot read %s\n", path.c_str());
        std::exit(2);
    }
    std::string bytes;
    char buffer[65536];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, file)) > 0) bytes.append(buffer, read);
    std::fclose(file);
    return bytes;
}

[[noreturn]] void failWith(const std::string& what, const Error& error) {
    std::fprintf(stderr, "bench_scale: %s: %s\n", what.c_str(), error.message.c_str());
    std::exit(1);
}

template <typename T>
T need(Result<T> result, const std::string& what) {
    if (!result) failWith(what, result.error());
    return std::move(*result);
}

struct Options {
    std::string command, store;
    double scale = 1.0;
    int runs = 50;
    std::vector<std::string> kazakh, russian;
};

Options parse(int argc, char** argv) {
    Options options;
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: bench_scale generate --store URL [--scale S] --kk XML... --ru XML...\n"
                     "       bench_scale index --store URL\n"
                     "       bench_scale query --store URL [--runs R]\n");
        std::exit(2);
    }
    options.command = argv[1];
    std::vector<std::string>* files = nullptr;
    for (int i = 2; i < argc; ++i) {
        std::string argument = argv[i];
        bool hasValue = i + 1 < argc;
        if (argument == "--store" && hasValue) {
            options.store = argv[++i];
        } else if (argument == "--scale" && hasValue) {
            options.scale = std::atof(argv[++i]);
        } else if (argument == "--runs" && hasValue) {
            options.runs = std::max(1, std::atoi(argv[++i]));
        } else if (argument == "--kk") {
            files = &options.kazakh;
        } else if (argument == "--ru") {
            files = &options.russian;
        } else if (files != nullptr && !argument.starts_with("--")) {
            files->push_back(argument);
        } else {
            std::fprintf(stderr, "bench_scale: unknown argument %s\n", argument.c_str());
            std::exit(2);
        }
    }
    if (options.store.empty() || options.scale <= 0) {
        std::fprintf(stderr, "bench_scale: --store URL is required, --scale must be > 0\n");
        std::exit(2);
    }
    return options;
}

app::ServeConfig configFor(const std::string& store) {
    app::ServeConfig settings;
    settings.storeUrl = store;
    settings.storePoolSize = 4;
    return settings;
}

int generate(const Options& options) {
    bench::ScaleSettings settings;
    settings.scale = options.scale;
    for (const std::string& path : options.kazakh) settings.kazakhXml.push_back(readAll(path));
    for (const std::string& path : options.russian) settings.russianXml.push_back(readAll(path));
    auto start = Clock::now();
    auto counts = [&] {
        auto executor = need(storage::openExecutor(options.store, 2), "open " + options.store);
        return need(bench::generateScale(*executor, settings), "generate");
    }();
    double generated = secondsSince(start);
    std::printf(
        "scale %g: %lld units, %lld people, %lld documents, %lld editions (%.0f MB of XML),\n"
        "  %lld familiarization assignments, %lld signatures, %lld route steps, %lld "
        "audit entries\n",
        options.scale, static_cast<long long>(counts.units), static_cast<long long>(counts.people),
        static_cast<long long>(counts.documents), static_cast<long long>(counts.editions),
        counts.xmlBytes / 1e6, static_cast<long long>(counts.familiarizations),
        static_cast<long long>(counts.signatures), static_cast<long long>(counts.steps),
        static_cast<long long>(counts.audit));
    std::printf("generation: %.1f s\n", generated);
    std::fflush(stdout);
    // The search index through its public interface (whatever its tables).
    auto indexStart = Clock::now();
    auto wiring = need(app::Wiring::open(configFor(options.store)), "open the services");
    std::int64_t indexed = need(wiring->storage().search().indexMissing(), "index the search");
    std::printf("search index: %lld editions in %.1f s\n", static_cast<long long>(indexed),
                secondsSince(indexStart));
    std::printf("total: %.1f s\n", secondsSince(start));
    return 0;
}

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

int index(const Options& options) {
    auto wiring = need(app::Wiring::open(configFor(options.store)), "open the services");
    auto start = Clock::now();
    double cpuStart = cpuSeconds();
    std::int64_t indexed = need(wiring->storage().search().indexMissing(), "index the search");
    double seconds = secondsSince(start);
    double cpu = cpuSeconds() - cpuStart;
    std::printf(
        "search index: %lld editions in %.1f s, this process's CPU %.1f s (%.2f ms an "
        "edition)\n",
        static_cast<long long>(indexed), seconds, cpu,
        indexed > 0 ? cpu * 1000 / static_cast<double>(indexed) : 0.0);
    return 0;
}

// ---- the queries -------------------------------------------------------------

struct Measured {
    std::string name;
    std::vector<double> milliseconds;
    std::int64_t rows = 0;  // the most of any run
};

void print(const Measured& m) {
    std::vector<double> sorted = m.milliseconds;
    std::sort(sorted.begin(), sorted.end());
    auto at = [&](double p) {
        std::size_t index =
            static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
        return sorted[std::min(index, sorted.size() - 1)];
    };
    std::printf("| %-44s | %8.2f | %8.2f | %8.2f | %8lld |\n", m.name.c_str(), at(0.50), at(0.95),
                at(0.99), static_cast<long long>(m.rows));
    std::fflush(stdout);
}

int query(const Options& options) {
    auto wiring = need(app::Wiring::open(configFor(options.store)), "open " + options.store);
    app::Wiring& w = *wiring;
    PeopleStore& people = w.storage().people();
    User office = need(people.user(1), "the quality office's user");
    // The units, their people and approvers, as the generator numbered them.
    std::vector<Unit> units = need(people.units(), "units");
    if (units.empty()) {
        std::fprintf(stderr, "bench_scale: the store holds no units: run generate first\n");
        return 1;
    }
    DocumentPage all = need(w.documents().listDocuments(office, DocumentQuery{}), "documents");
    const std::int64_t documents = all.total;
    // People are numbered from 4 (1-3: the quality office, an auditor, an
    // admin); each unit's first member is its head, an approver.
    const std::int64_t userCount = need(people.countUsers(), "count users");
    std::vector<std::int64_t> approverIds;
    std::vector<std::int64_t> employeeIds;
    std::vector<User> queueOwners;  // approvers with something waiting
    for (std::int64_t id = 4; id <= userCount; ++id) {
        if (queueOwners.size() >= 20 && employeeIds.size() >= 1000) break;
        User user = need(people.user(id), "user");
        if (!user.hasRole(Role::Approver)) {
            employeeIds.push_back(id);
            continue;
        }
        approverIds.push_back(id);
        if (queueOwners.size() < 20 && !need(w.lifecycle().myQueue(user), "queue").empty())
            queueOwners.push_back(user);
    }
    const int runs = options.runs;
    auto pick = [](const std::vector<std::int64_t>& ids, int run) {
        return ids[static_cast<std::size_t>(run * 7919) % ids.size()];
    };
    std::string today = w.clock().today();
    std::string pastDate = std::to_string(std::stoi(today.substr(0, 4)) - 5) + today.substr(4);

    std::printf("%lld documents, %zu units, %zu approvers (%zu with a queue), %d runs each\n\n",
                static_cast<long long>(documents), units.size(), approverIds.size(),
                queueOwners.size(), runs);
    std::printf("| %-44s | %8s | %8s | %8s | %8s |\n", "query", "p50 ms", "p95 ms", "p99 ms",
                "rows");
    std::printf("|%s|---------:|---------:|---------:|---------:|\n", std::string(46, '-').c_str());
    int failures = 0;
    auto measure = [&](const std::string& name,
                       const std::function<Result<std::int64_t>(int run)>& body) {
        Measured m{name, {}, 0};
        for (int run = 0; run < runs; ++run) {
            auto start = Clock::now();
            auto rows = body(run);
            m.milliseconds.push_back(secondsSince(start) * 1000);
            if (!rows) {
                std::fprintf(stderr, "bench_scale: %s: %s\n", name.c_str(),
                             rows.error().message.c_str());
                ++failures;
                return;
            }
            m.rows = std::max(m.rows, *rows);
        }
        print(m);
    };
    auto count = [](const auto& items) { return static_cast<std::int64_t>(items.size()); };

    measure("inbox (/me/familiarizations)", [&](int run) -> Result<std::int64_t> {
        User user = NUSQA_TRY(people.user(pick(employeeIds, run)));
        return count(NUSQA_TRY(w.lifecycle().myFamiliarizations(user)));
    });
    if (!queueOwners.empty())
        measure("approver's queue (/me/queue)", [&](int run) -> Result<std::int64_t> {
            const User& approver = queueOwners[static_cast<std::size_t>(run) % queueOwners.size()];
            return count(NUSQA_TRY(w.lifecycle().myQueue(approver)));
        });
    measure("register page (/documents, 50 a page)", [&](int run) -> Result<std::int64_t> {
        DocumentQuery page;
        page.offset = (run * 50 * 37) % static_cast<int>(std::max<std::int64_t>(1, documents));
        return count(NUSQA_TRY(w.documents().listDocuments(office, page)).items);
    });
    measure("register in force (/documents?status=in_force)", [&](int run) -> Result<std::int64_t> {
        DocumentQuery page;
        page.status = EditionStatus::InForce;
        page.offset = (run % 10) * 50;
        return count(NUSQA_TRY(w.documents().listDocuments(office, page)).items);
    });
    measure("register on a past date, one unit", [&](int run) -> Result<std::int64_t> {
        RegisterQuery query;
        query.date = pastDate;
        query.unit = units[static_cast<std::size_t>(run * 13) % units.size()].nameKk;
        query.limit = 500;  // a unit's whole register (67 at scale 1)
        return count(NUSQA_TRY(w.lifecycle().registerOn(office, query)).items);
    });
    measure("register on a past date, whole university (50 a page)",
            [&](int run) -> Result<std::int64_t> {
                RegisterQuery query;
                query.date = pastDate;
                query.limit = 50;
                query.offset = (run % 10) * 50;
                return count(NUSQA_TRY(w.lifecycle().registerOn(office, query)).items);
            });
    measure("overdue familiarization, one unit", [&](int run) -> Result<std::int64_t> {
        OverdueQuery query;
        query.unitId = units[static_cast<std::size_t>(run * 13) % units.size()].id;
        query.limit = 500;  // a unit's whole list (18 at scale 1)
        return count(NUSQA_TRY(w.lifecycle().overdue(office, query)).items);
    });
    measure("overdue familiarization, whole university (50 a page)",
            [&](int run) -> Result<std::int64_t> {
                OverdueQuery query;
                query.limit = 50;
                query.offset = (run % 10) * 50;
                return count(NUSQA_TRY(w.lifecycle().overdue(office, query)).items);
            });
    measure("document page (document, editions, record, sheet)",
            [&](int run) -> Result<std::int64_t> {
                std::int64_t id = 1 + (run * 7919) % std::max<std::int64_t>(1, documents);
                DocumentWithEditions found = NUSQA_TRY(w.documents().document(office, id));
                std::int64_t rows = count(found.editions);
                for (const Edition& edition : found.editions) {
                    if (edition.status != EditionStatus::InForce) continue;
                    EditionRecord record = NUSQA_TRY(w.lifecycle().record(office, edition.id));
                    AssignmentQuery sheet;
                    sheet.editionId = edition.id;
                    rows += count(record.signatures) +
                            count(NUSQA_TRY(w.lifecycle().assignments(office, sheet)));
                }
                return rows;
            });
    const char* searches[] = {"ереже", "бөлім басшысы", "сапа менеджмент жүйесі", "құжат"};
    measure("search (/search, in force, page 1)", [&](int run) -> Result<std::int64_t> {
        SearchRequest request;
        request.query = searches[run % 4];
        return count(NUSQA_TRY(w.search().search(office, request)).hits);
    });
    measure("dashboard: documents by status (7 counts)", [&](int) -> Result<std::int64_t> {
        std::int64_t total = 0;
        for (EditionStatus status :
             {EditionStatus::Draft, EditionStatus::InAgreement, EditionStatus::Agreed,
              EditionStatus::Approved, EditionStatus::InForce, EditionStatus::Superseded,
              EditionStatus::Cancelled}) {
            DocumentQuery query;
            query.status = status;
            query.limit = 1;
            total += NUSQA_TRY(w.documents().listDocuments(office, query)).total;
        }
        return total;
    });
    measure("dashboard: familiarization of one unit", [&](int run) -> Result<std::int64_t> {
        AssignmentQuery query;
        query.unitId = units[static_cast<std::size_t>(run * 13) % units.size()].id;
        query.inForceOnly = true;
        return count(NUSQA_TRY(w.lifecycle().assignments(office, query)));
    });
    measure("dashboard: reviews due in 30 days", [&](int) -> Result<std::int64_t> {
        return count(NUSQA_TRY(w.lifecycle().reviewsDue(office, 30)));
    });
    return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    Options options = parse(argc, argv);
    if (options.command == "generate") return generate(options);
    if (options.command == "index") return index(options);
    if (options.command == "query") return query(options);
    std::fprintf(stderr, "bench_scale: unknown command %s\n", options.command.c_str());
    return 2;
}
