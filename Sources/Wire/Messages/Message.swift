/// Everything that crosses a connection, one message per frame.
///
/// The JSON form carries a `type` discriminator:
/// - `{"type":"hello","protocolVersion":1,"agent":"kctl/0.1"}` (first message, both directions)
/// - `{"type":"request","id":7,"request":{...}}` (client to server)
/// - `{"type":"response","id":7,"object":{...}}` (server to client; `object` may be absent)
/// - `{"type":"error","id":7,"status":{...}}` (server to client; `id` absent for connection-level errors)
/// - `{"type":"event","id":7,"event":{"type":"ADDED","object":{...}}}` (server to client, for a watch)
/// - `{"type":"cancel","id":7}` (client to server: stop the watch or request `id`)
public enum Message: Sendable, Hashable {
    case hello(Hello)
    case request(id: UInt64, Request)
    case response(id: UInt64, object: JSONValue?)
    case error(id: UInt64?, Status)
    case event(id: UInt64, WatchEvent)
    case cancel(id: UInt64)
}

/// The first message each side sends.
public struct Hello: Codable, Sendable, Hashable {
    public var protocolVersion: Int
    /// Free text naming the software: `kctl/0.1`, `controlplane/0.1`.
    public var agent: String?
    /// Server only: the identity it authenticated from the client's certificate (`admin`, `system:node:n1`).
    public var identity: String?

    public init(protocolVersion: Int = WireVersion.protocolVersion, agent: String?, identity: String? = nil) {
        self.protocolVersion = protocolVersion
        self.agent = agent
        self.identity = identity
    }
}

extension Message: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, id, request, object, status, event, protocolVersion, agent, identity
    }

    /// The discriminator values.
    public enum Kind: String, Codable, Sendable {
        case hello, request, response, error, event, cancel
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
        }
    }
}
