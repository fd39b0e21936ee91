#include "app/AdminCommand.h"

#include <charconv>
#include <iostream>
#include <map>

#include "app/Wiring.h"
#include "crypto/Random.h"

namespace nusqa::app {
namespace {

constexpr const char* kAdminUsage =
    "usage: nusqa admin create-user --login L --email E --roles R1,R2 [--name-kk T] [--name-ru T]\n"
    "         [--language kk|ru] [--unit ID] [--position ID] [--password-stdin] [--config FILE]\n"
    "roles: admin, quality_office, author, approver, employee, auditor\n";

std::optional<std::int64_t> idOf(const std::string& text) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
    return value;
}

}  // namespace

int runAdmin(const std::vector<std::string>& arguments, std::istream& in, std::ostream& out,
             std::ostream& err) {
    if (arguments.empty() || arguments[0] != "create-user") {
        err << kAdminUsage;
        return 2;
    }
    std::map<std::string, std::string> options;
    bool passwordFromStdin = false;
    for (std::size_t i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == "--password-stdin") {
            passwordFromStdin = true;
        } else if (arguments[i].starts_with("--") && i + 1 < arguments.size()) {
            options[arguments[i].substr(2)] = arguments[i + 1];
            ++i;
        } else {
            err << "nusqa admin: unexpected argument «" << arguments[i] << "»\n" << kAdminUsage;
            return 2;
        }
    }
    NewUser user;
    user.login = options["login"];
    user.email = options["email"];
    user.fullNameKk = options["name-kk"];
    user.fullNameRu = options["name-ru"];
    if (user.fullNameKk.empty() && user.fullNameRu.empty()) user.fullNameKk = user.login;
    auto roles = parseRoles(options["roles"]);
    if (user.login.empty() || user.email.empty() || !roles || roles->empty()) {
        err << "nusqa admin: --login, --email and --roles (known names) are required\n"
            << kAdminUsage;
        return 2;
    }
    user.roles = *roles;
    if (options.contains("language")) {
        auto language = parseLanguage(options["language"]);
        if (!language) {
            err << "nusqa admin: --language is kk or ru\n";
            return 2;
        }
        user.language = *language;
    }
    for (const char* name : {"unit", "position"}) {
        if (!options.contains(name)) continue;
        auto id = idOf(options[name]);
        if (!id) {
            err << "nusqa admin: --" << name << " needs a positive id\n";
            return 2;
        }
        (std::string(name) == "unit" ? user.unitId : user.positionId) = *id;
    }
    bool generated = !passwordFromStdin;
    if (passwordFromStdin)
        std::getline(in, user.password);
    else
        user.password = crypto::randomHex(12);
    user.mustChangePassword = generated;

    auto settings = loadSettings(options["config"]);
    if (!settings) {
        err << "nusqa admin: " << settings.error().message << "\n";
        return 2;
    }
    auto wiring = Wiring::open(*settings);
    if (!wiring) {
        err << "nusqa admin: cannot open the store: " << wiring.error().message << "\n";
        return 3;
    }
    std::string password = user.password;
    auto created =
        (*wiring)->people().createUser(PeopleService::commandLineActor(), std::move(user));
    if (!created) {
        err << "nusqa admin: " << created.error().message << "\n";
        return 1;
    }
    out << "created user " << created->id << " «" << created->login << "» ("
        << joinRoles(created->roles) << ")\n";
    if (generated) out << "one-time password: " << password << " (shown only now)\n";
    return 0;
}

}  // namespace nusqa::app
