import Foundation
import KubeAPI
import Synchronization
import Wire

/// Tables on the server, as Kubernetes prints them: a request with `as: "Table"` is answered with a
/// `meta.k8s.io/v1 Table` of what it would have answered (a list: one row per item; one object: one row), and
/// a watch with events whose object is a Table of one row, the column definitions in the first event only.
/// The cells come from the API library's table builders (``TableConvertor``), with ages as of the answer.
extension APIServer {
    /// The table a request asks for, or nil when it asks for objects.
    /// - Throws: 406 `NotAcceptable` for an `as` other than `Table`, 400 for a bad `includeObject`.
    func tableOptions(of request: Request) throws -> TableOptions? {
        try TableOptions.requested(as: request.as, includeObject: request.includeObject)
    }

    /// Answers `request` (which asks for a table) with a Table of its answer as objects; a `Status` answer is
    /// passed through, as Kubernetes does.
    func tableAnswer(_ request: Request, options: TableOptions, from peer: PeerIdentity) async throws -> JSONValue? {
        let kind = try resolve(request.kind)
        guard let answer = try await handle(Self.objectRequest(request), from: peer) else { return nil }
        if answer["kind"]?.stringValue == "Status" { return answer }
        if let table = customResourceTable(kind, answer: answer, options: options) { return table }
        return TableConvertor.table(kind: kind.kind, answer: answer, now: now(), options: options).json
    }

    /// Streams `request` (a watch that asks for tables): each event's object becomes a Table of its one row, with
    /// the column definitions in the first event only. A BOOKMARK becomes a Table without rows carrying its
    /// resourceVersion.
    func watchTables(
        _ request: Request, options: TableOptions, from peer: PeerIdentity,
        send: @escaping @Sendable (WatchEvent) async -> Void
    ) async throws {
        let kind = try resolve(request.kind)
        let headers = HeaderGate()
        let now = self.now
        try await watch(Self.objectRequest(request), from: peer) { event in
            let object: JSONValue
            if event.type == .bookmark {
                let version = event.object[path: ["metadata", "resourceVersion"]]?.stringValue
                object = Table(resourceVersion: version, columnDefinitions: [], rows: []).json
            } else if !kind.isBuiltIn {
                object = self.customResourceTable(kind, answer: event.object, options: options, headers: headers.take())
                    ?? Table(columnDefinitions: [], rows: []).json
            } else {
                object = TableConvertor.table(
                    kind: kind.kind, answer: event.object, now: now(), options: options, headers: headers.take()
                ).json
            }
            await send(WatchEvent(type: event.type, object: object))
        }
    }

    /// `request` without its table members: what the verbs answer as objects.
    private static func objectRequest(_ request: Request) -> Request {
        var request = request
        request.as = nil
        request.includeObject = nil
        return request
    }
}

/// Whether a table watch has yet to send its column definitions: true once, then false.
private final class HeaderGate: Sendable {
    private let pending = Mutex(true)

    /// True the first time only.
    func take() -> Bool {
        pending.withLock { pending in
            defer { pending = false }
            return pending
        }
    }
}
