import Foundation
import KubeAPI
import Wire

/// Answers the Kubernetes REST API from the API server: routes a path (``RESTRoute``), negotiates the
/// representation (``RESTMediaType``), translates the call into the API server's ``Request``
/// (``RESTTranslator``) and runs it with the caller's identity, so authorization, admission and every lifecycle
/// rule are the ones the frame protocol uses. Discovery, `/version` and OpenAPI are answered here.
struct RESTHandler: Sendable {
    let api: APIServer

    /// One HTTP request as read.
    struct Call: Sendable {
        var method: String
        /// The request target: path and query (`/api/v1/pods?watch=1`).
        var uri: String
        var accept: String?
        var contentType: String?
        var body: [UInt8]
        /// `HOST:PORT` the client reached (the legacy `/api` document names it).
        var serverAddress: String
        /// The `User-Agent` header: a write without a `fieldManager` is recorded under its first part.
        var userAgent: String? = nil
        /// The `Impersonate-User` header (kubectl `--as`).
        var impersonateUser: String? = nil
        /// The `Impersonate-Group` headers (kubectl `--as-group`).
        var impersonateGroups: [String] = []
    }

    /// The reply to `call` from `peer` (nil: no client certificate, 401).
    func respond(to call: Call, from peer: PeerIdentity?) async -> RESTReply {
        guard let peer else { return .failure(RESTErrors.unauthorized) }
        do {
            guard call.impersonateUser != nil || !call.impersonateGroups.isEmpty else {
                return try await reply(call, peer: peer)
            }
            let acting = try api.impersonated(user: call.impersonateUser, groups: call.impersonateGroups, by: peer)
            // Streams run later with the connection's identity: they carry the impersonation, checked again then.
            return try await reply(call, peer: acting).impersonating(call.impersonateUser, groups: call.impersonateGroups)
        } catch let status as Status {
            return .failure(status)
        } catch {
            return .failure(.internalError("\(error)"))
        }
    }

    /// Streams the watch `request` (from a ``RESTReply/watch(_:contentType:)``): each event goes to `write` as one
    /// line; a failure after the stream started (e.g. 410 Gone for a resourceVersion too old) is an `ERROR` event
    /// carrying its Status, as Kubernetes sends it. With `bookmarkInterval`, a watch that asks for bookmarks gets them
    /// (``RESTWatchBookmarks``).
    func stream(
        _ request: Request, from peer: PeerIdentity, bookmarkInterval: Duration? = nil,
        write: @escaping @Sendable ([UInt8]) async -> Void
    ) async {
        let bookmarks = bookmarkInterval.flatMap { RESTWatchBookmarks(request: request, interval: $0, write: write) }
        await RESTWatchBookmarks.ticking(bookmarks) { await streamEvents(request, from: peer, bookmarks: bookmarks, write: write) }
    }

    private func streamEvents(
        _ request: Request, from peer: PeerIdentity, bookmarks: RESTWatchBookmarks?,
        write: @escaping @Sendable ([UInt8]) async -> Void
    ) async {
        do {
            try await api.watch(request, from: peer) { event in
                guard let bookmarks else {
                    return await write(RESTReply.eventLine(type: event.type.rawValue, object: event.object))
                }
                await bookmarks.send(event)
            }
        } catch let status as Status {
            let status = RESTErrors.watchFailure(status)
            await write(RESTReply.eventLine(type: "ERROR", object: (try? JSONValue(encoding: status)) ?? [:]))
        } catch {
            // Cancelled: the client went away or the watch's time is up.
        }
    }

    /// Streams `pods/log` (from a ``RESTReply/log(_:)``): the container's output goes to `output` as it comes.
    /// - Throws: the API server's Status (404, 400, 403...) when the log cannot be read.
    func log(_ request: Request, from peer: PeerIdentity, output: @escaping @Sendable ([UInt8]) async -> Void)
        async throws
    {
        let input = BoundedQueue<StreamInput, Void>(capacity: 1)
        defer { input.cancel() }
        let io = StreamIO(input: input) { chunk in await output(chunk.bytes) }
        _ = try await api.stream(request, from: peer, io: io)
    }

