import KubeAPI
import Wire

/// Drives ``EndpointsReconciler``: keeps each selector Service's Endpoints listing the pods it selects, deletes the
/// Endpoints of deleted Services, and (when it knows the API server's address) keeps `default/kubernetes`'s
/// Endpoints pointing at the API server. Keeps the same Services' EndpointSlices too (EndpointsController+Slices).
struct EndpointsController: Controller {
    let client: ControllerClient
    let recorder: EventRecorder
    /// Where clients reach the API server, for `default/kubernetes`'s Endpoints (the closure answers nil until the
    /// listener is bound). Without it, that Endpoints is left alone like any selectorless Service's.
    var apiServer: (@Sendable () -> ServerAddress?)?

    var name: String { "endpoints-controller" }
    var watchedKinds: [ResourceKind] { [.service, .pod, .endpoints, .endpointSlice] }

    /// A Service or Endpoints change: that key. A pod change: the Services in its namespace whose selector picks
    /// its labels, and those whose Endpoints list it (its labels may have changed, or it may be gone).
    func keys(for event: InformerEvent) async -> [String] {
        switch event.kind {
        case .service, .endpoints:
            return [event.key]
        case .pod:
            return event.object(as: Pod.self).map(podKeys) ?? []
        case .endpointSlice:
            return event.object(as: EndpointSlice.self).map(Self.sliceKeys) ?? []
        default:
            return []
        }
    }

    /// Every Service, and every Endpoints (so that leftovers of Services deleted while the controller was down go).
    func initialKeys() async -> [String] {
        var keys = client.informers.services.list().map(OwnerKeys.key(of:))
        for endpoints in client.informers.endpoints.list() where !keys.contains(OwnerKeys.key(of: endpoints)) {
            keys.append(OwnerKeys.key(of: endpoints))
        }
        return keys
    }

    func sync(_ key: String) async throws -> Duration? {
        let (namespace, name) = Self.split(key)
        let service = client.cached(ServiceObject.self, namespace: namespace, name: name)
        let current = client.cached(Endpoints.self, namespace: namespace, name: name)
        let desired: Endpoints?
        var requeue: Duration?
        if let service, service.spec.selector != nil {
            let pods = client.cachedList(Pod.self, namespace: namespace)
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
            try await client.delete(.endpoints, namespace: namespace, name: name)
        case nil:
            break
        }
        try await syncSlices(namespace: namespace, name: name, service: service)
        return requeue
    }

    /// The Service keys a pod change concerns (see ``keys(for:)``).
    private func podKeys(_ pod: Pod) -> [String] {
        var keys: [String] = []
        for service in client.informers.services.list(namespace: pod.namespace) {
            guard let selector = service.spec.selector, EndpointsReconciler.matches(selector, pod.labels) else {
                continue
            }
            keys.append(OwnerKeys.key(of: service))
        }
        for endpoints in client.informers.endpoints.list(namespace: pod.namespace)
        where Self.lists(endpoints, pod: pod.name) && !keys.contains(OwnerKeys.key(of: endpoints)) {
            keys.append(OwnerKeys.key(of: endpoints))
        }
        return keys
    }

    /// Whether an Endpoints object names pod `name` among its addresses, ready or not.
    private static func lists(_ endpoints: Endpoints, pod name: String) -> Bool {
        (endpoints.subsets ?? []).contains { subset in
            ((subset.addresses ?? []) + (subset.notReadyAddresses ?? [])).contains {
                $0.targetRef?.kind == "Pod" && $0.targetRef?.name == name
            }
        }
    }

    /// An error as an event message: a Status's message, else its description.
    private static func text(_ error: any Error) -> String {
        (error as? Status)?.message ?? "\(error)"
    }
}
