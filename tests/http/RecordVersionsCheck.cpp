#include "RecordVersionsCheck.h"

#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>

#include "LifecycleScenario.h"
#include "crypto/Digest.h"
#include "xml/RecordXml.h"

namespace nusqa::test {

std::vector<std::string> checkedRecordVersions(const HttpClient& client, long long editionId,
                                               const std::string& record) {
    const std::string base = editionPath(editionId) + "/" + record;
    HttpReply listed = client.get(base + "/versions");
    BOOST_TEST_REQUIRE(listed.status == 200, listed.body);
    auto items = parse(listed.body)->getArray("items");
    const RecordXml codec;
    std::vector<std::string> versions;
    std::string previous;
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto item = items->getObject(static_cast<unsigned>(i));
        const long long number = item->getValue<long long>("version");
        BOOST_TEST(number == static_cast<long long>(i + 1), record);
        HttpReply version = client.get(base + "?version=" + std::to_string(number));
        BOOST_TEST_REQUIRE(version.status == 200, version.body);
        const std::string sha = crypto::sha256Hex(version.body);
        BOOST_TEST(item->getValue<std::string>("sha256") == sha, record << " " << number);
        BOOST_TEST(version.header("x-content-sha256") == sha, record << " " << number);
        BOOST_TEST(item->getValue<std::string>("previousSha256") == previous,
                   record << " " << number);
        BOOST_TEST(codec.validate(version.body).has_value(), record << " " << number);
        RecordHeader header;
        if (record == "agreement-sheet") {
            auto sheet = codec.readAgreementSheet(version.body);
            BOOST_TEST_REQUIRE(sheet.has_value(), sheet.error().message);
            header = sheet->header;
        } else {
            auto log = codec.readFamiliarizationLog(version.body);
            BOOST_TEST_REQUIRE(log.has_value(), log.error().message);
            header = log->header;
        }
        BOOST_TEST(header.version == number);
        BOOST_TEST(header.previousSha256 == previous, record << " " << number);
        BOOST_TEST(header.editionId == editionId);
        previous = sha;
        versions.push_back(std::move(version.body));
    }
    HttpReply latest = client.get(base);
    BOOST_TEST_REQUIRE(latest.status == 200, latest.body);
    BOOST_TEST((!versions.empty() && latest.body == versions.back()), record);
    BOOST_TEST(latest.header("x-record-version") == std::to_string(versions.size()));
    return versions;
}

std::size_t decisionsIn(const AgreementSheetRecord& sheet) {
    std::size_t decisions = 0;
    for (const RecordRound& round : sheet.rounds) {
        if (round.prepared) ++decisions;
        for (const RecordStep& step : round.steps)
            if (step.signature) ++decisions;
    }
    return decisions;
}

}  // namespace nusqa::test
