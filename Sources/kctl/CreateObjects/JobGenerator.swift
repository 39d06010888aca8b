import Foundation
import KubeAPI
import Wire

/// The Jobs and CronJobs `kubectl create job|cronjob` builds (kubectl's `cmd/create/create_job.go` and
/// `create_cronjob.go`). Pure.
enum JobGenerator {
    /// The annotation kubectl puts on a Job created from a CronJob by hand.
    static let instantiateAnnotation = "cronjob.kubernetes.io/instantiate"

    /// `create job NAME --image=I [-- COMMAND...]`: one container named after the Job (cut to 52 characters),
    /// `restartPolicy: Never`.
    static func job(name: String, image: String, command: [String], namespace: String?) -> JSONValue {
        var container: [String: JSONValue] = [
            "name": .string(String(name.prefix(52))), "image": .string(image), "resources": [:],
        ]
        if !command.isEmpty { container["command"] = .array(command.map(JSONValue.string)) }
        return [
            "apiVersion": "batch/v1", "kind": "Job", "metadata": metadata(name: name, namespace: namespace),
            "spec": [
                "template": [
                    "metadata": ["creationTimestamp": .null],
                    "spec": ["containers": [.object(container)], "restartPolicy": "Never"],
                ],
            ],
            "status": [:],
        ]
    }

    /// `create job NAME --from=cronjob/C`: the CronJob's job template, its labels, its annotations plus
    /// `cronjob.kubernetes.io/instantiate: manual`, and the CronJob as controller owner (without
    /// `blockOwnerDeletion`, as kubectl).
    static func job(name: String, from cronJob: JSONValue, namespace: String?) -> JSONValue {
        let template = cronJob[path: ["spec", "jobTemplate"]] ?? [:]
        var meta = metadata(name: name, namespace: namespace).objectValue ?? [:]
        var annotations: [String: JSONValue] = [instantiateAnnotation: "manual"]
        for (key, value) in template[path: ["metadata", "annotations"]]?.objectValue ?? [:] { annotations[key] = value }
        meta["annotations"] = .object(annotations)
        if let labels = template[path: ["metadata", "labels"]], labels.objectValue != nil { meta["labels"] = labels }
        meta["ownerReferences"] = [[
            "apiVersion": "batch/v1", "kind": "CronJob",
            "name": cronJob[path: ["metadata", "name"]] ?? "", "uid": cronJob[path: ["metadata", "uid"]] ?? "",
            "controller": true,
        ]]
        // kubectl re-encodes the template it decoded: an ObjectMeta always has a creationTimestamp, null when unset.
        var spec = template["spec"]?.objectValue ?? [:]
        var podTemplate = spec["template"]?.objectValue ?? [:]
        var podMeta = podTemplate["metadata"]?.objectValue ?? [:]
        if podMeta["creationTimestamp"] == nil { podMeta["creationTimestamp"] = .null }
        podTemplate["metadata"] = .object(podMeta)
        spec["template"] = .object(podTemplate)
        return [
            "apiVersion": "batch/v1", "kind": "Job", "metadata": .object(meta), "spec": .object(spec), "status": [:],
        ]
    }

    /// `create cronjob NAME --image=I --schedule=S [--restart=R] [-- COMMAND...]`: one container named after the
    /// CronJob, `restartPolicy` R (default `OnFailure`), the job template named after the CronJob too.
    static func cronJob(
        name: String, image: String, schedule: String, restart: String, command: [String], namespace: String?
    ) -> JSONValue {
        var container: [String: JSONValue] = ["name": .string(name), "image": .string(image), "resources": [:]]
        if !command.isEmpty { container["command"] = .array(command.map(JSONValue.string)) }
        return [
            "apiVersion": "batch/v1", "kind": "CronJob", "metadata": metadata(name: name, namespace: namespace),
            "spec": [
                "schedule": .string(schedule),
                "jobTemplate": [
                    "metadata": ["name": .string(name), "creationTimestamp": .null],
                    "spec": [
                        "template": [
                            "metadata": ["creationTimestamp": .null],
                            "spec": ["containers": [.object(container)], "restartPolicy": .string(restart)],
                        ],
                    ],
                ],
            ],
            "status": [:],
        ]
    }

    private static func metadata(name: String, namespace: String?) -> JSONValue {
        var meta: [String: JSONValue] = ["name": .string(name), "creationTimestamp": .null]
        if let namespace { meta["namespace"] = .string(namespace) }
        return .object(meta)
    }
}
