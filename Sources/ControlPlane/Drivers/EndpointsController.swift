import KubeAPI
import Wire

/// Drives ``EndpointsReconciler``: keeps each selector Service's Endpoints listing the pods it selects, deletes the
/// Endpoints of deleted Services, and (when it knows the API server's address) keeps `default/kubernetes`'s
/// Endpoints pointing at the API server.
struct EndpointsController: Controller {
    let client: InternalClient
    let recorder: EventRecorder
    /// Where clients reach the API server, for `default/kubernetes`'s Endpoints (the closure answers nil until the
    /// listener is bound). Without it, that Endpoints is left alone like any selectorless Service's.
    var apiServer: (@Sendable () -> ServerAddress?)?

    var name: String { "endpoints-controller" }
    var watchedKinds: [ResourceKind] { [.service, .pod, .endpoints] }

    /// A Service or Endpoints change: that key. A pod change: the Services in its namespace whose selector picks
    /// its labels, and those whose Endpoints list it (its labels may have changed, or it may be gone).
    func keys(for event: StoreEvent) async -> [String] {
        switch event.key.kind {
        case ResourceKind.service.kind, ResourceKind.endpoints.kind:
            return [OwnerKeys.key(of: event.object)]
        case ResourceKind.pod.kind:
            return podKeys(event.object, namespace: event.key.namespace)
        default:
            return []
        }
    }

    /// Every Service, and every Endpoints (so that leftovers of Services deleted while the controller was down go).
    func initialKeys() async -> [String] {
        var keys: [String] = []
        for kind in [ResourceKind.service, .endpoints] {
            for object in (try? client.api.store.list(kind: kind.kind, namespace: nil).items) ?? []
            where !keys.contains(OwnerKeys.key(of: object)) {
                keys.append(OwnerKeys.key(of: object))
            }
        }
        return keys
    }

    func sync(_ key: String) async throws -> Duration? {
        let (namespace, name) = Self.split(key)
        let service = try await client.get(ServiceObject.self, namespace: namespace, name: name)
        let current = try await client.get(Endpoints.self, namespace: namespace, name: name)
        let desired: Endpoints?
        var requeue: Duration?
        if let service, service.spec.selector != nil {
            let pods = try await client.list(Pod.self, namespace: namespace)
            desired = EndpointsReconciler.desired(service: service, pods: pods)
        } else if service != nil, namespace == "default", name == "kubernetes", let apiServer {
            let address = apiServer()
            desired = address.map { EndpointsReconciler.apiServerEndpoints(host: $0.host, port: $0.port) }
            // The address becomes known once the listener is bound; look again until then.
            if address == nil { requeue = .seconds(1) }
        } else {
            desired = nil
        }
        let action = EndpointsReconciler.action(
            namespace: namespace, name: name, serviceExists: service != nil, current: current, desired: desired)
        switch action {
        case .create(let endpoints)?:
            do {
                try await client.create(endpoints, namespace: namespace)
            } catch {
                await recorder.record(.to(endpoints), type: "Warning", reason: "FailedToCreateEndpoint",
                                      message: "Failed to create endpoint for service \(key): \(Self.text(error))")
                throw error
            }
        case .update(let endpoints)?:
            do {
                try await client.update(endpoints)
            } catch {
                await recorder.record(.to(endpoints), type: "Warning", reason: "FailedToUpdateEndpoint",
                                      message: "Failed to update endpoint \(key): \(Self.text(error))")
                throw error
            }
        case .delete(let namespace, let name)?:
            try await client.delete(kind: .endpoints, namespace: namespace, name: name)
        case nil:
            break
        }
        return requeue
    }

    /// The Service keys a pod change concerns (see ``keys(for:)``).
    private func podKeys(_ pod: JSONValue, namespace: String) -> [String] {
        let labels = pod[path: ["metadata", "labels"]]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
        let podName = pod[path: ["metadata", "name"]]?.stringValue ?? ""
        var keys: [String] = []
        let services = (try? client.api.store.list(kind: ResourceKind.service.kind, namespace: namespace).items) ?? []
        for service in services {
            guard let selector = service[path: ["spec", "selector"]]?.objectValue?.compactMapValues(\.stringValue),
                EndpointsReconciler.matches(selector, labels)
            else { continue }
            keys.append(OwnerKeys.key(of: service))
        }
        let endpoints = (try? client.api.store.list(kind: ResourceKind.endpoints.kind, namespace: namespace).items) ?? []
        for object in endpoints where Self.lists(object, pod: podName) {
            let key = OwnerKeys.key(of: object)
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    /// Whether an Endpoints object (JSON) names pod `name` among its addresses, ready or not.
    private static func lists(_ endpoints: JSONValue, pod name: String) -> Bool {
        (endpoints["subsets"]?.arrayValue ?? []).contains { subset in
            ["addresses", "notReadyAddresses"].contains { field in
                (subset[field]?.arrayValue ?? []).contains {
                    $0[path: ["targetRef", "kind"]] == "Pod" && $0[path: ["targetRef", "name"]]?.stringValue == name
                }
            }
        }
    }

    /// An error as an event message: a Status's message, else its description.
    private static func text(_ error: any Error) -> String {
        (error as? Status)?.message ?? "\(error)"
    }
}
