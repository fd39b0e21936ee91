// ConnectionLoop: the HTTP/1.1 loop of one connection, and the writing of a
// whole answer in one system call.
//
// serveConnection() is Poco 1.11's HTTPServerConnection::run with one
// change: between requests on a keep-alive connection it waits for the next
// request with poll(2) on the connection's one descriptor. Poco's own wait
// (HTTPServerSession::hasMoreRequests -> Socket::poll) creates and closes an
// epoll instance for every request, three system calls and a kernel object
// per request. Everything else is as in Poco: the handler factory is asked
// once the head arrived, "Expect: 100-continue" is answered, a malformed head
// gets 400, a Poco::Exception from a handler 500, network errors end the
// connection (rethrown to the caller, as Poco does).
//
// sendWhole() writes a head and a body with one sendmsg(2) (the body not
// copied), looping over partial writes; sendHeadAndFile() a head and a
// file's bytes with sendfile(2). Both are for plain TCP sockets only (a TLS
// socket must go through Poco's SSL layer).
//
// Thread safety: both run on the connection's thread; nothing is shared.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/StreamSocket.h>

#include <cstddef>
#include <string_view>

namespace nusqa::http {

// Serves requests on the socket until the client closes it, keep-alive ends
// (the timeout, the client or the handler asks to close) or a network error
// (thrown, as a Poco::Exception). params' maxKeepAliveRequests: 0 unlimited.
void serveConnection(Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                     Poco::Net::HTTPRequestHandlerFactory& factory);

// Writes head then body on the descriptor; false when the peer went away or
// the send timed out (the socket's send timeout), with part of it written.
bool sendWhole(int descriptor, std::string_view head, std::string_view body);

// Writes head, then size bytes of the file from its start with sendfile(2)
// (the kernel references the file's pages instead of copying them); false as
// for sendWhole(). The head is held back (MSG_MORE) to leave with the body's
// first bytes. REQUIRES: the file holds at least size bytes.
bool sendHeadAndFile(int descriptor, std::string_view head, int file, std::size_t size);

}  // namespace nusqa::http
