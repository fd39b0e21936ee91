#include "signing/VerifyWire.h"

#include <cstdint>
#include <optional>

namespace nusqa::signing::wire {
namespace {

constexpr std::string_view kRequestMagic = "NQV1";
constexpr std::string_view kOutcomeMagic = "NQR1";
// Far above what a real file needs (reports stop at 256 signatures); a
// decoder never reserves memory from a count.
constexpr std::uint32_t kMaxItems = 4096;

class Writer {
public:
    explicit Writer(std::string_view magic) : _bytes(magic) {}

    void u8(std::uint8_t value) { _bytes.push_back(static_cast<char>(value)); }
    void u32(std::uint32_t value) {
        for (int shift = 0; shift < 32; shift += 8)
            _bytes.push_back(static_cast<char>((value >> shift) & 0xFF));
    }
    void i64(std::int64_t value) {
        auto bits = static_cast<std::uint64_t>(value);
        for (int shift = 0; shift < 64; shift += 8)
            _bytes.push_back(static_cast<char>((bits >> shift) & 0xFF));
    }
    void flag(bool value) { u8(value ? 1 : 0); }
    void text(std::string_view value) {
        u32(static_cast<std::uint32_t>(value.size()));
        _bytes.append(value);
    }

    std::string take() && { return std::move(_bytes); }

private:
    std::string _bytes;
};

// Reads what Writer wrote; every read fails (and stays failed) when too
// few bytes are left.
class Reader {
public:
    Reader(std::string_view bytes, std::string_view magic) : _bytes(bytes) {
        if (!_bytes.starts_with(magic)) _ok = false;
        _at = magic.size();
    }

    bool ok() const { return _ok; }
    bool atEnd() const { return _at == _bytes.size(); }
    std::string_view rest() const { return _ok ? _bytes.substr(_at) : std::string_view(); }

    std::uint8_t u8() {
        if (!take(1)) return 0;
        return static_cast<std::uint8_t>(_bytes[_at - 1]);
    }
    std::uint32_t u32() {
        if (!take(4)) return 0;
        std::uint32_t value = 0;
        for (int i = 3; i >= 0; --i)
            value = value << 8 |
                    static_cast<std::uint8_t>(_bytes[_at - 4 + static_cast<std::size_t>(i)]);
        return value;
    }
    std::int64_t i64() {
        if (!take(8)) return 0;
        std::uint64_t value = 0;
        for (int i = 7; i >= 0; --i)
            value = value << 8 |
                    static_cast<std::uint8_t>(_bytes[_at - 8 + static_cast<std::size_t>(i)]);
        return static_cast<std::int64_t>(value);
    }
    bool flag() {
        std::uint8_t value = u8();
        if (value > 1) _ok = false;
        return value == 1;
    }
    std::string text() {
        std::uint32_t size = u32();
        if (!take(size)) return {};
        return std::string(_bytes.substr(_at - size, size));
    }
    // A count of items that follow, each at least minimumBytes long.
    std::uint32_t count(std::size_t minimumBytes) {
        std::uint32_t value = u32();
        if (value > kMaxItems || value * minimumBytes > _bytes.size() - _at) _ok = false;
        return _ok ? value : 0;
    }

private:
    bool take(std::size_t size) {
        if (!_ok || size > _bytes.size() - _at) {
            _ok = false;
            return false;
        }
        _at += size;
        return true;
    }

