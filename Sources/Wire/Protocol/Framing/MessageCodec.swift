import Foundation
import KubeAPI
import NIOCore

/// Turns messages into frame payloads and back. Stateless.
public enum MessageCodec {
    /// The default cap on a frame's payload: 16 MiB.
    public static let defaultMaxFrameBytes = 16 * 1024 * 1024

    /// Encodes a message as compact JSON into a buffer (the length prefix is added by the pipeline). Both ways go
    /// through ``JSONValue`` (``JSONValue/canonicalJSON`` and ``JSONValue/init(jsonData:)``), not `JSONEncoder`/`JSONDecoder`: a frame is parsed once.
    public static func encode(_ message: Message, allocator: ByteBufferAllocator = ByteBufferAllocator()) throws
        -> ByteBuffer
    {
        let bytes = try JSONValue(encoding: message).canonicalJSON
        var buffer = allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return buffer
    }

    /// Decodes one frame's payload. Throws ``WireError/malformedMessage(_:)`` with a readable reason.
    public static func decode(_ buffer: ByteBuffer) throws -> Message {
        let value: JSONValue
        do {
            value = try buffer.withUnsafeReadableBytes { try JSONValue(jsonBytes: $0) }
        } catch {
            throw WireError.malformedMessage("invalid JSON")
        }
        do {
            return try value.decode(as: Message.self)
        } catch let error as DecodingError {
            throw WireError.malformedMessage(describe(error))
        } catch {
            throw WireError.malformedMessage("\(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "invalid JSON" }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            let prefix = context.codingPath.isEmpty ? "" : path(context.codingPath) + "."
            return "missing field \"\(prefix)\(key.stringValue)\""
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found null"
        @unknown default:
            return "\(error)"
        }
    }
}
