#include "app/detail/SettingsFile.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace nusqa::app {
namespace {

constexpr std::size_t kMaxFileBytes = 1024 * 1024;
constexpr int kMaxExpansionDepth = 10;  // Poco's limit of nested ${...}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string trim(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && isSpace(text[begin])) ++begin;
    while (end > begin && isSpace(text[end - 1])) --end;
    return std::string(text.substr(begin, end - begin));
}

// Reads the files character by character, as Poco's parsers do (the
// grammar of a line depends on its first character and on escapes).
class Cursor {
public:
    explicit Cursor(std::string_view bytes) : _bytes(bytes) {}
    bool done() const { return _at >= _bytes.size(); }
    int get() { return done() ? -1 : static_cast<unsigned char>(_bytes[_at++]); }
    int peek() const { return done() ? -1 : static_cast<unsigned char>(_bytes[_at]); }

private:
    std::string_view _bytes;
    std::size_t _at = 0;
};

// PropertyFileConfiguration::readChar: one character of a value, escapes
// resolved, a backslash-newline skipped; 0 at the end of the line.
int valueChar(Cursor& in) {
    for (;;) {
        int c = in.get();
        if (c == '\\') {
            c = in.get();
            switch (c) {
                case 't':
                    return '\t';
                case 'r':
                    return '\r';
                case 'n':
                    return '\n';
                case 'f':
                    return '\f';
                case '\r':
                    if (in.peek() == '\n') in.get();
                    continue;
                case '\n':
                    continue;
                default:
                    return c;
            }
        }
        if (c == '\n' || c == '\r') return 0;
        return c;
    }
}

}  // namespace

Result<SettingsFile> SettingsFile::read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::InvalidArgument,
                    "config: cannot read " + path + ": " + std::strerror(errno));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) return fail(ErrorCode::InvalidArgument, "config: cannot read " + path);
    std::string text = std::move(bytes).str();
    if (text.size() > kMaxFileBytes)
        return fail(ErrorCode::TooLarge, "config: " + path + " is larger than 1 MiB");
    return parse(text, path.ends_with(".ini"));
}

SettingsFile SettingsFile::parse(std::string_view bytes, bool ini) {
    SettingsFile file;
    file._ini = ini;
    Cursor in(bytes);
    std::string section;
    while (!in.done()) {
        int c = in.get();
        while (c != -1 && isSpace(static_cast<char>(c))) c = in.get();
        if (c == -1) break;
        if (ini) {
            if (c == ';') {
                while (c != -1 && c != '\n') c = in.get();
            } else if (c == '[') {
                std::string name;
                for (c = in.get(); c != -1 && c != ']' && c != '\n'; c = in.get())
                    name += static_cast<char>(c);
                section = trim(name);
            } else {
                std::string key, value;
                for (; c != -1 && c != '=' && c != '\n'; c = in.get()) key += static_cast<char>(c);
                if (c == '=')
                    for (c = in.get(); c != -1 && c != '\n'; c = in.get())
                        value += static_cast<char>(c);
                std::string full = section.empty() ? trim(key) : section + "." + trim(key);
                file.set(full, trim(value));
            }
            continue;
        }
        if (c == '#' || c == '!') {
            while (c != -1 && c != '\n' && c != '\r') c = in.get();
            continue;
        }
        std::string key, value;
        for (; c != -1 && c != '=' && c != ':' && c != '\r' && c != '\n'; c = in.get())
            key += static_cast<char>(c);
        if (c == '=' || c == ':')
            for (c = valueChar(in); c != -1 && c != 0; c = valueChar(in))
                value += static_cast<char>(c);
        file.set(trim(key), trim(value));
    }
    return file;
}

std::string SettingsFile::normalised(std::string key) const {
    if (_ini)
        for (char& c : key)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return key;
}

void SettingsFile::set(const std::string& key, std::string value) {
    _values[normalised(key)] = std::move(value);
}

const std::string* SettingsFile::raw(const std::string& key) const {
    auto found = _values.find(normalised(key));
    return found == _values.end() ? nullptr : &found->second;
}

std::optional<std::string> SettingsFile::get(const std::string& key) const {
    const std::string* value = raw(key);
    if (value == nullptr) return std::nullopt;
    return expand(*value, 1);
}

std::string SettingsFile::expand(const std::string& value, int depth) const {
    std::string result;
    for (std::size_t at = 0; at < value.size();) {
        if (value[at] != '$') {
            result += value[at++];
            continue;
        }
        ++at;
        if (at == value.size() || value[at] != '{') {
            result += '$';
            continue;
        }
        std::size_t close = value.find('}', ++at);
        std::string name = value.substr(at, close == std::string::npos ? close : close - at);
        at = close == std::string::npos ? value.size() : close + 1;
        const std::string* referenced = raw(name);
        if (referenced != nullptr && depth < kMaxExpansionDepth)
            result += expand(*referenced, depth + 1);
        else
            result += "${" + name + "}";
    }
    return result;
}

}  // namespace nusqa::app
