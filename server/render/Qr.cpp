// QR codes with libqrencode (the only file that includes it), and their
// drawing as filled rectangles: one per horizontal run of dark modules, so
// a code of version 6 is a few hundred rectangles rather than a thousand
// and no hairline seams show between neighbouring modules of a row.
// libqrencode is thread-safe when built with pthread, as Debian's is (it
// locks around its shared Reed-Solomon tables), so renders may run at once.
#include <qrencode.h>

#include <cerrno>
#include <cmath>
#include <memory>

#include "render/detail/Builder.h"

namespace nusqa::render {
namespace {

constexpr int kQuietModules = 4;  // ISO/IEC 18004 asks for four

struct QrFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

// Positions in hundredths of a point: the writer prints two decimals, and
// edges computed from the same rounded numbers meet exactly.
float rounded(float value) {
    return std::round(value * 100.0f) / 100.0f;
}

}  // namespace

Result<QrCode> encodeQr(const std::string& text) {
    errno = 0;
    // Version 0: the smallest that holds the text; 8-bit mode keeps a URL's
    // case; error correction M survives a smudged print.
    std::unique_ptr<QRcode, QrFree> encoded(
        QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!encoded) {
        if (errno == ERANGE)
            return fail(ErrorCode::InvalidArgument,
                        "render: seal: the verify URL is too long for a QR code (" +
                            std::to_string(text.size()) + " bytes)");
        return fail(ErrorCode::Internal,
                    "render: seal: libqrencode failed (errno " + std::to_string(errno) + ")");
    }
    QrCode code;
    code.width = encoded->width;
    code.dark.resize(static_cast<std::size_t>(code.width) * static_cast<std::size_t>(code.width));
    for (std::size_t at = 0; at < code.dark.size(); ++at)
        code.dark[at] = (encoded->data[at] & 1) != 0;
    return code;
}

float qrModule(const QrCode& code, float symbolSize) {
    return rounded(symbolSize / static_cast<float>(code.width));
}

float qrExtent(const QrCode& code, float module) {
    return module * static_cast<float>(code.width + 2 * kQuietModules);
}

std::vector<Fill> qrFills(const QrCode& code, float x, float y, float module) {
    x = rounded(x);
    y = rounded(y);
    float extent = qrExtent(code, module);
    std::vector<Fill> fills{Fill{x, y, extent, extent, 1}};  // the white ground
    float originX = x + kQuietModules * module;
    float originY = y + kQuietModules * module;
    for (int row = 0; row < code.width; ++row) {
        for (int column = 0; column < code.width;) {
            if (!code.at(column, row)) {
                ++column;
                continue;
            }
            int start = column;
            while (column < code.width && code.at(column, row)) ++column;
            fills.push_back(Fill{originX + static_cast<float>(start) * module,
                                 originY + static_cast<float>(row) * module,
                                 static_cast<float>(column - start) * module, module, 0});
        }
    }
    return fills;
}

}  // namespace nusqa::render
