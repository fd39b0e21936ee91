#include "support/TestPki.h"

#include "support/TestSupport.h"

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <future>
#include <stdexcept>

namespace nusqa::test {

namespace fs = std::filesystem;

namespace {

const std::string organization = "Test University";

std::string shellQuote(const std::string& argument) {
    std::string quoted = "'";
    for (char c : argument) {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    return quoted + "'";
}

// openssl's config syntax expands $name, starts comments at # and treats
// quotes and backslashes specially; rather than half-escape a path we refuse
// one that would be misread (test directories never need such names).
void requireConfigSafe(const fs::path& path) {
    const std::string text = path.string();
    if (text.find_first_of("$#\"'\\\n\r") != std::string::npos)
        throw std::invalid_argument("TestPki: directory path unusable in an openssl config: " +
                                    text);
}

// UTCTime as `openssl ca -startdate/-enddate` want it (YYMMDDHHMMSSZ).
std::string utcTime(std::chrono::system_clock::time_point when) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%y%m%d%H%M%SZ", &parts);
    return text;
}

// Puts the PKI directory into a config template.
std::string withDirectory(std::string text, const fs::path& dir) {
    const std::string placeholder = "@DIR@";
    for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at))
        text.replace(at, placeholder.size(), dir.string());
    return text;
}

// `openssl ca` rather than `x509 -req` or `req -x509`: OpenSSL 3.0 can only
// back-date notBefore there (-startdate). Back-dating by a day keeps the
// certificates valid when a verifier's clock is a little behind, and lets a
// test sign "yesterday". The database is a formality; unique_subject = no
// lets a rerun reissue the same names.
const char* const caConfigTemplate = R"([ca]
default_ca = nusqa_test_ca

[nusqa_test_ca]
database = @DIR@/index.txt
serial = @DIR@/ca.serial
new_certs_dir = @DIR@/issued
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
# keep the subject's order (O, then CN) as the request gives it
preserve = yes

[policy_any]
organizationName = optional
commonName = supplied

[req]
distinguished_name = req_dn
# UTF8String for every name: the Cyrillic and Kazakh names are stored as
# written and compare byte for byte in the tests
string_mask = utf8only
utf8 = yes

[req_dn]

