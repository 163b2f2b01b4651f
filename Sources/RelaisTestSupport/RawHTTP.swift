import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Sends an HTTP/1.1 request to a live server on loopback in several writes, with a pause between them, as a
/// browser's long form arrives in several packets; returns the response's head and body as text.
public func sendInParts(port: Int, _ parts: [String], pause: Duration = .milliseconds(150)) async throws -> String {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EIO) }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    for (index, part) in parts.enumerated() {
        if index > 0 { try await Task.sleep(for: pause) }
        let bytes = Array(part.utf8)
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
            guard written > 0 else { throw POSIXError(.EPIPE) }
            sent += written
        }
    }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count <= 0 { break }
        response.append(contentsOf: buffer[..<count])
        if let text = String(bytes: response, encoding: .utf8), let end = text.range(of: "\r\n\r\n"),
            let length = text[..<end.lowerBound].split(separator: "\r\n").first(where: {
                $0.lowercased().hasPrefix("content-length:")
            }).flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }),
            text.utf8.count - text[..<end.upperBound].utf8.count >= length
        {
            break
        }
    }
    return String(decoding: response, as: UTF8.self)
}
