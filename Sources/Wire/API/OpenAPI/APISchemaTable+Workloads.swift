// Part of the API's schema table (see APISchemaTable.swift): workload kinds.

extension APISchema {
    // MARK: - Workloads

    static let workloads: [SchemaDefinition] = [
        object(
            "DaemonSetSpec", "The desired state of a daemon set.",
            [
                field(
                    "minReadySeconds", .integer,
                    "How long a new daemon pod must be ready, with no container crashing, before it counts as "
                        + "available. Defaults to 0: available as soon as it is ready."),
                field("revisionHistoryLimit", .integer, "How many old ControllerRevisions to keep for rollbacks. Defaults to 10."),
                field(
                    "selector", .ref("LabelSelector"), required: true,
                    "Selects the pods the daemon set manages. It must match the pod template's labels, and it "
                        + "cannot change."),
                field(
                    "template", .ref("PodTemplateSpec"), required: true,
                    "The pod to run on each node. Its restartPolicy must be Always, the default. Changing it starts "
                        + "an update, as updateStrategy says."),
                field("updateStrategy", .ref("DaemonSetUpdateStrategy"), "How daemon pods are replaced when the template changes."),
            ]),
        object(
            "DaemonSetUpdateStrategy", "How a daemon set replaces its pods after its template changes.",
            [
                field("rollingUpdate", .ref("RollingUpdateDaemonSet"), "How fast a rolling update goes; used when type is RollingUpdate."),
                field(
                    "type", .string, enum: ["OnDelete", "RollingUpdate"],
                    "RollingUpdate, the default, replaces old pods node by node; OnDelete creates a new pod on a "
                        + "node only after its old pod has been deleted by hand."),
            ]),
        object(
            "RollingUpdateDaemonSet", "How fast a daemon set rolling update goes.",
            [
                field(
                    "maxSurge", .ref("IntOrString"),
                    "How many nodes may run a new daemon pod beside the old one during the update: a number, or a "
                        + "percentage of the desired pods rounded up. Defaults to 0. Cannot be 0 when maxUnavailable "
                        + "is 0."),
                field(
                    "maxUnavailable", .ref("IntOrString"),
                    "How many daemon pods may be unavailable during the update: a number, or a percentage of the "
                        + "desired pods rounded up. Defaults to 1. Cannot be 0 when maxSurge is 0."),
            ]),
        object(
            "DaemonSetStatus", "The observed state of a daemon set.",
            [
                field("collisionCount", .integer, "Counts collisions of revision names, so that the next name is unique."),
                field("conditions", .array(.ref("DaemonSetCondition")), "The latest observations of the daemon set's state."),
                field("currentNumberScheduled", .integer, required: true, "Nodes that run at least one daemon pod and should."),
                field("desiredNumberScheduled", .integer, required: true, "Nodes that should run the daemon pod, whether they do or not."),
                field(
                    "numberAvailable", .integer,
                    "Nodes that should run the daemon pod and have one that has been ready for minReadySeconds."),
                field("numberMisscheduled", .integer, required: true, "Nodes that run a daemon pod but should not."),
                field("numberReady", .integer, required: true, "Nodes that should run the daemon pod and have one that is ready."),
                field("numberUnavailable", .integer, "Nodes that should run the daemon pod but have none available."),
                field("observedGeneration", .integer, "The generation of the daemon set the controller last acted on."),
                field("updatedNumberScheduled", .integer, "Nodes that run a daemon pod made from the current template."),
            ]),
        condition("DaemonSetCondition", "a daemon set's"),
        object(
            "DeploymentSpec", "The desired state of a deployment.",
            [
                field(
                    "minReadySeconds", .integer,
                    "How long a new pod must be ready, with no container crashing, before it counts as available. "
                        + "Defaults to 0."),
                field("paused", .boolean, "When true, template changes are not rolled out until the deployment is resumed."),
                field(
                    "progressDeadlineSeconds", .integer,
                    "How long a rollout may make no progress before the deployment reports it failed (condition "
                        + "Progressing, reason ProgressDeadlineExceeded). Defaults to 600."),
                field("replicas", .integer, "How many pods to run. Defaults to 1."),
                field("revisionHistoryLimit", .integer, "How many old ReplicaSets to keep for rollbacks. Defaults to 10."),
                field(
                    "selector", .ref("LabelSelector"), required: true,
                    "Selects the pods, and ReplicaSets, the deployment manages. It must match the pod template's "
                        + "labels, and it cannot change."),
                field("strategy", .ref("DeploymentStrategy"), "How old pods are replaced by new ones."),
                field("template", .ref("PodTemplateSpec"), required: true, "The pods to create. Its restartPolicy must be Always."),
            ]),
        object(
            "DeploymentStrategy", "How a deployment replaces old pods with new ones.",
            [
                field("rollingUpdate", .ref("RollingUpdateDeployment"), "How fast a rolling update goes; used when type is RollingUpdate."),
                field(
                    "type", .string, enum: ["Recreate", "RollingUpdate"],
                    "Recreate deletes every old pod before creating new ones; RollingUpdate, the default, replaces "
                        + "them progressively."),
            ]),
        object(
            "RollingUpdateDeployment", "How fast a deployment rolling update goes.",
            [
                field(
                    "maxSurge", .ref("IntOrString"),
                    "How many pods may exist above the desired count during the update: a number, or a percentage "
                        + "of the desired count rounded up. Defaults to 25%. Cannot be 0 when maxUnavailable is 0."),
                field(
                    "maxUnavailable", .ref("IntOrString"),
                    "How many pods may be unavailable during the update: a number, or a percentage of the desired "
                        + "count rounded down. Defaults to 25%. Cannot be 0 when maxSurge is 0."),
            ]),
        object(
            "DeploymentStatus", "The observed state of a deployment.",
            [
                field("availableReplicas", .integer, "Pods of the deployment that have been ready for minReadySeconds."),
                field("collisionCount", .integer, "Counts collisions of pod template hashes, so that the next ReplicaSet name is unique."),
                field(
                    "conditions", .array(.ref("DeploymentCondition")),
                    "The latest observations of the deployment's state: Available, Progressing, ReplicaFailure."),
                field("observedGeneration", .integer, "The generation of the deployment the controller last acted on."),
                field("readyReplicas", .integer, "Pods of the deployment that are ready."),
                field("replicas", .integer, "Pods of the deployment (those its selector matches), whatever their template."),
                field("terminatingReplicas", .integer, "Pods of the deployment that are being deleted."),
                field("unavailableReplicas", .integer, "Pods the deployment still lacks to have its desired number available."),
                field("updatedReplicas", .integer, "Pods of the deployment made from the current template."),
            ]),
        object(
            "DeploymentCondition", "One aspect of a deployment's state at a point in time.",
            [
                field("lastTransitionTime", time, "When the condition last changed status."),
                field("lastUpdateTime", time, "When the condition was last updated."),
                field("message", .string, "An explanation of the last transition, for people."),
                field("reason", .string, "A one-word CamelCase reason for the last transition."),
                field("status", .string, required: true, "True, False or Unknown."),
                field("type", .string, required: true, "The kind of condition."),
            ]),
        object(
            "ReplicaSetSpec", "The desired state of a replica set.",
            [
                field(
                    "minReadySeconds", .integer,
                    "How long a new pod must be ready, with no container crashing, before it counts as available. "
                        + "Defaults to 0."),
                field("replicas", .integer, "How many pods to run. Defaults to 1."),
                field(
                    "selector", .ref("LabelSelector"), required: true,
                    "Selects the pods the replica set counts. It must match the pod template's labels."),
                field("template", .ref("PodTemplateSpec"), "The pod created when fewer than replicas match the selector."),
            ]),
        object(
            "ReplicaSetStatus", "The observed state of a replica set.",
            [
                field("availableReplicas", .integer, "Pods of the replica set that have been ready for minReadySeconds."),
                field("conditions", .array(.ref("ReplicaSetCondition")), "The latest observations of the replica set's state."),
                field("fullyLabeledReplicas", .integer, "Pods that have every label of the pod template."),
                field("observedGeneration", .integer, "The generation of the replica set the controller last acted on."),
                field("readyReplicas", .integer, "Pods of the replica set that are ready."),
                field("replicas", .integer, required: true, "Pods the selector matches, as last observed."),
                field("terminatingReplicas", .integer, "Pods of the replica set that are being deleted."),
            ]),
        condition("ReplicaSetCondition", "a replica set's"),
        object(
            "PodTemplateSpec", "The metadata and spec of the pods a controller creates.",
            [
                field("metadata", .ref("ObjectMeta"), "The labels and annotations each created pod gets."),
                field("spec", .ref("PodSpec"), "The spec of each created pod."),
            ]),
        object(
            "LeaseSpec", "Who holds a lease, and until when.",
            [
                field("acquireTime", microTime, "When the current holder acquired the lease."),
                field("holderIdentity", .string, "Who holds the lease; for node heartbeats, the node's name."),
                field(
                    "leaseDurationSeconds", .integer,
                    "How long others must wait after the last renewal before they may take the lease over."),
                field("leaseTransitions", .integer, "How many times the lease has changed holders."),
                field("renewTime", microTime, "When the holder last renewed the lease."),
            ]),
    ]

    static func condition(_ name: String, _ owner: String) -> SchemaDefinition {
        object(
            name, "One aspect of \(owner) state at a point in time.",
            [
                field("lastTransitionTime", time, "When the condition last changed status."),
                field("message", .string, "An explanation of the last transition, for people."),
                field("reason", .string, "A one-word CamelCase reason for the last transition."),
                field("status", .string, required: true, "True, False or Unknown."),
                field("type", .string, required: true, "The kind of condition."),
            ])
    }
}
