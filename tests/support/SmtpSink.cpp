#include "support/SmtpSink.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/SocketStream.h>

#include <cctype>
#include <iterator>
#include <sstream>

namespace nusqa::test {
namespace {

std::string upper(std::string text) {
    for (char& c : text)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return text;
}

std::string between(const std::string& line, char open, char close) {
    auto start = line.find(open);
    auto end = line.find(close, start == std::string::npos ? 0 : start + 1);
    if (start == std::string::npos || end == std::string::npos) return {};
    return line.substr(start + 1, end - start - 1);
}

// Decodes RFC 2047 "B" and "Q" encoded words; the whitespace between two
// encoded words is dropped, as the RFC says.
std::string decodeSubject(const std::string& header) {
    std::istringstream words(header);
    std::string word, decoded;
    bool previousEncoded = false;
    while (words >> word) {
        bool encoded = word.starts_with("=?") && word.ends_with("?=") && word.size() > 8;
        std::size_t q1 = encoded ? word.find('?', 2) : std::string::npos;
        std::size_t q2 = q1 == std::string::npos ? q1 : word.find('?', q1 + 1);
        if (q2 == std::string::npos) encoded = false;
        if (!encoded) {
            if (!decoded.empty()) decoded += ' ';
            decoded += word;
            previousEncoded = false;
            continue;
        }
        if (!decoded.empty() && !previousEncoded) decoded += ' ';
        char kind = static_cast<char>(std::toupper(static_cast<unsigned char>(word[q1 + 1])));
        std::string payload = word.substr(q2 + 1, word.size() - q2 - 3);
        if (kind == 'B') {
            std::istringstream in(payload);
            Poco::Base64Decoder decoder(in);
            decoded.append(std::istreambuf_iterator<char>(decoder),
                           std::istreambuf_iterator<char>());
        } else {
            decoded += Poco::Net::MessageHeader::decodeWord(word);
        }
        previousEncoded = true;
    }
    return decoded;
}

// The raw Subject header (unfolded) of a message; Poco's reader decodes
// encoded words itself and keeps the folding blanks between them.
std::string rawSubject(const std::string& data) {
    std::istringstream lines(data);
    std::string line, subject;
    bool inSubject = false;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) break;  // end of the header
        if (inSubject && (line[0] == ' ' || line[0] == '\t')) {
            subject += line;
            continue;
        }
        inSubject = line.size() > 8 && upper(line.substr(0, 8)) == "SUBJECT:";
        if (inSubject) subject = line.substr(8);
    }
    return subject;
}

}  // namespace

SmtpSink::SmtpSink() : _listener(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    _port = _listener.address().port();
    _thread = std::thread([this] { serve(); });
}

SmtpSink::~SmtpSink() {
    _stopping = true;
    _thread.join();
    _listener.close();
}

std::vector<SinkMessage> SmtpSink::messages() const {
    std::lock_guard lock(_mutex);
    return _messages;
}

void SmtpSink::clear() {
    std::lock_guard lock(_mutex);
    _messages.clear();
}

void SmtpSink::serve() {
    while (!_stopping) {
        if (!_listener.poll(Poco::Timespan(0, 50000), Poco::Net::Socket::SELECT_READ)) continue;
        try {
            Poco::Net::StreamSocket socket = _listener.acceptConnection();
            socket.setReceiveTimeout(Poco::Timespan(5, 0));
            converse(socket);
        } catch (const std::exception&) {
            // A broken conversation loses that message; the test will see it.
        }
    }
}

void SmtpSink::converse(Poco::Net::StreamSocket& socket) {
    Poco::Net::SocketStream stream(socket);
    auto reply = [&](const std::string& line) { stream << line << "\r\n" << std::flush; };
    reply("220 nusqa-test-sink ESMTP");
    SinkMessage message;
    std::string line;
    while (std::getline(stream, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string command = upper(line.substr(0, 4));
        if (command == "EHLO" || command == "HELO") {
            reply("250 nusqa-test-sink");
        } else if (command == "MAIL") {
            message = SinkMessage{};
            message.sender = between(line, '<', '>');
            reply("250 OK");
        } else if (command == "RCPT") {
            message.recipients.push_back(between(line, '<', '>'));
            reply("250 OK");
        } else if (command == "DATA") {
            reply("354 end with <CRLF>.<CRLF>");
            std::string data;
            while (std::getline(stream, line)) {
                if (!line.empty() && line.back() == '\r') line.pop_back();
                if (line == ".") break;
                if (line.starts_with("..")) line.erase(0, 1);  // dot-stuffing
                data += line + "\r\n";
            }
            std::istringstream in(data);
            Poco::Net::MailMessage mail;
            mail.read(in);
            message.subject = decodeSubject(rawSubject(data));
            message.body = mail.getContent();
            {
                std::lock_guard lock(_mutex);
                _messages.push_back(message);
            }
            reply("250 OK queued");
        } else if (command == "QUIT") {
            reply("221 bye");
            return;
        } else {
            reply("250 OK");
        }
    }
}

}  // namespace nusqa::test
