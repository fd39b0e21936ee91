// The settings file of the commands besides serve is read without Poco
// (app/detail/SettingsFile.h), as Poco::Util's PropertyFileConfiguration
// and IniFileConfiguration read it before (and `nusqa serve` still does):
// every key of every sample, the shipped config/nusqa.properties among
// them, gives the same value, or the same absence, from both readers.
#include <Poco/Util/IniFileConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <boost/test/unit_test.hpp>

#include <sstream>

#include "app/Config.h"
#include "app/detail/SettingsFile.h"
#include "support/TestSupport.h"

using namespace nusqa;
using namespace nusqa::app;

namespace {

// Poco's reading of bytes in the format a file of that name has.
Poco::AutoPtr<Poco::Util::AbstractConfiguration> pocoReading(const std::string& bytes, bool ini) {
    std::istringstream in(bytes);
    if (ini) return new Poco::Util::IniFileConfiguration(in);
    return new Poco::Util::PropertyFileConfiguration(in);
}

void expectSameReading(const std::string& bytes, bool ini, const std::vector<std::string>& keys) {
    auto poco = pocoReading(bytes, ini);
    SettingsFile ours = SettingsFile::parse(bytes, ini);
    for (const std::string& key : keys) {
        std::optional<std::string> value = ours.get(key);
        BOOST_TEST(value.has_value() == poco->has(key), key << " in «" << bytes << "»");
        if (value && poco->has(key))
            BOOST_TEST(*value == poco->getString(key), key << " in «" << bytes << "»");
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(properties_read_as_poco_reads_them) {
    const std::vector<std::string> keys{"a",     "b",   "c",         "d",     "e", "f",  "g",
                                        "h",     "i",   "x.y",       "empty", "A", "#a", "!b",
                                        "colon", "tab", "continued", "j",     "k", "l",  "m"};
    for (const std::string& text : std::vector<std::string>{
             "a = 1\nb=2\n  c   =   three words  \n",
             "# a = no\n! b = no\n  # c = no\nd = yes # not a comment\n",
             "colon: value\ncolon2 :: x\ntab\t=\tt\\tab\\n\n",
             "continued = one \\\n   two \\\r\n three\n",
             "e = back\\\\slash and \\q \\= \\: escaped\nf=\n empty\n",
             "g = ${a}/${b}\na = 1\nb = x${c}\nc = ${missing} $ $x ${a\n",
             "x.y = dotted\r\nA = upper\ra = lower\n",
             "k = first\nk = second\nl\nm = =\n",
             "no end of line at the end = yes",
         })
        expectSameReading(text, false, keys);
    // A reference to itself: Poco throws (and `nusqa render` ended in
    // std::terminate); here the reference stays as written.
    const std::string circular = "h = ${h}\ni = ${j}\nj = ${i}\n";
    BOOST_CHECK_THROW(pocoReading(circular, false)->getString("h"), Poco::Exception);
    SettingsFile ours = SettingsFile::parse(circular, false);
    BOOST_TEST(ours.get("h").value() == "${h}");
    BOOST_TEST(ours.get("i").value().find("${") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ini_files_read_as_poco_reads_them) {
    const std::vector<std::string> keys{"a",         "A",         "http.port", "HTTP.Port",
                                        "http.host", "signing.x", "top",       "s.k",
                                        "empty.key", "b",         "c",         "d"};
    for (const std::string& text : std::vector<std::string>{
             "top = 1\n[http]\nport = 8080\n Host =  example  \n[signing]\nx=${http.port}\n",
             "; comment\n[ s ]\nk = v ; not a comment\n[empty]\nkey\n",
             "[http]\nport = 1\n[HTTP]\nPORT = 2\n",
             "a = b = c\n b : x\nc = ${A}\nd = \\t\n",
         })
        expectSameReading(text, true, keys);
}

BOOST_AUTO_TEST_CASE(the_shipped_settings_file_reads_the_same) {
    std::filesystem::path file = test::sourceDir() / "config" / "nusqa.properties";
    expectSameReading(test::readFile(file), false, configKeys());
    // and loadSettings takes its values from it
    auto settings = loadSettings(file.string());
    BOOST_TEST_REQUIRE(settings.has_value(), (settings ? "" : settings.error().message));
    BOOST_TEST(settings->http.port == 8080);
    BOOST_TEST(settings->http.maxThreads == 1024);
}

BOOST_AUTO_TEST_CASE(a_bad_file_or_value_is_an_error_naming_it) {
    auto missing = loadSettings("/nonexistent/nusqa.properties");
    BOOST_TEST_REQUIRE(!missing.has_value());
    BOOST_TEST((missing.error().code == ErrorCode::InvalidArgument));
    BOOST_TEST(missing.error().message.find("/nonexistent/nusqa.properties") != std::string::npos);

    test::TempDir directory("settings");
    std::string file = (directory.path() / "bad.properties").string();
    test::writeFile(file, "http.port = 80x\n");
    auto bad = loadSettings(file);
    BOOST_TEST_REQUIRE(!bad.has_value());
    BOOST_TEST(bad.error().message.find("http.port") != std::string::npos, bad.error().message);
    test::writeFile(file, "http.port = 1,080\nstore.poolSize = +4\n");
    auto separated = loadSettings(file);  // Poco's number grammar: ',' separates thousands
    BOOST_TEST_REQUIRE(separated.has_value(), (separated ? "" : separated.error().message));
    BOOST_TEST(separated->http.port == 1080);
    BOOST_TEST(separated->storePoolSize == 4);
}
