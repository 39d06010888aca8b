import Foundation
import KubeAPI
import Wire

/// The `v5.channel.k8s.io` WebSocket subprotocol of `pods/exec` and `pods/attach`, as kubectl 1.30+ and the Python client speak it:
/// every message is a binary frame whose first byte is the channel (0 stdin, 1 stdout, 2 stderr, 3 the final
/// Status, 4 terminal resizes as `{"Width":W,"Height":H}`), and `[255, 0]` closes stdin. Pure.
enum ExecChannels {
    /// The only subprotocol served.
    static let subprotocol = "v5.channel.k8s.io"

    /// Whether a `Sec-WebSocket-Protocol` header offers the subprotocol.
    static func offered(_ header: String?) -> Bool {
        (header ?? "").split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == subprotocol }
    }

    /// What a client message means for the command, or nil for a message to ignore (another channel, an empty
    /// one, a resize that does not parse).
    static func input(_ message: [UInt8]) -> StreamInput? {
        guard let channel = message.first else { return nil }
        let payload = Array(message.dropFirst())
        switch channel {
        case 0: return payload.isEmpty ? nil : .stdin(payload)
        case 255 where payload == [0]: return .stdinClosed
        case 4:
            guard let size = try? JSONValue(jsonData: Data(payload)),
                let width = size["Width"]?.intValue, let height = size["Height"]?.intValue
            else { return nil }
            return .resize(TerminalSize(width: Int(width), height: Int(height)))
        default: return nil
        }
    }

    /// The message carrying output on its channel.
    static func output(_ chunk: StreamChunk) -> [UInt8] {
        [chunk.stream == .stderr ? 2 : 1] + chunk.bytes
    }

    /// The final message: the command's Status on channel 3 (`Success`, or `NonZeroExitCode` with the code).
    static func status(_ status: Status) -> [UInt8] {
        [3] + ((try? JSONValue(encoding: status))?.canonicalJSON ?? [])
    }

    /// The exec or attach request a WebSocket's target names (`/api/v1/namespaces/NS/pods/NAME/exec?command=...`,
    /// `.../pods/NAME/attach?container=c&stdin=true&stdout=true`), or nil when it is neither on a pod.
    static func request(uri: String) -> Request? {
        let (path, query) = RESTHandler.split(uri)
        guard case .resource(let target) = RESTRoute.parse(path: path), target.kind == .pod,
            let name = target.name, let subresource = target.subresource,
            subresource == Request.execSubresource || subresource == Request.attachSubresource
        else { return nil }
        var request = Request(verb: .create, kind: ResourceKind.pod.kind, namespace: target.namespace, name: name)
        request.subresource = subresource
        if subresource == Request.execSubresource { request.command = query.all("command") }
        request.container = query["container"].flatMap { $0.isEmpty ? nil : $0 }
        request.stdin = (try? query.flag("stdin")) == true ? true : nil
        request.tty = (try? query.flag("tty")) == true ? true : nil
        return request
    }
}
