import Foundation
import KubeAPI
import Wire

/// An HTTP request on a resource path, as the API server's ``Request`` (the same request the frame protocol
/// carries, so both front doors share one implementation of every rule). Pure.
enum RESTTranslator {
    /// What the API server is asked.
    enum Operation: Sendable, Equatable {
        /// A request answered with one object (or Status).
        case call(Request)
        /// A watch, streamed.
        case watch(Request)
        /// `pods/log`: the container's output, streamed as it comes.
        case log(Request)
        /// `pods/eviction` (policy/v1 Eviction): the pod's deletion, answered with a Status.
        case evict(Request)
        /// The `scale` subresource (``RESTScale``): `read` gets the object; `change`, when present, turns its Scale
        /// into the new one (a PATCH's document or a PUT's body), whose replicas are then patched into the object.
        case scale(read: Request, change: ScaleChange?)
    }

    /// How a request changes a Scale.
    enum ScaleChange: Sendable, Equatable {
        case patch(JSONValue, PatchType)
        case replace(JSONValue)
    }

    /// The request for `method` on `target`.
    ///
    /// - Parameters:
    ///   - contentType: The body's `Content-Type` (absent means JSON, as the Python client sends none).
    ///   - body: The request body (empty for none).
    /// - Throws: a ``Status``: 405 for a method the path does not take, 415 for a body format, 400 for a malformed
    ///   body or query, 404 for a subresource not served.
    static func operation(
        method: String, target: RESTTarget, query: RESTQuery, contentType: String?, body: [UInt8],
        userAgent: String? = nil
    ) throws -> Operation {
        var request = Request(verb: .get, kind: target.kind.kind, namespace: target.namespace, name: target.name)
        request.subresource = target.subresource
        request.dryRun = try dryRun(query)
        request.fieldManager = RESTFieldManager.manager(query: query, userAgent: userAgent, method: method)
        request.force = query["force"] == nil ? nil : try query.flag("force")
        switch method {
        case _ where target.subresource == "scale" && ["GET", "PATCH", "PUT"].contains(method):
            // A custom kind's scale is looked up by the handler (404 when its version declares none).
            guard RESTScale.kinds.contains(target.kind) || !target.kind.isBuiltIn, target.name != nil else {
                throw RESTErrors.notFound
            }
            request.verb = .get
            request.subresource = nil
            switch method {
            case "PATCH": return .scale(read: request, change: .patch(try json(body), try patchType(contentType)))
            case "PUT": return .scale(read: request, change: .replace(try object(body, contentType: contentType)))
            default: return .scale(read: request, change: nil)
            }
        case "GET" where target.subresource == Request.logSubresource:
            guard target.kind == .pod, target.name != nil else { throw RESTErrors.notFound }
            request.container = query["container"].flatMap { $0.isEmpty ? nil : $0 }
            request.follow = try query.flag("follow") ? true : nil
            request.previous = try query.flag("previous") ? true : nil
            request.timestamps = try query.flag("timestamps") ? true : nil
            request.tailLines = try query.integer("tailLines")
            request.sinceSeconds = try query.integer("sinceSeconds")
            request.limitBytes = try query.integer("limitBytes")
            return .log(request)
        case "POST" where target.kind == .pod && [Request.execSubresource, "attach", "portforward"].contains(target.subresource):
            // kubectl 1.29 and older (and the fallback of newer ones) ask for SPDY here.
            throw Status(
                code: 400, reason: .badRequest,
                message: "Upgrade request required: pods/\(target.subresource ?? "") is served over WebSocket "
                    + "(\(ExecChannels.subprotocol), kubectl 1.30 or later), not SPDY")
        case "POST" where target.subresource == "eviction":
            guard target.kind == .pod, target.name != nil else { throw RESTErrors.notFound }
            let eviction = try object(body, contentType: contentType)
            request.verb = .delete
            request.subresource = nil
            if let options = eviction["deleteOptions"], options.objectValue != nil {
                try applyDeleteOptions(&request, query: query, body: options.canonicalJSON, contentType: nil)
            }
            return .evict(request)
        case "GET":
            try requireSubresource(target, in: [nil, "status"])
            request.labelSelector = query["labelSelector"]
            request.fieldSelector = query["fieldSelector"]
            request.resourceVersion = query["resourceVersion"]
            if try query.flag("watch") {
                request.verb = .watch
                request.subresource = nil
                if let name = target.name {
                    // A watch on an object's path (the old form) is a watch of the collection for that name.
                    let byName = "metadata.name=\(name)"
                    request.fieldSelector = [request.fieldSelector, byName].compactMap { $0 }.filter { !$0.isEmpty }
                        .joined(separator: ",")
                    request.name = nil
                }
                request.allowWatchBookmarks = try query.flag("allowWatchBookmarks") ? true : nil
                request.timeoutSeconds = try query.integer("timeoutSeconds").map(Double.init)
                return .watch(request)
            }
            request.verb = target.name == nil ? .list : .get
        case "POST":
            guard target.name == nil || target.subresource == "binding"
                || (target.kind == .serviceAccount && target.subresource == TokenRequest.subresource)
            else { throw RESTErrors.methodNotAllowed(method) }
            request.verb = .create
            request.object = try object(body, contentType: contentType)
        case "PUT":
            guard target.name != nil else { throw RESTErrors.methodNotAllowed(method) }
            try requireSubresource(target, in: [nil, "status"])
            request.verb = .update
            request.object = try object(body, contentType: contentType)
        case "PATCH":
            guard target.name != nil else { throw RESTErrors.methodNotAllowed(method) }
            try requireSubresource(target, in: [nil, "status"])
            request.verb = .patch
            request.patchType = try patchType(contentType)
            request.patch = request.patchType == .apply ? try RESTFieldManager.applyConfiguration(body) : try json(body)
            // An apply names its manager itself: Kubernetes refuses one without (no User-Agent default).
            if request.patchType == .apply { request.fieldManager = query["fieldManager"].flatMap { $0.isEmpty ? nil : $0 } }
        case "DELETE":
            guard target.name != nil else { throw RESTErrors.methodNotAllowed(method) }
            try requireSubresource(target, in: [nil])
            request.verb = .delete
            try applyDeleteOptions(&request, query: query, body: body, contentType: contentType)
        default:
            throw RESTErrors.methodNotAllowed(method)
        }
        return .call(request)
    }

