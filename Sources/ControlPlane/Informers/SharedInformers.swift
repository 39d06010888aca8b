import KubeAPI
import Logging
import Wire

/// The informers of the controller manager: one per kind, shared by every controller (so each kind is listed,
/// watched and decoded once, whatever the number of controllers reading it).
///
/// Pods are also indexed by node (``podsByNode``); every informer indexes by namespace and by owner uid.
final class SharedInformers: Sendable {
    /// The index of pods by `spec.nodeName` (unbound pods are not in it).
    static let podsByNode = "node"

    let namespaces = Informer<Namespace>()
    let nodes = Informer<Node>()
    let pods = Informer<Pod>(indexers: [
        SharedInformers.podsByNode: { pod in pod.spec.nodeName.flatMap { $0.isEmpty ? nil : [$0] } ?? [] }
    ])
    let services = Informer<ServiceObject>()
    let endpoints = Informer<Endpoints>()
    let endpointSlices = Informer<EndpointSlice>()
    let persistentVolumes = Informer<PersistentVolume>()
    let persistentVolumeClaims = Informer<PersistentVolumeClaim>()
    let storageClasses = Informer<StorageClass>()
    let podDisruptionBudgets = Informer<PodDisruptionBudget>()
    let configMaps = Informer<ConfigMap>()
    let secrets = Informer<Secret>()
    let serviceAccounts = Informer<ServiceAccount>()
    let daemonSets = Informer<DaemonSet>()
    let deployments = Informer<Deployment>()
    let replicaSets = Informer<ReplicaSet>()
    let statefulSets = Informer<StatefulSet>()
    let controllerRevisions = Informer<ControllerRevision>()
    let leases = Informer<Lease>()
    let jobs = Informer<Job>()
    let cronJobs = Informer<CronJob>()

    init() {}

    /// Every informer.
    var all: [any AnyInformer] {
        [namespaces, nodes, pods, services, endpoints, configMaps, daemonSets, deployments, replicaSets,
         controllerRevisions, leases, endpointSlices, persistentVolumes, persistentVolumeClaims, storageClasses, podDisruptionBudgets, secrets, serviceAccounts, statefulSets,
         jobs, cronJobs]
    }

    /// The informer of `kind`, if there is one.
    func informer(for kind: ResourceKind) -> (any AnyInformer)? { all.first { $0.kind == kind } }

    /// The informer of `R`, if there is one.
    func informer<R: APIResource>(_ type: R.Type) -> Informer<R>? { informer(for: R.resourceKind) as? Informer<R> }

    /// The pods bound to `node`.
    func pods(onNode node: String) -> [Pod] { pods.byIndex(Self.podsByNode, node) }

    /// Runs the informers of `kinds` until the task is cancelled.
    func run(_ kinds: Set<ResourceKind>, client: any ClusterClient, logger: Logger) async {
        await withDiscardingTaskGroup { group in
            for informer in all where kinds.contains(informer.kind) {
                group.addTask { await informer.run(client: client, logger: logger) }
            }
        }
    }

    /// Returns once the informers of `kinds` have all listed once.
    func waitUntilSynced(_ kinds: Set<ResourceKind>) async {
        for informer in all where kinds.contains(informer.kind) { await informer.waitUntilSynced() }
    }
}
