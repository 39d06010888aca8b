import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Blocking IPv4 TCP for probes, each step bounded by a timeout (run off the concurrency pool).
enum ProbeSocket {
    /// Why a connection failed, in Go's words (`connect: connection refused`, `i/o timeout`).
    struct Failure: Error {
        var text: String
    }

    /// Connects to `address:port` (dotted IPv4) within `timeout`; returns the descriptor.
    static func connect(_ address: String, port: Int, timeout: TimeInterval) -> Result<Int32, Failure> {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return .failure(Failure(text: "socket: \(String(cString: strerror(errno)))")) }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, address, &target.sin_addr) == 1 else {
            close(descriptor)
            return .failure(Failure(text: "invalid address \(address)"))
        }
        let flags = fcntl(descriptor, F_GETFL, 0)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        let started = withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if started != 0 {
            guard errno == EINPROGRESS else {
                let text = String(cString: strerror(errno)).lowercased()
                close(descriptor)
                return .failure(Failure(text: "connect: \(text)"))
            }
            guard wait(descriptor, events: Int16(POLLOUT), timeout: timeout) else {
                close(descriptor)
                return .failure(Failure(text: "i/o timeout"))
            }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
            if error != 0 {
                close(descriptor)
                return .failure(Failure(text: "connect: \(String(cString: strerror(error)).lowercased())"))
            }
        }
        _ = fcntl(descriptor, F_SETFL, flags)
        return .success(descriptor)
    }

    /// `GET path` on `address:port` within `timeout`: success for a status from 200 to 399, as the kubelet's
    /// HTTP prober (`shown` is the URL its messages name).
    static func httpGet(
        _ address: String, port: Int, path: String, hostHeader: String, headers: [String: String],
        timeout: TimeInterval, shown: String
    ) -> (Bool, String) {
        let deadline = Date().addingTimeInterval(timeout)
        let descriptor: Int32
        switch connect(address, port: port, timeout: timeout) {
        case .success(let connected): descriptor = connected
        case .failure(let failure):
            return (false, "Get \"\(shown)\": dial tcp \(hostHeader): \(failure.text)")
        }
        defer { close(descriptor) }
        var request = "GET \(path) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: kube-probe/1.32\r\nAccept: */*\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request += "\(name): \(value)\r\n" }
        request += "Connection: close\r\n\r\n"
        let bytes = Array(request.utf8)
        guard bytes.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count
        else { return (false, "Get \"\(shown)\": write: \(String(cString: strerror(errno)).lowercased())") }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        while !received.contains(0x0A) {
            let left = deadline.timeIntervalSinceNow
            guard left > 0, wait(descriptor, events: Int16(POLLIN), timeout: left) else {
                return (false, "Get \"\(shown)\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)")
            }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        let line = String(decoding: received.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            return (false, "Get \"\(shown)\": malformed HTTP response \(GoQuoteText.quote(line))")
        }
        guard (200..<400).contains(status) else { return (false, "HTTP probe failed with statuscode: \(status)") }
        return (true, "")
    }

    /// Polls `descriptor` for `events` up to `timeout` seconds.
    private static func wait(_ descriptor: Int32, events: Int16, timeout: TimeInterval) -> Bool {
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        let milliseconds = Int32(max(1, min(timeout * 1000, Double(Int32.max))))
        return poll(&entry, 1, milliseconds) == 1
    }
}

/// Go's `%q` for a short ASCII line.
private enum GoQuoteText {
    static func quote(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
}