    /// The patch type a `Content-Type` names.
    /// - Throws: 415 for any other type.
    static func patchType(_ contentType: String?) throws -> PatchType {
        let type = contentType.flatMap { RESTMediaType(parsing: Substring($0))?.type } ?? ""
        switch type {
        case "application/strategic-merge-patch+json": return .strategic
        case "application/merge-patch+json": return .merge
        case "application/json-patch+json": return .json
        case "application/apply-patch+yaml": return .apply
        default: throw RESTErrors.unsupportedMediaType(accepting: RESTErrors.patchMediaTypes)
        }
    }

    // MARK: - Parts

    /// `dryRun=All` asks for a dry run; absent or empty, a real one.
    private static func dryRun(_ query: RESTQuery) throws -> Bool? {
        let values = query.all("dryRun").filter { !$0.isEmpty }
        guard !values.isEmpty else { return nil }
        guard values.allSatisfy({ $0 == "All" }) else {
            throw Status.badRequest("dryRun: Unsupported value: \"\(values.first(where: { $0 != "All" }) ?? "")\": supported values: \"All\"")
        }
        return true
    }

    private static func requireSubresource(_ target: RESTTarget, in allowed: Set<String?>) throws {
        guard allowed.contains(target.subresource) else { throw RESTErrors.notFound }
    }

    /// A create or update body: a JSON object, or (`application/yaml`, as Kubernetes also takes) a YAML one.
    private static func object(_ body: [UInt8], contentType: String?) throws -> JSONValue {
        if let contentType, RESTMediaType(parsing: Substring(contentType))?.type == "application/yaml" {
            let documents: [JSONValue]
            do {
                documents = try YAMLManifest.documents(from: String(decoding: body, as: UTF8.self))
            } catch {
                throw Status.badRequest("\(error)")
            }
            guard documents.count == 1, documents[0].objectValue != nil else {
                throw RESTErrors.malformedBody("the body is not one YAML object")
            }
            return documents[0]
        }
        if let decoded = try protobufObject(body, contentType: contentType) { return decoded }
        try requireJSON(contentType)
        let value = try json(body)
        guard value.objectValue != nil else {
            throw RESTErrors.malformedBody("the body is not a JSON object")
        }
        return value
    }

    private static func requireJSON(_ contentType: String?) throws {
        guard let contentType, let media = RESTMediaType(parsing: Substring(contentType)) else { return }
        guard media.type == "application/json" else { throw RESTErrors.unsupportedMediaType() }
    }

    private static func json(_ body: [UInt8]) throws -> JSONValue {
        guard !body.isEmpty else { throw RESTErrors.malformedBody("unexpected end of JSON input") }
        do {
            return try JSONValue(jsonData: Data(body))
        } catch {
            throw RESTErrors.malformedBody("\(error)")
        }
    }

    /// DeleteOptions from the body (a JSON `DeleteOptions`, optional) and the query (`propagationPolicy`,
    /// `gracePeriodSeconds`, `dryRun`); the body wins where both say something.
    private static func applyDeleteOptions(
        _ request: inout Request, query: RESTQuery, body: [UInt8], contentType: String?
    ) throws {
        request.propagationPolicy = query["propagationPolicy"]
        request.gracePeriodSeconds = try query.integer("gracePeriodSeconds")
        guard !body.isEmpty else { return }
        try requireJSON(contentType)
        let options = try json(body)
        if let policy = options["propagationPolicy"]?.stringValue { request.propagationPolicy = policy }
        if options["orphanDependents"]?.boolValue == true, request.propagationPolicy == nil {
            request.propagationPolicy = "Orphan"
        }
        if let grace = options["gracePeriodSeconds"]?.intValue { request.gracePeriodSeconds = grace }
        if let dryRun = options["dryRun"]?.arrayValue?.compactMap(\.stringValue), !dryRun.isEmpty {
            guard dryRun.allSatisfy({ $0 == "All" }) else {
                throw Status.badRequest("dryRun: Unsupported value: \"\(dryRun[0])\": supported values: \"All\"")
            }
            request.dryRun = true
        }
    }
}
