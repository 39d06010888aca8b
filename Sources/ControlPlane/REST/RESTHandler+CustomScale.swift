import KubeAPI
import Wire

extension RESTHandler {
    /// The `scale` subresource of a custom object (``CustomResourceScale``): 404 when its version declares none; a
    /// change becomes a merge patch of the object at `specReplicasPath`, admitted as any write of it.
    func customScale(
        _ read: Request, kind: ResourceKind, change: RESTTranslator.ScaleChange?, peer: PeerIdentity
    ) async throws -> JSONValue {
        guard let paths = api.customResources.type(for: kind)?.preferred.scale else { throw RESTErrors.notFound }
        let view = CustomResourceScale(paths: paths)
        let object = try await api.handle(read, from: peer) ?? [:]
        guard let change else { return view.scale(of: object) }
        let current = view.scale(of: object)
        let wanted: JSONValue
        switch change {
        case .patch(let patch, let type): wanted = try RESTScale.patched(current, patch: patch, type: type)
        case .replace(let body): wanted = body
        }
        var patch = Request(verb: .patch, kind: read.kind, namespace: read.namespace, name: read.name)
        patch.patch = view.objectPatch(replicas: try RESTScale.replicas(of: wanted))
        patch.patchType = .merge
        patch.dryRun = read.dryRun
        patch.fieldManager = read.fieldManager
        return view.scale(of: try await api.handle(patch, from: peer) ?? object)
    }
}
