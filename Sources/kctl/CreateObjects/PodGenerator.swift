import KubeAPI

/// The Pod `kubectl run NAME --image=I [--labels] [--annotations] [--env] [--port] [--restart]
/// [--image-pull-policy] [--command] [-- ARGS...]` builds (kubectl's `BasicPod` generator): one container named
/// after the pod, labels `run: NAME` unless `--labels` are given, `dnsPolicy: ClusterFirst`. Pure.
struct PodGenerator: Sendable, Equatable {
    var name: String
    var image: String
    /// `--labels`: `k=v,k2=v2`, or "" for `run: NAME`.
    var labels = ""
    /// `--annotations`, each `k=v`.
    var annotations: [String] = []
    /// `--env`, each `NAME=VALUE`.
    var env: [String] = []
    /// `--port`, or "" for none.
    var port = ""
    /// `--restart`: `Always` (default), `OnFailure` or `Never`.
    var restart = "Always"
    var imagePullPolicy = ""
    /// `--command`: the arguments are the container's command rather than its args.
    var command = false
    /// What follows the name on the command line.
    var arguments: [String] = []
    /// `-n` when given explicitly (kubectl then sets `metadata.namespace`).
    var namespace: String?

    /// The object, or kubectl's error for a malformed flag.
    /// - Throws: ``LabelError`` (`invalid restart policy: X` carries run's usage hint).
    func object() throws(LabelError) -> JSONValue {
        guard ["Always", "OnFailure", "Never"].contains(restart) else {
            throw LabelError("invalid restart policy: \(restart)\nSee 'kctl run -h' for help and examples")
        }
        var labelMap: [String: String] = ["run": name]
        if !labels.isEmpty { labelMap = try Self.parseLabels(labels) }
        var annotationMap: [String: String] = [:]
        for annotation in annotations {
            let pair = annotation.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { throw LabelError("invalid annotation format: \(annotation)") }
            annotationMap[String(pair[0])] = String(pair[1])
        }
        var variables: [JSONValue] = []
        for variable in env {
            let pair = variable.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard pair.count == 2, Self.isEnvVarName(pair[0]) else { throw LabelError("invalid env: \(variable)") }
            variables.append(["name": .string(pair[0]), "value": .string(pair[1])])
        }
        var container: [String: JSONValue] = ["name": .string(name), "image": .string(image), "resources": [:]]
        if !arguments.isEmpty { container[command ? "command" : "args"] = .array(arguments.map(JSONValue.string)) }
        if !variables.isEmpty { container["env"] = .array(variables) }
        if !imagePullPolicy.isEmpty { container["imagePullPolicy"] = .string(imagePullPolicy) }
        if !port.isEmpty {
            guard let number = Int64(port) else {
                throw LabelError("strconv.Atoi: parsing \(GoQuote.quote(port)): invalid syntax")
            }
            if number > 0 { container["ports"] = [["containerPort": .int(number)]] }
        }
        var metadata: [String: JSONValue] = [
            "name": .string(name), "labels": .object(labelMap.mapValues { .string($0) }), "creationTimestamp": .null,
        ]
        if !annotationMap.isEmpty { metadata["annotations"] = .object(annotationMap.mapValues { .string($0) }) }
        if let namespace { metadata["namespace"] = .string(namespace) }
        return [
            "apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata),
            "spec": [
                "containers": [.object(container)], "dnsPolicy": "ClusterFirst", "restartPolicy": .string(restart),
            ],
            "status": [:],
        ]
    }

    /// kubectl's `ParseLabels`: `k=v` pairs separated by commas.
    static func parseLabels(_ text: String) throws(LabelError) -> [String: String] {
        var labels: [String: String] = [:]
        for spec in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = spec.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw LabelError("unexpected label spec: \(spec)") }
            guard !parts[0].isEmpty else { throw LabelError("unexpected empty label key") }
            labels[String(parts[0])] = String(parts[1])
        }
        return labels
    }

    /// Kubernetes' `IsEnvVarName`: `[-._a-zA-Z][-._a-zA-Z0-9]*`.
    static func isEnvVarName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        func allowed(_ c: Unicode.Scalar, digits: Bool) -> Bool {
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "-" || c == "." || c == "_"
                || (digits && ("0"..."9").contains(c))
        }
        return allowed(first, digits: false) && name.unicodeScalars.dropFirst().allSatisfy { allowed($0, digits: true) }
    }
}