    std::string_view _bytes;
    std::size_t _at = 0;
    bool _ok = true;
};

void writeSignature(Writer& out, const SignatureReport& signature) {
    out.text(signature.field);
    out.text(signature.signer);
    out.text(signature.issuer);
    out.text(signature.certificateSha256);
    out.text(signature.signingTime);
    out.flag(signature.hasTimestamp);
    out.text(signature.timestampTime);
    out.flag(signature.timestampValid);
    for (std::int64_t value : signature.byteRange) out.i64(value);
    out.flag(signature.coversWholeFile);
    out.text(signature.level);
    out.flag(signature.valid);
    out.flag(signature.trusted);
    out.text(signature.problemCode);
    out.text(signature.problem);
    out.flag(signature.seal);
    out.i64(signature.editionId);
    out.text(signature.editionSha256);
    out.text(signature.printKind);
    out.i64(signature.comparedEditionId);
}

SignatureReport readSignature(Reader& in) {
    SignatureReport signature;
    signature.field = in.text();
    signature.signer = in.text();
    signature.issuer = in.text();
    signature.certificateSha256 = in.text();
    signature.signingTime = in.text();
    signature.hasTimestamp = in.flag();
    signature.timestampTime = in.text();
    signature.timestampValid = in.flag();
    for (std::int64_t& value : signature.byteRange) value = in.i64();
    signature.coversWholeFile = in.flag();
    signature.level = in.text();
    signature.valid = in.flag();
    signature.trusted = in.flag();
    signature.problemCode = in.text();
    signature.problem = in.text();
    signature.seal = in.flag();
    signature.editionId = in.i64();
    signature.editionSha256 = in.text();
    signature.printKind = in.text();
    signature.comparedEditionId = in.i64();
    return signature;
}

// The error codes a worker may report; anything else is a broken answer.
std::optional<ErrorCode> workerErrorCode(std::uint8_t value) {
    switch (static_cast<ErrorCode>(value)) {
        case ErrorCode::InvalidArgument:
        case ErrorCode::InvalidDocument:
        case ErrorCode::Internal:
            return static_cast<ErrorCode>(value);
        default:
            return std::nullopt;
    }
}

}  // namespace

std::string encodeRequestHead(const std::vector<std::string>& anchors) {
    Writer out(kRequestMagic);
    out.u32(static_cast<std::uint32_t>(anchors.size()));
    for (const std::string& anchor : anchors) out.text(anchor);
    return std::move(out).take();
}

Result<Request> decodeRequest(std::string_view bytes) {
    Reader in(bytes, kRequestMagic);
    Request request;
    for (std::uint32_t i = 0, n = in.count(4); i < n; ++i) request.anchors.push_back(in.text());
    if (!in.ok()) return fail(ErrorCode::InvalidArgument, "verify-worker: not a request");
    request.pdf = in.rest();
    return request;
}

std::string encodeOutcome(const Result<PdfReport>& outcome) {
    Writer out(kOutcomeMagic);
    if (!outcome) {
        out.u8(1);
        out.u8(static_cast<std::uint8_t>(outcome.error().code));
        out.text(outcome.error().message);
        return std::move(out).take();
    }
    const PdfReport& report = *outcome;
    out.u8(0);
    out.i64(report.size);
    out.flag(report.valid);
    out.text(report.problemCode);
    out.text(report.problem);
    out.u32(static_cast<std::uint32_t>(report.signatures.size()));
    for (const SignatureReport& signature : report.signatures) writeSignature(out, signature);
    return std::move(out).take();
}

Result<PdfReport> decodeOutcome(std::string_view bytes) {
    Reader in(bytes, kOutcomeMagic);
    auto broken = [] {
        return fail(ErrorCode::Internal, "signing: the verification worker gave a broken answer");
    };
    std::uint8_t kind = in.u8();
    if (kind == 1) {
        std::optional<ErrorCode> code = workerErrorCode(in.u8());
        std::string message = in.text();
        if (!in.ok() || !in.atEnd() || !code) return broken();
        return fail(*code, std::move(message));
    }
    if (kind != 0) return broken();
    PdfReport report;
    report.size = in.i64();
    report.valid = in.flag();
    report.problemCode = in.text();
    report.problem = in.text();
    // A signature takes at least 10 lengths, 6 flags and 5 integers.
    for (std::uint32_t i = 0, n = in.count(10 * 4 + 6 + 5 * 8); i < n && in.ok(); ++i)
        report.signatures.push_back(readSignature(in));
    if (!in.ok() || !in.atEnd()) return broken();
    return report;
}

}  // namespace nusqa::signing::wire
