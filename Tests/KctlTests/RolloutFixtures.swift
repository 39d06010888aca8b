import Foundation
import KubeAPI
import Wire

/// Small factories for the rollout, set image and scale tests: the tutorial's filebeat DaemonSet and redis
/// Deployment, their ControllerRevisions and ReplicaSets, as the server returns them (JSON).
enum RolloutFixtures {
    static let dsUID = "ds-uid"
    static let deploymentUID = "deploy-uid"

    static func template(image: String, labels: [String: String], annotations: [String: String]? = nil)
        -> PodTemplateSpec
    {
        PodTemplateSpec(
            metadata: ObjectMeta(labels: labels, annotations: annotations),
            spec: PodSpec(containers: [Container(name: labels["app"] ?? "c", image: image)]))
    }

    static let filebeatLabels = ["app": "filebeat", "release": "stable"]

    /// `filebeat-ds` with `image`, generation 2, and the given status counts.
    static func daemonSet(
        image: String = "ikubernetes/filebeat:5.6.6-alpine", strategy: String = "RollingUpdate", generation: Int64 = 2,
        observed: Int64 = 2, desired: Int32 = 3, updated: Int32 = 3, available: Int32 = 3
    ) throws -> JSONValue {
        var ds = DaemonSet(
            metadata: ObjectMeta(name: "filebeat-ds", namespace: "default"),
            spec: DaemonSetSpec(
                selector: LabelSelector(matchLabels: filebeatLabels),
                template: template(image: image, labels: filebeatLabels),
                updateStrategy: DaemonSetUpdateStrategy(type: strategy)))
        ds.metadata.uid = dsUID
        ds.metadata.generation = generation
        ds.status.observedGeneration = observed
        ds.status.desiredNumberScheduled = desired
        ds.status.updatedNumberScheduled = updated
        ds.status.numberAvailable = available
        return try JSONValue(encoding: ds)
    }

    /// A ControllerRevision of `filebeat-ds` holding `image`, owned by `owner`.
    static func revision(
        _ number: Int64, image: String, owner: String = dsUID, changeCause: String? = nil
    ) throws -> JSONValue {
        var data = try JSONValue(encoding: template(image: image, labels: filebeatLabels))
        data["$patch"] = "replace"
        let revision = ControllerRevision(
            metadata: ObjectMeta(
                name: "filebeat-ds-\(number)", namespace: "default",
                labels: filebeatLabels.merging(["controller-revision-hash": "h\(number)"]) { $1 },
                annotations: changeCause.map { ["kubernetes.io/change-cause": $0] },
                ownerReferences: [OwnerReference(
                    apiVersion: "apps/v1", kind: "DaemonSet", name: "filebeat-ds", uid: owner, controller: true)]),
            data: ["spec": ["template": data]], revision: number)
        return try JSONValue(encoding: revision)
    }

    static let redisLabels = ["app": "redis", "role": "logstor"]

    /// The `redis` Deployment with `image`.
    static func deployment(
        image: String = "redis:4.0-alpine", replicas: Int32 = 1, paused: Bool = false,
        annotations: [String: String]? = ["deployment.kubernetes.io/revision": "2"]
    ) throws -> JSONValue {
        var d = Deployment(
            metadata: ObjectMeta(name: "redis", namespace: "default", annotations: annotations),
            spec: DeploymentSpec(
                replicas: replicas, selector: LabelSelector(matchLabels: redisLabels),
                template: template(image: image, labels: redisLabels)))
        d.metadata.uid = deploymentUID
        d.metadata.generation = 1
        if paused { d.spec.paused = true }
        return try JSONValue(encoding: d)
    }

    /// A ReplicaSet of `redis` at `revision` (nil: no revision annotation) holding `image`.
    static func replicaSet(
        _ hash: String, revision: String?, image: String, owner: String = deploymentUID,
        annotations: [String: String] = [:]
    ) throws -> JSONValue {
        var allAnnotations = annotations
        if let revision { allAnnotations["deployment.kubernetes.io/revision"] = revision }
        let labels = redisLabels.merging(["pod-template-hash": hash]) { $1 }
        var rs = ReplicaSet(
            metadata: ObjectMeta(
                name: "redis-\(hash)", namespace: "default", labels: labels, annotations: allAnnotations,
                ownerReferences: [OwnerReference(
                    apiVersion: "apps/v1", kind: "Deployment", name: "redis", uid: owner, controller: true)]),
            spec: ReplicaSetSpec(
                replicas: 1, selector: LabelSelector(matchLabels: labels),
                template: template(image: image, labels: labels)))
        rs.metadata.uid = "rs-\(hash)"
        return try JSONValue(encoding: rs)
    }
}
