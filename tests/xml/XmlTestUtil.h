// Helpers for the xml module's tests. They deliberately do not use libxml2:
// the tests check the module's output with independent, simple code.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "domain/Error.h"

namespace nusqa::test {

// tests/fixtures/<name> as bytes.
std::string readFixture(const std::string& name);

// The error's message and every detail message, one per line: everything a
// caller could show to a user (for "the secret never appears" checks).
std::string errorText(const Error& error);

// The text of an XML document or fragment without a DOCTYPE: character data
// and CDATA in document order, the five predefined entities and character
// references decoded; tags, comments and processing instructions dropped.
std::string textContent(std::string_view xml);

// The bytes between the first "<name" start tag and its "</name>", or
// between "<name" and "/>" for an empty element; empty if absent.
std::string_view elementSource(std::string_view xml, std::string_view name);

// Whether text contains part.
bool contains(std::string_view text, std::string_view part);

// The substring of xml after the first occurrence of marker (or empty).
std::string_view after(std::string_view xml, std::string_view marker);

// Replaces the first occurrence of from; throws if from is absent.
std::string replaceOnce(std::string text, std::string_view from, std::string_view to);

// UTF-8 text as UTF-16LE with a byte order mark.
std::string toUtf16WithBom(std::string_view utf8);

// Wall-clock seconds taken by f().
template <typename F>
double secondsTaken(F&& f) {
    auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace nusqa::test
