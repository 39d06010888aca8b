import KubeAPI
import Wire

// The storage and networking kinds with a status subresource: their typed writes keep the status apart from the spec
// (``ObjectLifecycle/hasStatusSubresource(_:)``), as their JSON writes do.
extension PersistentVolume: SpecAndStatusResource {}
extension PersistentVolumeClaim: SpecAndStatusResource {}
extension Ingress: SpecAndStatusResource {}
