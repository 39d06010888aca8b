import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl expose (deployment|replicaset|service|pod|daemonset) NAME [--port=P] [--target-port=T] [--name=N]
/// [--type=T] [--protocol=P] [--selector=k=v,...] [--cluster-ip=None] ...`: creates a Service that selects the
/// resource's pods, printing `service/redis exposed`, as kubectl.
struct Expose: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take a deployment, service, replica set, daemon set or pod and expose it as a new Service.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "TYPE NAME..., or TYPE/NAME...")
    var arguments: [String] = []

    @Option(help: "The port that the service should serve on. Copied from the resource being exposed, if unspecified.")
    var port: String?

    @Option(help: "Name or number for the port on the container that the service should direct traffic to.")
    var targetPort: String?

    @Option(help: "The name for the newly created object.")
    var name: String?

    @Option(help: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.")
    var type: String?

    @Option(help: "The network protocol for the service to be created. Default is 'TCP'.")
    var `protocol`: String?

    @Option(help: "A label selector to use for this service (k=v,...). If empty, inferred from the resource.")
    var selector: String?

    @Option(name: [.customShort("l"), .customLong("labels")], help: "Labels to apply to the service created.")
    var labels: String?

    @Option(help: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or 'None' for headless.")
    var clusterIP: String?

    @Option(help: "Additional external IP address (not managed by the cluster) to accept for the service.")
    var externalIP: String?

    @Option(help: "If non-empty, set the session affinity for the service to this: 'None', 'ClientIP'.")
    var sessionAffinity: String?

    @Option(help: "IP to assign to the LoadBalancer.")
    var loadBalancerIP: String?

    @Option(help: "\"none\", \"server\", or \"client\": with client, only print what would be sent.")
    var dryRun: String = "none"

    @Option(name: [.short, .customLong("output")], help: "yaml, json, name, jsonpath=TEMPLATE.")
    var output: String?

    func validate() throws {
        guard ["none", "client", "server"].contains(dryRun) else {
            throw ValidationError("Invalid dry-run value (\(dryRun)). Must be \"none\", \"server\", or \"client\".")
        }
        _ = try OutputFormat(output)
    }

    func run() async throws {
        let queries: [GetQuery]
        do {
            queries = try Self.parseTargets(arguments)
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
        let options = self
        let failed = try await APIClient.with(global) { client in
            var failed = false
            for query in queries {
                for resourceName in query.names {
                    do {
                        try await options.expose(query.kind, resourceName, client: client)
                    } catch {
                        failed = true
                        ErrorReporting.printError(ErrorReporting.render(error))
                    }
                }
            }
            return failed
        }
        if failed { throw ExitCode(1) }
    }

    /// The resources named on the command line, with kubectl's messages for missing ones.
    static func parseTargets(_ arguments: [String]) throws -> [GetQuery] {
        guard !arguments.isEmpty else {
            throw ExposeError(ResourceTargets.noResources)
        }
        let queries = try GetQuery.parse(arguments)
        if queries.contains(where: { $0.names.isEmpty }) {
            throw ExposeError("resource(s) were provided, but no name was specified")
        }
        return queries
    }

    /// The flags as the pure ``ServiceExposer`` takes them.
    var flags: ExposeFlags {
        ExposeFlags(
            port: port, targetPort: targetPort, name: name, type: type, protocol: `protocol`, selector: selector,
            labels: labels, clusterIP: clusterIP, externalIP: externalIP, sessionAffinity: sessionAffinity,
            loadBalancerIP: loadBalancerIP)
    }

    private func expose(_ kind: ResourceKind, _ resourceName: String, client: APIClient) async throws {
        // As kubectl: fetch first (a missing object is NotFound whatever its kind), then check the kind.
        guard let resource = try await client.get(kind, namespace: client.defaultNamespace, name: resourceName) else {
            throw ExposeError("the server returned no object for \(kind.printName)/\(resourceName)")
        }
        let service = try ServiceExposer.service(exposing: resource, kind: kind, flags: flags)
        var object = try JSONValue(encoding: service)
        if dryRun != "client" {
            object = try await client.cluster.createObject(
                .service, object, namespace: client.defaultNamespace, options: WriteOptions(dryRun: dryRun == "server"))
        } else {
            // What kubectl prints for a client dry run: the generated object, namespaced only under `-n`.
            object[path: ["metadata", "creationTimestamp"]] = .null
            if let namespace = global.namespace { object[path: ["metadata", "namespace"]] = .string(namespace) }
            object["status"] = ["loadBalancer": [:]]
        }
        let format = try OutputFormat(output)
        switch format {
        case .table, .wide:
            let suffix = dryRun == "client" ? " (dry run)" : dryRun == "server" ? " (server dry run)" : ""
            print(NamePrinter.line(kind: ResourceKind.service.kind, name: service.name, operation: "exposed") + suffix)
        default:
            let rendered = GetRenderer(
                format: format, now: Date(), allNamespaces: false, showLabels: false, labelColumns: [],
                noHeaders: false, namespace: client.defaultNamespace
            ).render([(.service, [object])], singleObject: true)
            print(rendered.stdout, terminator: "")
            if let message = rendered.stderr {
                throw ExposeError(message.hasPrefix("error: ") ? String(message.dropFirst("error: ".count)) : message)
            }
        }
    }
}

/// A `kubectl expose` failure, printed `error: <message>`.
struct ExposeError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { "error: \(message)" }
}

/// The flags of `kubectl expose` that shape the Service; nil or empty means not given.
struct ExposeFlags: Sendable, Equatable {
    var port: String?
    var targetPort: String?
    var name: String?
    var type: String?
    var `protocol`: String?
    var selector: String?
    var labels: String?
    var clusterIP: String?
    var externalIP: String?
    var sessionAffinity: String?
    var loadBalancerIP: String?
}

/// Builds the Service `kubectl expose` creates for a resource (upstream `cmd/expose/expose.go` `RunExpose` and
/// `createService`, with `polymorphichelpers`' selector, port and protocol introspection). Pure.
enum ServiceExposer {
    /// The kinds kubectl exposes; a DaemonSet is refused (`cannot expose a DaemonSet.apps`), as kubectl does.
    static let exposable: Set<String> = ["Deployment", "ReplicaSet", "Service", "Pod"]

    /// Refuses other kinds as kubectl does: `cannot expose a Node`, `cannot expose a ControllerRevision.apps`.
    static func checkExposable(_ kind: ResourceKind) throws(ExposeError) {
        guard exposable.contains(kind.kind) else {
            throw ExposeError("cannot expose a \(kind.group.isEmpty ? kind.kind : "\(kind.kind).\(kind.group)")")
        }
    }

    /// The Service exposing `resource` (of `kind`) with `flags`: selector, ports, protocols, labels and name from
    /// the flags, else introspected from the resource.
    static func service(exposing resource: JSONValue, kind: ResourceKind, flags: ExposeFlags) throws(ExposeError)
        -> ServiceObject
    {
        try checkExposable(kind)
        let selectorText: String
        if let given = nonEmpty(flags.selector) {
            selectorText = given
        } else {
            do {
                selectorText = try makeLabels(selector(of: resource, kind: kind))
            } catch {
                throw ExposeError("couldn't retrieve selectors via --selector flag or introspection: \(error.message)")
            }
        }
        guard !selectorText.isEmpty else { throw ExposeError("selector must be specified") }
        let headless = flags.clusterIP == "None"
        var portStrings: [String] = []
        if let port = nonEmpty(flags.port) {
            portStrings = [port]
        } else {
            portStrings = ports(of: resource, kind: kind)
            if portStrings.isEmpty && !headless {
                throw ExposeError("couldn't find port via --port flag or introspection")
            }
        }
        let protocols = self.protocols(of: resource, kind: kind)
        let labelText = nonEmpty(flags.labels) ?? makeLabels(stringMap(resource[path: ["metadata", "labels"]]))
        let resourceName = String((resource[path: ["metadata", "name"]]?.stringValue ?? "").prefix(63))
        guard let name = nonEmpty(flags.name) ?? nonEmpty(resourceName) else {
            throw ExposeError("name must be specified")
        }
        let labels = labelText.isEmpty ? nil : try parseLabels(labelText)
        let ports = try servicePorts(portStrings, protocol: nonEmpty(flags.protocol), protocols: protocols)
        var service = ServiceObject(
            metadata: ObjectMeta(name: name, labels: labels),
            spec: ServiceSpec(selector: try parseLabels(selectorText), ports: ports))
        let target = nonEmpty(flags.targetPort)
        service.spec.ports = service.spec.ports?.map { port in
            var port = port
            port.targetPort = target.map { Int($0).map(IntOrString.int) ?? .string($0) } ?? .int(Int(port.port))
            return port
        }
        if let ip = nonEmpty(flags.externalIP) { service.spec.externalIPs = [ip] }
        if let type = nonEmpty(flags.type) { service.spec.type = type }
        if service.spec.type == "LoadBalancer" { service.spec.loadBalancerIP = nonEmpty(flags.loadBalancerIP) }
        if let affinity = nonEmpty(flags.sessionAffinity) {
            guard affinity == "None" || affinity == "ClientIP" else {
                throw ExposeError("unknown session affinity: \(affinity)")
            }
            service.spec.sessionAffinity = affinity
        }
        if let clusterIP = nonEmpty(flags.clusterIP) { service.spec.clusterIP = clusterIP }
        return service
    }

    /// The service ports for the port strings: one unnamed port, or `port-1`, `port-2`... for several; the protocol
    /// is `--protocol`, else the resource's for that port (a port served over several protocols gives one service
    /// port per protocol, `port-1-tcp`, `port-1-udp`), else TCP.
    static func servicePorts(_ portStrings: [String], protocol given: String?, protocols: [String: [String]])
        throws(ExposeError) -> [ServicePort]
    {
        var ports: [ServicePort] = []
        for (index, text) in portStrings.enumerated() {
            guard let number = Int32(text) else {
                throw ExposeError("strconv.Atoi: parsing \(GoQuote.quote(text)): invalid syntax")
            }
            let name = portStrings.count > 1 ? "port-\(index + 1)" : nil
            var proto = given ?? "TCP"
            if given == nil, let found = protocols[text] {
                if found.count > 1 {
                    for each in found {
                        ports.append(ServicePort(name: "port-\(index + 1)-\(each.lowercased())", protocol: each,
                                                 port: number))
                    }
                    continue
                }
                proto = found.first ?? "TCP"
            }
            ports.append(ServicePort(name: name, protocol: proto, port: number))
        }
        return ports
    }

    /// The map-based pod selector of the resource: a pod's labels, a service's selector, a workload's
    /// `spec.selector.matchLabels` (refused with `matchExpressions`, as kubectl cannot express them in a Service).
    static func selector(of resource: JSONValue, kind: ResourceKind) throws(ExposeError) -> [String: String] {
        switch kind.kind {
        case "Pod":
            let labels = stringMap(resource[path: ["metadata", "labels"]])
            guard !labels.isEmpty else { throw ExposeError("the pod has no labels and cannot be exposed") }
            return labels
        case "Service":
            guard let selector = resource[path: ["spec", "selector"]]?.objectValue else {
                throw ExposeError("the service has no pod selector set")
            }
            return selector.compactMapValues(\.stringValue)
        default:
            let matchLabels = stringMap(resource[path: ["spec", "selector", "matchLabels"]])
            guard !matchLabels.isEmpty else {
                throw ExposeError("invalid \(kind.singular): no selectors, therefore cannot be exposed")
            }
            let expressions = resource[path: ["spec", "selector", "matchExpressions"]]?.arrayValue ?? []
            guard expressions.isEmpty else {
                throw ExposeError("couldn't convert expressions - \"\(goRequirements(expressions))\" to map-based selector format")
            }
            return matchLabels
        }
    }

    /// The distinct container ports of the resource's pods (a service's own ports), as strings, in order.
    static func ports(of resource: JSONValue, kind: ResourceKind) -> [String] {
        var seen: [String] = []
        for (port, _) in portProtocols(of: resource, kind: kind) where !seen.contains(port) { seen.append(port) }
        return seen
    }

    /// Each port's distinct protocols, defaulted to TCP, in container order. (kubectl keeps repeats, which makes a
    /// Service with duplicate port names that the server refuses.)
    static func protocols(of resource: JSONValue, kind: ResourceKind) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (port, proto) in portProtocols(of: resource, kind: kind) where !(result[port] ?? []).contains(proto) {
            result[port, default: []].append(proto)
        }
        return result
    }

    private static func portProtocols(of resource: JSONValue, kind: ResourceKind) -> [(String, String)] {
        func entry(_ port: JSONValue, _ field: String) -> (String, String)? {
            guard let number = port[field]?.intValue else { return nil }
            let proto = port["protocol"]?.stringValue ?? ""
            return (String(number), proto.isEmpty ? "TCP" : proto)
        }
        if kind.kind == "Service" {
            return (resource[path: ["spec", "ports"]]?.arrayValue ?? []).compactMap { entry($0, "port") }
        }
        let podSpec = kind.kind == "Pod" ? resource["spec"] : resource[path: ["spec", "template", "spec"]]
        return (podSpec?["containers"]?.arrayValue ?? []).flatMap { container in
            (container["ports"]?.arrayValue ?? []).compactMap { entry($0, "containerPort") }
        }
    }

    /// kubectl's `parseLabels`: `k=v` pairs separated by commas.
    static func parseLabels(_ text: String) throws(ExposeError) -> [String: String] {
        var labels: [String: String] = [:]
        for spec in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = spec.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw ExposeError("unexpected label spec: \(spec)") }
            guard !parts[0].isEmpty else { throw ExposeError("unexpected empty label key") }
            labels[String(parts[0])] = String(parts[1])
        }
        return labels
    }

    /// `k=v,k2=v2`, sorted by key.
    static func makeLabels(_ labels: [String: String]) -> String {
        labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// Go's `%+v` of `[]LabelSelectorRequirement`: `[{Key:tier Operator:In Values:[a b]}]`.
    static func goRequirements(_ expressions: [JSONValue]) -> String {
        let items = expressions.map { e in
            let values = (e["values"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: " ")
            return "{Key:\(e["key"]?.stringValue ?? "") Operator:\(e["operator"]?.stringValue ?? "") Values:[\(values)]}"
        }
        return "[" + items.joined(separator: " ") + "]"
    }

    private static func stringMap(_ value: JSONValue?) -> [String: String] {
        value?.objectValue?.compactMapValues(\.stringValue) ?? [:]
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
