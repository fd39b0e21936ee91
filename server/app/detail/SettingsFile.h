// The settings file of the commands besides serve (`nusqa render --config
// FILE`, import, admin, ...), read as Poco::Util read it before, without
// linking Poco: the lean `nusqa` binary (front.cpp) loaded Poco Util,
// Foundation, XML and JSON and PCRE for this file alone (5 shared
// libraries, 7,700 symbol relocations per `nusqa render`). `nusqa serve`
// still reads it through Poco::Util::ServerApplication.
//
// Formats, as Poco 1.11 reads them:
// - FILE.ini (IniFileConfiguration): `[section]` lines prefix the keys
//   that follow with "section."; `key = value`; `;` starts a comment line;
//   keys are case-insensitive; key and value trimmed.
// - any other name (PropertyFileConfiguration): `key = value` or
//   `key: value`; `#` and `!` start a comment line; a backslash at the end
//   of a line continues the value on the next; \t \r \n \f escapes, any
//   other escaped character stands for itself; key and value trimmed.
// A later line with the same key wins. get() expands ${key} references
// to other keys of the file (an unknown one stays as written), ten levels
// deep at most, as AbstractConfiguration::getString does.
//
// Thread safety: a const SettingsFile may be read from any number of
// threads; set() needs exclusive access.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "domain/Error.h"

namespace nusqa::app {

class SettingsFile {
public:
    // No file: no keys.
    SettingsFile() = default;

    // Errors: InvalidArgument ("config: cannot read FILE: reason") when
    // the file cannot be opened or read; TooLarge over 1 MiB.
    static Result<SettingsFile> read(const std::string& path);
    // The same, from the file's bytes; ini: the INI format, else properties.
    static SettingsFile parse(std::string_view bytes, bool ini);

    void set(const std::string& key, std::string value);
    // The value with its ${key} references expanded; nullopt: no such key.
    std::optional<std::string> get(const std::string& key) const;

private:
    // Keys of an INI file are kept in lower case (case-insensitive).
    std::string normalised(std::string key) const;
    const std::string* raw(const std::string& key) const;
    std::string expand(const std::string& value, int depth) const;

    bool _ini = false;
    std::map<std::string, std::string> _values;
};

}  // namespace nusqa::app