    // MARK: - Routing

    private func reply(_ call: Call, peer: PeerIdentity) async throws -> RESTReply {
        let (path, query) = Self.split(call.uri)
        var route = RESTRoute.parse(path: path)
        if route == .notFound { route = RESTRoute.parse(path: path, custom: api.customResources.types) }
        if case .resource(let target) = route {
            let reply = try await resource(target, call: call, query: query, peer: peer)
            return call.method == "DELETE" ? RESTDeleteReply.reply(reply, kind: target.kind) : reply
        }
        if case .review(let review) = route {
            guard call.method == "POST" else { throw RESTErrors.methodNotAllowed(call.method) }
            return .json(try await self.review(review, call: call, peer: peer), status: 201)
        }
        guard call.method == "GET" else {
            throw route == .notFound ? RESTErrors.notFound : RESTErrors.methodNotAllowed(call.method)
        }
        try api.authorizePath(path, peer: peer)
        switch route {
        case .version:
            return .json(RESTVersion.document)
        case .coreGroup, .groups:
            let core = route == .coreGroup
            if try RESTMediaType.negotiate(accept: call.accept, tables: false, discovery: true) == .discoveryV2 {
                return .json(
                    RESTDiscovery.aggregated(core: core, custom: api.customResources.types),
                    contentType: RESTMediaType.discoveryV2)
            }
            return .json(
                core
                    ? RESTDiscovery.apiVersions(serverAddress: call.serverAddress)
                    : RESTDiscovery.apiGroupList(custom: api.customResources.types))
        case .groupVersion(let group, let version):
            guard let list = RESTDiscovery.resourceList(group: group, version: version)
                ?? RESTDiscovery.customResourceList(group: group, version: version, custom: api.customResources.types)
            else { throw RESTErrors.notFound }
            return .json(list)
        case .openAPI(let name) where name == RESTOpenAPIV2.name:
            return .full(status: 200, contentType: RESTOpenAPIV2.contentType, body: RESTOpenAPIV2.emptyDocument)
        case .openAPI(let name):
            let document = try await api.handle(Request(verb: .get, kind: OpenAPIV3.requestKind, name: name), from: peer)
            return .json(document ?? [:])
        case .resource, .review, .notFound:
            throw RESTErrors.notFound
        }
    }

    private func resource(_ target: RESTTarget, call: Call, query: RESTQuery, peer: PeerIdentity) async throws -> RESTReply {
        if target.kind == .pod, let pod = target.name, let subresource = target.subresource,
            ["exec", "attach", "portforward"].contains(subresource),
            let refusal = api.streamRefusal(namespace: target.namespace, pod: pod, subresource: subresource, peer: peer)
        {
            throw refusal
        }
        let operation = try RESTTranslator.operation(
            method: call.method, target: target, query: query, contentType: call.contentType, body: call.body,
            userAgent: call.userAgent)
        if case .call(let request) = operation, request.patchType == .apply {
            // Server-side apply: 201 when it created the object; field validation as for the other patches.
            let validation = try FieldValidation.forREST(request, directive: query["fieldValidation"], body: call.body)
            let (answer, created) = try await FieldValidation.$current.withValue(validation) {
                try await api.applyAnswer(request, from: peer)
            }
            let reply = RESTReply.json(answer, status: created ? 201 : 200)
            guard let warnings = validation?.warnings, !warnings.isEmpty else { return reply }
            return .warned(warnings, reply)
        }
        let asTable = try RESTMediaType.negotiate(accept: call.accept, tables: true, discovery: false) == .table
        var contentType = "application/json"
        func presented(_ request: Request) -> Request {
            guard asTable else { return request }
            var request = request
            request.as = "Table"
            request.includeObject = query["includeObject"]
            contentType = RESTMediaType.table
            return request
        }
        switch operation {
        case .call(let request):
            let request = presented(request)
            let validation = try FieldValidation.forREST(request, directive: query["fieldValidation"], body: call.body)
            var answer = try await FieldValidation.$current.withValue(validation) { try await api.handle(request, from: peer) }
                ?? .object([:])
            if request.verb == .list { answer = try RESTPaging.page(answer, limit: query["limit"], continue: query["continue"]) }
            let reply = RESTReply.json(answer, status: request.verb == .create ? 201 : 200, contentType: contentType)
            guard let warnings = validation?.warnings, !warnings.isEmpty else { return reply }
            return .warned(warnings, reply)
        case .watch(let request):
            let request = presented(request)
            try await checkWatch(request, target: target, peer: peer)
            return .watch(request, contentType: contentType)
        case .log(let request):
            return .log(request)
        case .scale(let read, let change):
            return .json(try await scale(read, change: change, peer: peer))
        case .evict(let request):
            // The pod's deletion, asked for as the eviction it is (authorized as `create pods/eviction`).
            var eviction = request
            eviction.verb = .create
            eviction.subresource = "eviction"
            let answer = try await api.handle(eviction, from: peer) ?? [:]
            return .json(answer, status: 201)
        }
    }

