import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

/// Services against real binaries: `kctl expose`, cluster IPs in `kctl get svc`, and the endpoints controller
/// keeping `kctl get endpoints` on the selected pods.
@Suite(.serialized)
struct ServiceEndToEndTests {
    static let seed = repositoryRoot().appendingPathComponent("examples/ds-demo.yaml").path

    /// The whitespace-separated cells of the table row named `name`.
    static func row(_ table: String, _ name: String) -> [String]? {
        table.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.first { $0.first == name }
    }

    /// Whether `ip` lies in the service network 10.96.0.0/12.
    static func isServiceIP(_ ip: String) -> Bool {
        let octets = ip.split(separator: ".").compactMap { Int($0) }
        return octets.count == 4 && octets[0] == 10 && (96...111).contains(octets[1])
            && octets.allSatisfy { (0...255).contains($0) }
    }

    /// The one Running, Ready redis pod's name and IP, once there is exactly one.
    static func readyRedisPod(_ cluster: TestCluster) async throws -> (name: String, ip: String, node: String) {
        try await eventually(within: .seconds(15), "one ready redis pod") { () -> (String, String, String)? in
            let pods = try await cluster.items("pods", "-l", "app=redis").filter {
                $0[path: ["metadata", "deletionTimestamp"]] == nil
            }
            guard pods.count == 1, let pod = pods.first,
                (pod[path: ["status", "conditions"]]?.arrayValue ?? []).contains(where: {
                    $0["type"] == "Ready" && $0["status"] == "True"
                }),
                let ip = pod[path: ["status", "podIP"]]?.stringValue, !ip.isEmpty
            else { return nil }
            return (pod[path: ["metadata", "name"]]?.stringValue ?? "", ip,
                    pod[path: ["spec", "nodeName"]]?.stringValue ?? "")
        }
    }

    @Test func exposeRedis_getsAClusterIP_andEndpointsFollowItsPod() async throws {
        try await withTestCluster(nodes: 2) { cluster in
            let applied = try await cluster.kctl("apply", "-f", Self.seed)
            #expect(applied.status == 0, "\(applied)")

            let exposed = try await cluster.kctl("expose", "deployment", "redis", "--port=6379")
            #expect(exposed.status == 0, "\(exposed)")
            #expect(exposed.stdout == "service/redis exposed\n")
            let again = try await cluster.kctl("expose", "deployment", "redis", "--port=6379")
            #expect(again.status == 1)
            #expect(again.stderr == "Error from server (AlreadyExists): services \"redis\" already exists\n")

            let services = try await cluster.kctl("get", "svc")
            #expect(services.status == 0, "\(services)")
            #expect(services.stdout.hasPrefix("NAME "), "\(services)")
            #expect(["TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"].allSatisfy { services.stdout.contains($0) })
            let kubernetes = try #require(Self.row(services.stdout, "kubernetes"), "\(services)")
            #expect(Array(kubernetes.dropLast()) == ["kubernetes", "ClusterIP", "10.96.0.1", "<none>", "443/TCP"])
            let redis = try #require(Self.row(services.stdout, "redis"), "\(services)")
            #expect(redis.count == 6 && redis[1] == "ClusterIP" && redis[3] == "<none>" && redis[4] == "6379/TCP",
                    "\(services)")
            #expect(Self.isServiceIP(redis[2]) && redis[2] != "10.96.0.1", "cluster IP \(redis[2])")

            let pod = try await Self.readyRedisPod(cluster)
            try await eventually(within: .seconds(10), "endpoints redis at \(pod.ip):6379") { () -> Bool? in
                let endpoints = try await cluster.kctl("get", "endpoints", "redis")
                return Self.row(endpoints.stdout, "redis")?[1] == "\(pod.ip):6379" ? true : nil
            }
            let object = try #require(try await cluster.items("endpoints", "redis").first)
            let subsets = object["subsets"]?.arrayValue ?? []
            #expect(subsets.count == 1)
            let address = try #require(subsets.first?["addresses"]?.arrayValue?.first)
            #expect(address["ip"] == .string(pod.ip) && address["nodeName"] == .string(pod.node))
            #expect(address[path: ["targetRef", "kind"]] == "Pod"
                && address[path: ["targetRef", "name"]] == .string(pod.name))
            #expect(subsets.first?["ports"] == [["port": 6379, "protocol": "TCP"]])
            #expect(object[path: ["metadata", "ownerReferences"]] == nil)

            // The pod stops matching: the Deployment replaces it and the endpoints move to the new pod only.
            let relabelled = try await cluster.kctl("label", "pod", pod.name, "app=other", "--overwrite")
            #expect(relabelled.status == 0, "\(relabelled)")
            let replacement = try await Self.readyRedisPod(cluster)
            #expect(replacement.name != pod.name)
            try await eventually(within: .seconds(10), "endpoints redis at \(replacement.ip):6379 only") {
                () -> Bool? in
                let endpoints = try await cluster.kctl("get", "endpoints", "redis")
                return Self.row(endpoints.stdout, "redis")?[1] == "\(replacement.ip):6379" ? true : nil
            }

            // Deleting the service deletes its endpoints; the selectorless `kubernetes` service's are left alone.
            #expect(try await cluster.kctl("delete", "svc", "redis").status == 0)
            try await eventually(within: .seconds(10), "endpoints redis deleted") { () -> Bool? in
                let endpoints = try await cluster.kctl("get", "endpoints", "redis")
                return endpoints.status != 0 && endpoints.stderr.contains("(NotFound)") ? true : nil
            }
        }
    }

    @Test func exposeErrors_matchKubectl() async throws {
        try await withTestCluster(nodes: 0) { cluster in
            let manifest = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: portless
                spec:
                  selector:
                    matchLabels: {app: portless}
                  template:
                    metadata:
                      labels: {app: portless}
                    spec:
                      containers:
                      - name: c
                        image: busybox
                """
            #expect(try await cluster.kctl("apply", "-f", "-", stdin: manifest).status == 0)
            let noPort = try await cluster.kctl("expose", "deploy", "portless")
            #expect(noPort.status == 1)
            #expect(noPort.stderr == "error: couldn't find port via --port flag or introspection\n")
            let missing = try await cluster.kctl("expose", "deployment", "nothing", "--port=80")
            #expect(missing.status == 1)
            #expect(missing.stderr == "Error from server (NotFound): deployments.apps \"nothing\" not found\n")
            let namespace = try await cluster.kctl("expose", "namespace", "default", "--port=80")
            #expect(namespace.status == 1 && namespace.stderr == "error: cannot expose a Namespace\n", "\(namespace)")

            let headless = try await cluster.kctl(
                "expose", "deployment", "portless", "--cluster-ip=None", "--name=portless-headless")
            #expect(headless.status == 0 && headless.stdout == "service/portless-headless exposed\n", "\(headless)")
            let row = try #require(Self.row(try await cluster.kctl("get", "svc").stdout, "portless-headless"))
            #expect(row[1] == "ClusterIP" && row[2] == "None" && row[4] == "<none>", "\(row)")
        }
    }
}