[root_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[personal_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[seal_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

# RFC 3161 2.3: a TSA certificate carries only the timeStamping extended key
# usage, marked critical; `openssl ts -verify` rejects the token otherwise.
[tsa_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
)";

// The section `openssl ts -reply` reads. certs = ca.pem puts the chain into
// a reply when the query asks for certificates (-cert), so a verifier needs
// only the trust anchor. ESSCertIDv2 with SHA-256 (ess_cert_id_alg) is what
// PAdES validators expect; queries with SHA-1 imprints get a rejection.
const char* const tsaConfigTemplate = R"([tsa]
default_tsa = tsa_config1

[tsa_config1]
serial = @DIR@/tsa.serial
crypto_device = builtin
signer_cert = @DIR@/tsa.pem
certs = @DIR@/ca.pem
signer_key = @DIR@/tsa-key.pem
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1, millisecs:500, microsecs:100
clock_precision_digits = 0
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
)";

struct Validity {
    std::string start;
    std::string end;
};

// RSA key generation is most of the time makeTestPki takes (0.1 - 0.3 s a
// key, with luck in the prime search), so all keys are made at once on as
// many cores as there are before any certificate is issued.
void generateKeys(const fs::path& dir, const std::vector<std::string>& names) {
    std::vector<std::future<std::string>> jobs;
    for (const std::string& name : names) {
        jobs.push_back(std::async(std::launch::async, [&dir, name] {
            return runOpenssl({"genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                               "-out", (dir / (name + "-key.pem")).string()});
        }));
    }
    for (auto& job : jobs) job.get();  // the first failure is rethrown
}

// A certificate for the key <name>-key.pem, signed by the CA (or by itself
// when extensions is root_ext); returns the certificate path.
fs::path issue(const fs::path& dir, const std::string& name, const std::string& subject,
               const std::string& extensions, const Validity& validity) {
    const fs::path config = dir / "ca.cnf";
    const fs::path key = dir / (name + "-key.pem");
    const fs::path request = dir / (name + ".csr");
    const fs::path cert = dir / (name + ".pem");
    runOpenssl({"req", "-new", "-key", key.string(), "-out", request.string(), "-config",
                config.string(), "-utf8", "-subj", subject});
    std::vector<std::string> sign = {
        "ca",       "-batch",      "-config",      config.string(), "-in",        request.string(),
        "-out",     cert.string(), "-extensions",  extensions,      "-startdate", validity.start,
        "-enddate", validity.end,  "-rand_serial", "-notext",       "-utf8"};
    if (extensions == "root_ext") {
        sign.insert(sign.end(), {"-selfsign", "-keyfile", key.string()});
    } else {
        sign.insert(sign.end(), {"-cert", (dir / "ca.pem").string(), "-keyfile",
                                 (dir / "ca-key.pem").string()});
    }
    runOpenssl(sign);
    fs::remove(request);
    return cert;
}

TestIdentity issueIdentity(const fs::path& dir, const std::string& name,
                           const std::string& commonName, const std::string& extensions,
                           const std::string& password, const Validity& validity) {
    TestIdentity identity;
    identity.commonName = commonName;
    identity.organization = organization;
    identity.password = password;
    identity.certPem =
        issue(dir, name, "/O=" + organization + "/CN=" + commonName, extensions, validity);
    identity.p12 = dir / (name + ".p12");
    // The friendly name stays ASCII: it is stored as a BMPString and some
    // readers mangle non-Latin ones; the subject carries the real name.
    runOpenssl({"pkcs12", "-export", "-inkey", (dir / (name + "-key.pem")).string(), "-in",
                identity.certPem.string(), "-certfile", (dir / "ca.pem").string(), "-name", name,
                "-out", identity.p12.string(), "-passout", "pass:" + password});
    return identity;
}

}  // namespace

std::string runOpenssl(const std::vector<std::string>& arguments) {
    std::string command = "openssl";
    for (const std::string& argument : arguments) command += " " + shellQuote(argument);
    command += " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot start: " + command);
    std::string output;
    char buffer[4096];
    while (std::size_t count = std::fread(buffer, 1, sizeof buffer, pipe))
        output.append(buffer, count);
    int status = ::pclose(pipe);
    if (status == -1) throw std::runtime_error("cannot wait for: " + command);
    if (!WIFEXITED(status))
        throw std::runtime_error("killed by a signal: " + command + "\n" + output);
    if (WEXITSTATUS(status) != 0)
        throw std::runtime_error("exit status " + std::to_string(WEXITSTATUS(status)) + ": " +
                                 command + "\n" + output);
    return output;
}

TestPki makeTestPki(const fs::path& directory) {
    const fs::path dir = fs::absolute(directory).lexically_normal();
    requireConfigSafe(dir);
    fs::create_directories(dir / "issued");
    writeFile(dir / "ca.cnf", withDirectory(caConfigTemplate, dir));
    writeFile(dir / "tsa.cnf", withDirectory(tsaConfigTemplate, dir));
    writeFile(dir / "index.txt", "");
    // `openssl ts -reply` increments the number in the file and uses the
    // result, so the first time stamp of a fresh PKI has serial number 1.
    writeFile(dir / "tsa.serial", "00\n");

    const auto now = std::chrono::system_clock::now();
    const Validity validity{utcTime(now - std::chrono::days(1)),
                            utcTime(now + std::chrono::days(730))};

    TestPki pki;
    pki.directory = dir;
    generateKeys(dir, {"ca", "personal-1", "personal-2", "personal-3", "seal", "tsa"});
    pki.caKey = dir / "ca-key.pem";
    pki.caPem = issue(dir, "ca", "/CN=Nusqa Test Root CA", "root_ext", validity);

    const std::vector<std::string> names = {"Айгүл Серікова", "Иван Петров", "Dana Omarova"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string number = std::to_string(i + 1);
        pki.personal.push_back(issueIdentity(dir, "personal-" + number, names[i], "personal_ext",
                                             "test-pass-" + number, validity));
    }
    pki.seal =
        issueIdentity(dir, "seal", organization + " seal", "seal_ext", "seal-pass", validity);

    pki.tsaPem =
        issue(dir, "tsa", "/O=" + organization + "/CN=Nusqa Test TSA", "tsa_ext", validity);
    pki.tsaKey = dir / "tsa-key.pem";
    pki.tsaConfig = dir / "tsa.cnf";
    return pki;
}

}  // namespace nusqa::test
