import KubeAPI
import Wire

/// The EndpointSlice half of ``EndpointsController``: after a Service's Endpoints, its EndpointSlices
/// (``EndpointSliceReconciler``).
extension EndpointsController {
    /// Writes what ``EndpointSliceReconciler/actions(current:desired:)`` decides for the Service `namespace/name`
    /// (`service` nil when it is gone: its slices are the garbage collector's to delete).
    func syncSlices(namespace: String, name: String, service: ServiceObject?) async throws {
        guard let service else { return }
        let isAPIServer = namespace == "default" && name == "kubernetes" && service.spec.selector == nil
        let desired: [EndpointSlice]?
        if service.spec.selector != nil {
            desired = EndpointSliceReconciler.desired(
                service: service, pods: client.cachedList(Pod.self, namespace: namespace))
        } else if isAPIServer, let address = apiServer?() {
            desired = [EndpointSliceReconciler.apiServerSlice(host: address.host, port: address.port)]
        } else {
            desired = nil
        }
        let current = client.cachedList(EndpointSlice.self, namespace: namespace).filter { slice in
            guard slice.labels[EndpointSlice.serviceNameLabel] == name else { return false }
            return slice.labels[EndpointSlice.managedByLabel] == EndpointSliceReconciler.managedBy
                || (isAPIServer && slice.name == "kubernetes")
        }
        for action in EndpointSliceReconciler.actions(current: current, desired: desired) {
            switch action {
            case .create(let slice):
                _ = try await client.create(slice, namespace: namespace)
            case .update(let slice):
                _ = try await client.update(slice)
            case .delete(let namespace, let name):
                try await client.delete(.endpointSlice, namespace: namespace, name: name)
            }
        }
    }

    /// The Service key a slice change concerns: the namespace and its `kubernetes.io/service-name` label.
    static func sliceKeys(_ slice: EndpointSlice) -> [String] {
        guard let service = slice.labels[EndpointSlice.serviceNameLabel], !service.isEmpty else { return [] }
        return [NamespacedKey.make(namespace: slice.namespace, name: service)]
    }
}
