// bench_search: indexes many editions made from the fixtures (each with its
// own code and a few words changed, so the vocabulary grows with the data)
// into a store, then runs typical queries through SearchService — query
// parsing, the engine, the snippets — and prints p50/p95/p99 per query and
// over all of them, in milliseconds.
//
//   bench_search --store URL --editions N [--runs R] FIXTURE.xml...
//   bench_search --store URL --existing [--runs R]
//
// The store must be empty (a new SQLite file, a new MariaDB database);
// with --existing it is a data set made elsewhere (bench/scale): nothing is
// added, editions not yet indexed are indexed first (timed). Most searches
// ask for every status (an auditor's "any"): the most editions a query can
// match; a few use the filters (in force, on a past day, kind, unit).
// Besides the table, one line per query "ROW<TAB>query<TAB>p50<TAB>p95<TAB>
// p99<TAB>hits" for run.sh's side-by-side table.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "crypto/Digest.h"
#include "domain/SearchService.h"
#include "domain/SearchText.h"
#include "render/reader/ContentXml.h"
#include "storage/StoreFactory.h"
#include "xml/XmlEditionCodec.h"

namespace {

using namespace nusqa;
using Clock = std::chrono::steady_clock;

std::string readAll(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) throw std::runtime_error("cannot read " + path);
    std::string bytes;
    char buffer[65536];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, file)) > 0) bytes.append(buffer, read);
    std::fclose(file);
    return bytes;
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// A pseudo-word unique to n, of Kazakh letters.
std::string wordFor(int n) {
    static const char* kLetters[] = {"а", "ә", "б", "ғ", "д", "е", "қ", "л", "м",
                                     "ң", "о", "ө", "р", "с", "т", "ұ", "ү", "і"};
    std::string word = "сөз";
    do {
        word += kLetters[n % 18];
        n /= 18;
    } while (n > 0);
    return word;
}

// What changes per copy: the code, and some words of the text.
struct Source {
    std::string xml;
    content::Content content;
};

std::string variant(const Source& source, int copy) {
    std::string xml = source.xml;
    const std::string& code = source.content.meta.code;
    replaceAll(xml, "<code>" + code + "</code>",
               "<code>" + code + " #" + std::to_string(copy) + "</code>");
    // Words every source has, replaced by words of this copy.
    replaceAll(xml, "университет", wordFor(copy));
    replaceAll(xml, "бөлім", wordFor(copy + 100000));
    replaceAll(xml, "Положение", wordFor(copy + 200000));
    return xml;
}

// The query padded to width characters (printf counts bytes).
std::string padded(const std::string& text, std::size_t width) {
    std::size_t characters = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;
    return text + std::string(width > characters ? width - characters : 1, ' ');
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

double threadCpuMs() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

std::string fixed(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    return text;
}

template <typename T>
T orDie(Result<T> result, const char* what) {
    if (!result) {
        std::cerr << "bench_search: " << what << ": " << result.error().message << "\n";
        std::exit(1);
    }
    return std::move(*result);
}

}  // namespace