    /// Answers a self-review: whether the caller may do what an access review describes (the API server's
    /// authorizer decides; what names no served kind only an administrator may do), or who the caller is.
    private func review(_ review: RESTReview, call: Call, peer: PeerIdentity) async throws -> JSONValue {
        switch review {
        case .whoami:
            return RESTReview.whoamiAnswer(peer)
        case .rules:
            let namespace = try RESTRulesReview.namespace(body: call.body, contentType: call.contentType)
            return api.rulesReview(for: peer, namespace: namespace)
        case .access:
            return try await api.accessReview(
                RESTReview.attributes(body: call.body, contentType: call.contentType), from: peer)
        case .subject:
            let review: JSONValue
            do { review = try JSONValue(jsonData: Data(call.body)) } catch { throw RESTErrors.malformedBody("\(error)") }
            return try api.subjectAccessReview(review, from: peer)
        }
    }

    /// Answers the `scale` subresource: the object's Scale, after patching its replicas when `change` asks.
    private func scale(_ read: Request, change: RESTTranslator.ScaleChange?, peer: PeerIdentity) async throws -> JSONValue {
        if let kind = try? api.resolve(read.kind), !kind.isBuiltIn {
            return try await customScale(read, kind: kind, change: change, peer: peer)
        }
        let object = try await api.handle(read, from: peer) ?? [:]
        guard let change else { return RESTScale.scale(of: object) }
        let current = RESTScale.scale(of: object)
        let wanted: JSONValue
        switch change {
        case .patch(let patch, let type): wanted = try RESTScale.patched(current, patch: patch, type: type)
        case .replace(let body): wanted = body
        }
        var patch = Request(verb: .patch, kind: read.kind, namespace: read.namespace, name: read.name)
        patch.patch = RESTScale.objectPatch(replicas: try RESTScale.replicas(of: wanted))
        patch.patchType = .merge
        patch.dryRun = read.dryRun
        patch.fieldManager = read.fieldManager
        return RESTScale.scale(of: try await api.handle(patch, from: peer) ?? object)
    }

    /// What a watch is refused for before its stream starts, answered as an HTTP error as Kubernetes does (its
    /// handler chain authorizes and parses before the watch begins): the API server's own checks, in its order.
    private func checkWatch(_ request: Request, target: RESTTarget, peer: PeerIdentity) async throws {
        _ = try api.tableOptions(of: request)
        let namespace = try api.namespace(of: request, kind: target.kind)
        try await api.authorize(request, kind: target.kind, namespace: namespace, peer: peer)
        _ = try ObjectFilter(request: request)
        _ = try APIServer.watchStart(request.resourceVersion)
    }

    /// The path and the parsed query of a request target.
    static func split(_ uri: String) -> (path: String, query: RESTQuery) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri, RESTQuery()) }
        return (String(uri[..<mark]), RESTQuery(parsing: uri[uri.index(after: mark)...]))
    }
}
