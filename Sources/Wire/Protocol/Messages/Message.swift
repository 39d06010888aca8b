import Foundation
import KubeAPI

/// Everything that crosses a connection, one message per frame.
///
/// The JSON form carries a `type` discriminator:
/// - `{"type":"hello","protocolVersion":1,"agent":"kctl/0.1"}` (first message, both directions)
/// - `{"type":"request","id":7,"request":{...}}` (client to server)
/// - `{"type":"response","id":7,"object":{...}}` (server to client; `object` may be absent)
/// - `{"type":"error","id":7,"status":{...}}` (server to client; `id` absent for connection-level errors)
/// - `{"type":"event","id":7,"event":{"type":"ADDED","object":{...}}}` (server to client, for a watch)
/// - `{"type":"cancel","id":7}` (client to server: stop the watch or request `id`)
/// - `{"type":"data","id":7,"stream":"stdout","data":"hi\n"}` (a chunk of a log or exec stream, either direction;
///   `"encoding":"base64"` when the bytes are not UTF-8)
/// - `{"type":"close","id":7,"stream":"stdin"}` (client to server: end of the exec's standard input)
/// - `{"type":"resize","id":7,"width":80,"height":24}` (client to server: the exec's terminal size)
/// - `{"type":"exit","id":7,"status":{...}}` (server to client: the exec's command exited; the final answer)
/// - `{"type":"warning","id":7,"text":"unknown field \"spec.foo\""}` (server to client, before request `id`'s answer)
public enum Message: Sendable, Hashable {
    case hello(Hello)
    case request(id: UInt64, Request)
    case response(id: UInt64, object: JSONValue?)
    case error(id: UInt64?, Status)
    case event(id: UInt64, WatchEvent)
    case cancel(id: UInt64)
    case data(id: UInt64, StreamChunk)
    case close(id: UInt64, StreamName)
    case resize(id: UInt64, TerminalSize)
    case exit(id: UInt64, Status)
    case warning(id: UInt64, text: String)
}

/// The first message each side sends.
public struct Hello: Codable, Sendable, Hashable {
    public var protocolVersion: Int
    /// Free text naming the software: `kctl/0.1`, `controlplane/0.1`.
    public var agent: String?
    /// Server only: the identity it authenticated from the client's certificate (`admin`, `system:node:n1`).
    public var identity: String?
    /// Client only: a bearer token (a ServiceAccount token) that authenticates a client without a certificate.
    public var token: String?

    public init(
        protocolVersion: Int = WireVersion.protocolVersion, agent: String?, identity: String? = nil, token: String? = nil
    ) {
        self.protocolVersion = protocolVersion
        self.agent = agent
        self.identity = identity
        self.token = token
    }
}

extension Message: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, id, request, object, status, event, protocolVersion, agent, identity, token
        case stream, data, encoding, width, height, text
    }

    /// The discriminator values.
    public enum Kind: String, Codable, Sendable {
        case hello, request, response, error, event, cancel, data, close, resize, exit, warning
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let typeName = try c.decode(String.self, forKey: .type)
        guard let type = Kind(rawValue: typeName) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c, debugDescription: "unknown message type \"\(typeName)\"")
        }
        switch type {
        case .hello:
            self = .hello(try Hello(from: decoder))
        case .request:
            self = .request(id: try c.decode(UInt64.self, forKey: .id), try c.decode(Request.self, forKey: .request))
        case .response:
            self = .response(id: try c.decode(UInt64.self, forKey: .id),
                             object: try c.decodeIfPresent(JSONValue.self, forKey: .object))
        case .error:
            self = .error(id: try c.decodeIfPresent(UInt64.self, forKey: .id), try c.decode(Status.self, forKey: .status))
        case .event:
            self = .event(id: try c.decode(UInt64.self, forKey: .id), try c.decode(WatchEvent.self, forKey: .event))
        case .cancel:
            self = .cancel(id: try c.decode(UInt64.self, forKey: .id))
        case .data:
            let id = try c.decode(UInt64.self, forKey: .id)
            let stream = try c.decode(StreamName.self, forKey: .stream)
            let text = try c.decode(String.self, forKey: .data)
            switch try c.decodeIfPresent(DataEncoding.self, forKey: .encoding) ?? .utf8 {
            case .utf8:
                self = .data(id: id, StreamChunk(stream, Array(text.utf8)))
            case .base64:
                guard let bytes = Data(base64Encoded: text) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .data, in: c, debugDescription: "invalid base64")
                }
                self = .data(id: id, StreamChunk(stream, Array(bytes)))
            }
        case .close:
            self = .close(id: try c.decode(UInt64.self, forKey: .id), try c.decode(StreamName.self, forKey: .stream))
        case .resize:
            let size = TerminalSize(
                width: try c.decode(Int.self, forKey: .width), height: try c.decode(Int.self, forKey: .height))
            self = .resize(id: try c.decode(UInt64.self, forKey: .id), size)
        case .exit:
            self = .exit(id: try c.decode(UInt64.self, forKey: .id), try c.decode(Status.self, forKey: .status))
        case .warning:
            self = .warning(id: try c.decode(UInt64.self, forKey: .id), text: try c.decode(String.self, forKey: .text))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .hello(let hello):
            try c.encode(Kind.hello, forKey: .type)
            try c.encode(hello.protocolVersion, forKey: .protocolVersion)
            try c.encodeIfPresent(hello.agent, forKey: .agent)
            try c.encodeIfPresent(hello.identity, forKey: .identity)
            try c.encodeIfPresent(hello.token, forKey: .token)
        case .request(let id, let request):
            try c.encode(Kind.request, forKey: .type)
            try c.encode(id, forKey: .id)
            try c.encode(request, forKey: .request)
        case .response(let id, let object):
            try c.encode(Kind.response, forKey: .type)
            try c.encode(id, forKey: .id)
            try c.encodeIfPresent(object, forKey: .object)
        case .error(let id, let status):
            try c.encode(Kind.error, forKey: .type)
            try c.encodeIfPresent(id, forKey: .id)
            try c.encode(status, forKey: .status)
        case .event(let id, let event):
            try c.encode(Kind.event, forKey: .type)
            try c.encode(id, forKey: .id)
            try c.encode(event, forKey: .event)
        case .cancel(let id):
            try c.encode(Kind.cancel, forKey: .type)
            try c.encode(id, forKey: .id)
        case .data(let id, let chunk):
            try c.encode(Kind.data, forKey: .type)
            try c.encode(id, forKey: .id)
            try c.encode(chunk.stream, forKey: .stream)
            let (text, encoding) = chunk.encoded
            try c.encode(text, forKey: .data)
            if encoding != .utf8 { try c.encode(encoding, forKey: .encoding) }
        case .close(let id, let stream):
            try c.encode(Kind.close, forKey: .type)
            try c.encode(id, forKey: .id)
            try c.encode(stream, forKey: .stream)
        case .resize(let id, let size):
            try c.encode(Kind.resize, forKey: .type)
            try c.encode(id, forKey: .id)
            try c.encode(size.width, forKey: .width)
            try c.encode(size.height, forKey: .height)
        case .exit(let id, let status):
            try c.encode(Kind.exit, forKey: .type)
            try c.encode(id, forKey: .id)
            try c.encode(status, forKey: .status)
        case .warning(let id, let text):
            try c.encode(Kind.warning, forKey: .type)
            try c.encode(id, forKey: .id)
            try c.encode(text, forKey: .text)
        }
    }
}