int main(int argc, char** argv) {
    std::string url;
    int editions = 1000;
    int runs = 50;
    bool existing = false;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--store" && i + 1 < argc)
            url = argv[++i];
        else if (arg == "--editions" && i + 1 < argc)
            editions = std::atoi(argv[++i]);
        else if (arg == "--runs" && i + 1 < argc)
            runs = std::atoi(argv[++i]);
        else if (arg == "--existing")
            existing = true;
        else
            files.push_back(arg);
    }
    if (url.empty() || (files.empty() && !existing) || editions < 1 || runs < 1) {
        std::cerr << "usage: bench_search --store URL --editions N [--runs R] FIXTURE.xml...\n"
                     "       bench_search --store URL --existing [--runs R]\n";
        return 2;
    }
    if (auto ready = initialiseXml(); !ready) {
        std::cerr << "bench_search: " << ready.error().message << "\n";
        return 1;
    }
    auto storage = orDie(openStorage(url, 4), "open store");
    storage->search().indexWith([](std::string_view xml) -> Result<std::vector<SearchPassage>> {
        return search::searchPassages(NUSQA_TRY(render::reader::readEditionContent(xml)));
    });

    if (existing) {
        auto start = Clock::now();
        std::int64_t indexed = orDie(storage->search().indexMissing(), "index missing");
        std::printf("store %s (existing data set)\n",
                    url.starts_with("mysql") ? "mysql" : "sqlite");
        std::printf("indexed %lld editions not yet indexed in %.1f s\n",
                    static_cast<long long>(indexed),
                    std::chrono::duration<double>(Clock::now() - start).count());
    } else {
        std::vector<Source> sources;
        for (const std::string& file : files) {
            Source source{readAll(file), {}};
            source.content = orDie(render::reader::readEditionContent(source.xml), file.c_str());
            sources.push_back(std::move(source));
        }

        // Indexing: one document with one edition per copy.
        auto indexStart = Clock::now();
        std::int64_t passages = 0;
        for (int copy = 0; copy < editions; ++copy) {
            const Source& source = sources[static_cast<std::size_t>(copy) % sources.size()];
            std::string xml = variant(source, copy);
            const content::Meta& meta = source.content.meta;
            Document document = orDie(
                storage->documents().createDocument(
                    NewDocument{meta.code + " #" + std::to_string(copy), meta.kind, meta.title,
                                copy % 3 == 0 ? "Сапа бөлімі" : "Кеңсе", meta.language},
                    {}),
                "create document");
            NewEdition edition{document.id, meta.edition, meta.language, xml,
                               crypto::sha256Hex(xml)};
            Edition created =
                orDie(storage->documents().createEdition(edition, {}), "create edition");
            // Every other copy in force, effective on a day of 2018-2025:
            // the in-force and past-day queries have something to find.
            if (copy % 2 == 0) {
                EditionLifecycle current =
                    orDie(storage->lifecycle().lifecycle(created.id), "read lifecycle");
                LifecycleChange change;
                change.editionId = created.id;
                change.expectedVersion = current.version;
                change.expectedStatus = EditionStatus::Draft;
                change.newStatus = EditionStatus::InForce;
                change.at = "2026-01-15T09:00:00Z";
                change.enterIntoForce = true;
                change.enteredAt = change.at;
                change.effectiveDate = std::to_string(2018 + (copy / 2) % 8) + "-01-15";
                (void)orDie(storage->lifecycle().apply(change), "enter into force");
            }
            if (copy < static_cast<int>(sources.size()))
                passages +=
                    static_cast<std::int64_t>(search::searchPassages(source.content).size());
        }
        double indexSeconds = std::chrono::duration<double>(Clock::now() - indexStart).count();
        std::printf("store %s\n", url.starts_with("mysql") ? "mysql" : "sqlite");
        std::printf(
            "indexed %d editions (every other one in force) in %.1f s (%.1f editions/s, ~%lld "
            "passages per %zu editions)\n",
            editions, indexSeconds, editions / indexSeconds, static_cast<long long>(passages),
            sources.size());
    }

    SearchService service(storage->search());
    User auditor;
    auditor.login = "auditor";
    auditor.roles = {Role::Auditor};
    struct Query {
        std::string label;
        SearchRequest request;
    };
    auto any = [](std::string text) {
        SearchRequest request;
        request.query = std::move(text);
        request.scope = SearchRequest::Scope::Any;
        return request;
    };
    std::vector<Query> queries = {
        {"ереже", any("ереже")},                // in every Kazakh edition: many matches
        {"нұсқаулықтың", any("нұсқаулықтың")},  // word form, Kazakh
        {"инструкции", any("инструкции")},      // word form, Russian
        {"\"сапа менеджменті\"", any("\"сапа менеджменті\"")},    // phrase
        {"коворкинг орталығында", any("коворкинг орталығында")},  // two words, one source
        {"ақпараттық жүйелерін сүйемелдеу", any("ақпараттық жүйелерін сүйемелдеу")},
        {"СМЖ 07.БЕ.51", any("СМЖ 07.БЕ.51")},                      // a code
        {"регистрации документов", any("регистрации документов")},  // Russian, two words
    };
    if (!existing) queries.push_back({"a word of one copy", any(wordFor(editions / 2))});
    {
        SearchRequest request = any("ереже");
        request.scope = SearchRequest::Scope::InForce;
        queries.push_back({"ереже, in force", request});
        request.inForceOn = "2020-01-01";
        queries.push_back({"ереже, in force on 2020-01-01", request});
        request = any("құжаттарды");
        request.kind = DocumentKind::DocumentedProcedure;
        queries.push_back({"құжаттарды, kind documented_procedure", request});
        request = any("ереже");
        request.unit = "Кеңсе";
        queries.push_back({"ереже, unit Кеңсе", request});
    }
    std::vector<double> all;
    std::vector<std::string> rows;
    // CPU: this thread's time (on SQLite the whole search; on MariaDB the
    // client's part only), which a loaded machine inflates far less.
    std::printf("%-36s %8s %8s %8s %8s %6s %8s %8s\n", "query", "p50 ms", "p95 ms", "p99 ms",
                "max ms", "hits", "cpu p50", "cpu p95");
    for (const Query& query : queries) {
        std::vector<double> times;
        std::vector<double> cpu;
        std::int64_t total = 0;
        for (int run = 0; run < runs; ++run) {
            SearchRequest request = query.request;
            request.page = 1 + run % 2;
            auto start = Clock::now();
            double cpuStart = threadCpuMs();
            SearchAnswer answer = orDie(service.search(auditor, request), query.label.c_str());
            times.push_back(
                std::chrono::duration<double, std::milli>(Clock::now() - start).count());
            cpu.push_back(threadCpuMs() - cpuStart);
            total = answer.total;
        }
        all.insert(all.end(), times.begin(), times.end());
        std::printf("%s %8.2f %8.2f %8.2f %8.2f %6lld %8.2f %8.2f\n",
                    padded(query.label, 36).c_str(), percentile(times, 0.5),
                    percentile(times, 0.95), percentile(times, 0.99),
                    *std::max_element(times.begin(), times.end()), static_cast<long long>(total),
                    percentile(cpu, 0.5), percentile(cpu, 0.95));
        rows.push_back("ROW\t" + query.label + "\t" + fixed(percentile(times, 0.5)) + "\t" +
                       fixed(percentile(times, 0.95)) + "\t" + fixed(percentile(times, 0.99)) +
                       "\t" + std::to_string(total));
    }
    std::printf("%-36s %8.2f %8.2f %8.2f %8.2f\n", "all queries", percentile(all, 0.5),
                percentile(all, 0.95), percentile(all, 0.99),
                *std::max_element(all.begin(), all.end()));
    rows.push_back("ROW\tall queries\t" + fixed(percentile(all, 0.5)) + "\t" +
                   fixed(percentile(all, 0.95)) + "\t" + fixed(percentile(all, 0.99)) + "\t");
    for (const std::string& row : rows) std::printf("%s\n", row.c_str());
    return 0;
}
