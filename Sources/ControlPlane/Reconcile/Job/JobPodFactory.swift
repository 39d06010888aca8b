import KubeAPI
import Wire

/// The pods a Job creates, as upstream's job controller builds them: the template's labels, annotations,
/// finalizers and spec, `generateName: <job>-` and the Job as controller owner; for an Indexed Job also
/// `generateName: <job>-<index>-`, the completion index as annotation and label, the hostname `<job>-<index>` and
/// the `JOB_COMPLETION_INDEX` variable in every container. Pure.
enum JobPodFactory {
    /// The variable an Indexed Job's containers read their index from.
    static let completionIndexVariable = "JOB_COMPLETION_INDEX"

    /// A pod of `job`; `index` for Indexed Jobs.
    static func pod(for job: Job, index: Int? = nil) -> Pod {
        let template = job.spec.template
        var meta = ObjectMeta(
            generateName: "\(job.name)-", namespace: job.metadata.namespace, labels: template.metadata.labels,
            annotations: template.metadata.annotations,
            ownerReferences: [ControllerRefClaim.controllerRef(kind: .job, meta: job.metadata)])
        meta.finalizers = template.metadata.finalizers
        var spec = template.spec
        if let index {
            meta.generateName = "\(job.name)-\(index)-"
            var annotations = meta.annotations ?? [:]
            annotations[Job.completionIndexAnnotation] = String(index)
            meta.annotations = annotations
            var labels = meta.labels ?? [:]
            labels[Job.completionIndexAnnotation] = String(index)
            meta.labels = labels
            if (spec.hostname ?? "").isEmpty { spec.hostname = "\(job.name)-\(index)" }
            let variable = EnvVar(
                name: completionIndexVariable,
                valueFrom: ["fieldRef": ["fieldPath": .string("metadata.annotations['\(Job.completionIndexAnnotation)']")]])
            spec.containers = spec.containers.map { withVariable($0, variable) }
            spec.initContainers = spec.initContainers.map { $0.map { withVariable($0, variable) } }
        }
        return Pod(metadata: meta, spec: spec)
    }

    /// The completion index of a pod of an Indexed Job (its annotation), or nil.
    static func index(of pod: Pod, completions: Int) -> Int? {
        guard let text = pod.metadata.annotations?[Job.completionIndexAnnotation], let index = Int(text),
            index >= 0, index < completions
        else { return nil }
        return index
    }

    private static func withVariable(_ container: Container, _ variable: EnvVar) -> Container {
        var container = container
        var env = container.env ?? []
        if !env.contains(where: { $0.name == variable.name }) { env.append(variable) }
        container.env = env
        return container
    }
}
