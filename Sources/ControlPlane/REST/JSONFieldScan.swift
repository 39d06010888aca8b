import Foundation
import KubeAPI

/// The member keys of a JSON text, in document order, each with its path (`spec.template.spec.containers[0].name`,
/// as strict decoding names fields) and whether it repeats a key already given in the same object: what Kubernetes'
/// field validation reports as `duplicate field "spec.paused"` (the parsed value keeps only the last). Pure.
///
/// The text is expected to be JSON that already parsed; anything it cannot read ends the scan with what was found.
struct JSONFieldScan: Sendable, Equatable {
    /// One member key as it appears in the text.
    struct Occurrence: Sendable, Equatable {
        var path: String
        /// The same key was given earlier in the same object.
        var duplicate: Bool
    }

    /// Every member key, in the order the text gives them.
    private(set) var occurrences: [Occurrence] = []

    /// The scan of `text`.
    init(_ text: [UInt8]) {
        var reader = Reader(bytes: text)
        reader.skipWhitespace()
        reader.value(path: "", into: &occurrences)
    }

    /// The paths of the repeated keys, in document order.
    var duplicates: [String] { occurrences.filter(\.duplicate).map(\.path) }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        var depth = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        /// Reads one value, recording the keys of the objects inside it; false when the text cannot be read.
        @discardableResult
        mutating func value(path: String, into found: inout [Occurrence]) -> Bool {
            guard index < bytes.count, depth < 512 else { return false }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                depth += 1
                defer { depth -= 1 }
                index += 1
                var seen = Set<String>()
                while true {
                    skipWhitespace()
                    guard index < bytes.count else { return false }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; return true }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    guard let key = string() else { return false }
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
                    index += 1
                    skipWhitespace()
                    let member = path.isEmpty ? key : "\(path).\(key)"
                    found.append(Occurrence(path: member, duplicate: !seen.insert(key).inserted))
                    guard value(path: member, into: &found) else { return false }
                }
            case UInt8(ascii: "["):
                depth += 1
                defer { depth -= 1 }
                index += 1
                var element = 0
                while true {
                    skipWhitespace()
                    guard index < bytes.count else { return false }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return true }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    guard value(path: "\(path)[\(element)]", into: &found) else { return false }
                    element += 1
                }
            case UInt8(ascii: "\""):
                return string() != nil
            default:
                // A number or a literal: up to the next delimiter.
                let start = index
                while index < bytes.count, !",}] \t\r\n".utf8.contains(bytes[index]) { index += 1 }
                return index > start
            }
        }

        /// Reads a string (the index on its opening quote), resolving escapes.
        mutating func string() -> String? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let start = index
            index += 1
            var escaped = false
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    let raw = bytes[start..<index]
                    guard escaped else { return String(decoding: raw.dropFirst().dropLast(), as: UTF8.self) }
                    return (try? JSONValue(jsonData: Data(raw)))?.stringValue
                }
            }
            return nil
        }
    }
}
