/// Defaults for the parts of a pod spec carried as ``JSONValue`` (probes, lifecycle handlers, volumes, env
/// field references), as Kubernetes' core/v1 `SetDefaults_*` functions apply them.
import KubeAPI
import Wire

enum JSONDefaults {
    /// `SetDefaults_Probe` and `SetDefaults_HTTPGetAction`: timeoutSeconds 1, periodSeconds 10,
    /// successThreshold 1, failureThreshold 3; `httpGet.path` `/`, `httpGet.scheme` `HTTP`.
    static func probe(_ probe: inout JSONValue?) {
        guard var value = probe, value.objectValue != nil else { return }
        // Go cannot tell 0 from unset here: 0 is defaulted too.
        for (key, fallback) in [("timeoutSeconds", 1), ("periodSeconds", 10), ("successThreshold", 1),
                                ("failureThreshold", 3)] as [(String, Int64)]
        where value[key] == nil || value[key]?.isNull == true || value[key]?.intValue == 0 {
            value[key] = .int(fallback)
        }
        httpGet(&value)
        probe = value
    }

    /// `lifecycle.postStart` / `preStop` handlers get the HTTPGetAction defaults.
    static func lifecycle(_ lifecycle: inout JSONValue?) {
        guard var value = lifecycle, value.objectValue != nil else { return }
        for hook in ["postStart", "preStop"] {
            guard var handler = value[hook], handler.objectValue != nil else { continue }
            httpGet(&handler)
            value[hook] = handler
        }
        lifecycle = value
    }

    private static func httpGet(_ handler: inout JSONValue) {
        guard var action = handler["httpGet"], action.objectValue != nil else { return }
        setIfAbsent(&action, "path", "/")
        setIfAbsent(&action, "scheme", "HTTP")
        handler["httpGet"] = action
    }

    /// `SetDefaults_Volume` and the volume-source defaults: a volume with no source is an `emptyDir`; secret,
    /// configMap, downwardAPI and projected sources get `defaultMode: 420` (0644); hostPath gets `type: ""`.
    static func volume(_ volume: inout JSONValue) {
        guard let members = volume.objectValue else { return }
        if members.keys.allSatisfy({ $0 == "name" }) {
            volume["emptyDir"] = .object([:])
            return
        }
        for source in ["secret", "configMap", "downwardAPI", "projected"] {
            guard var value = volume[source], value.objectValue != nil else { continue }
            setIfAbsent(&value, "defaultMode", 420)
            if source == "downwardAPI" { fieldRefsInItems(&value) }
            volume[source] = value
        }
        if var hostPath = volume["hostPath"], hostPath.objectValue != nil {
            setIfAbsent(&hostPath, "type", "")
            volume["hostPath"] = hostPath
        }
    }

    /// `SetDefaults_ObjectFieldSelector`: `valueFrom.fieldRef.apiVersion` `v1`.
    static func envValueFrom(_ valueFrom: inout JSONValue?) {
        guard var value = valueFrom, var fieldRef = value["fieldRef"], fieldRef.objectValue != nil else { return }
        setIfAbsent(&fieldRef, "apiVersion", "v1")
        value["fieldRef"] = fieldRef
        valueFrom = value
    }

    private static func fieldRefsInItems(_ source: inout JSONValue) {
        guard let items = source["items"]?.arrayValue else { return }
        source["items"] = .array(items.map { item in
            var item = item
            if var fieldRef = item["fieldRef"], fieldRef.objectValue != nil {
                setIfAbsent(&fieldRef, "apiVersion", "v1")
                item["fieldRef"] = fieldRef
            }
            return item
        })
    }

    /// `SetDefaults_Pod`: for each resource with a limit but no request, the request is the limit.
    static func requestsFromLimits(_ resources: inout JSONValue?) {
        guard var value = resources, let limits = value["limits"]?.objectValue, !limits.isEmpty else { return }
        var requests = value["requests"]?.objectValue ?? [:]
        for (name, limit) in limits where requests[name] == nil {
            requests[name] = limit
        }
        value["requests"] = .object(requests)
        resources = value
    }

    private static func setIfAbsent(_ object: inout JSONValue, _ key: String, _ value: JSONValue) {
        if object[key] == nil || object[key]?.isNull == true {
            object[key] = value
        }
    }
}
