import Foundation
import KubeAPI
import Wire

/// The control plane's readiness lines on stderr: `controlplane bootstrap listening on HOST:PORT` and
/// `controlplane listening on HOST:PORT`. Pure.
struct ReadinessLines: Sendable, Equatable {
    /// Where the API listens.
    var api: ServerAddress?
    /// Where the bootstrap (join) listener listens.
    var bootstrap: ServerAddress?

    /// Both addresses are known.
    var isComplete: Bool { api != nil && bootstrap != nil }

    /// The addresses found in `text` (the output of one run; later lines win).
    static func parse(_ text: String) -> ReadinessLines {
        var lines = ReadinessLines()
        for line in text.split(separator: "\n") {
            if let range = line.range(of: "controlplane bootstrap listening on ") {
                lines.bootstrap = address(line[range.upperBound...])
            } else if let range = line.range(of: "controlplane listening on ") {
                lines.api = address(line[range.upperBound...])
            }
        }
        return lines
    }

    private static func address(_ text: Substring) -> ServerAddress? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let address = try? ServerAddress(parsing: trimmed), address.port > 0 else { return nil }
        return address
    }
}
