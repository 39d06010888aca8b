import Foundation
import KubeAPI
import TestSupport
import Testing

/// The networking and storage kinds (NetworkPolicy, Ingress, IngressClass, StorageClass, CSIDriver,
/// PersistentVolume, PersistentVolumeClaim) end to end on a `kctl cluster create` cluster: one manifest applied with
/// kctl and then with kubectl 1.32, the static volume bound by the persistentvolume-controller, the
/// WaitForFirstConsumer claim left Pending with its event, and `get` (plain and wide), `describe`, `explain` and the
/// validation errors of immutable fields printed the same by both.
@Suite(.serialized, .enabled(if: differentialKubectl != nil, "no kubectl"))
struct StorageNetworkingEndToEndTests {
    static let manifest = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: default
        spec:
          selector:
            app: web
          ports:
          - name: http
            port: 80
            targetPort: 8080
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web-policy
          namespace: default
        spec:
          podSelector:
            matchLabels:
              app: web
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  role: frontend
            - ipBlock:
                cidr: 10.0.0.0/8
                except: [10.1.0.0/16]
            ports:
            - port: 80
            - port: 8000
              endPort: 8080
              protocol: UDP
          egress:
          - to:
            - namespaceSelector: {}
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: nginx
          annotations:
            ingressclass.kubernetes.io/is-default-class: "true"
        spec:
          controller: k8s.io/ingress-nginx
          parameters:
            apiGroup: k8s.example.com
            kind: IngressParameters
            name: external-lb
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: default
        spec:
          ingressClassName: nginx
          tls:
          - hosts: [web.example.com]
            secretName: web-tls
          rules:
          - host: web.example.com
            http:
              paths:
              - path: /
                pathType: Prefix
                backend:
                  service:
                    name: web
                    port:
                      number: 80
              - path: /api
                pathType: Exact
                backend:
                  service:
                    name: api
                    port:
                      name: http
        ---
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          name: local-path
          annotations:
            storageclass.kubernetes.io/is-default-class: "true"
        provisioner: rancher.io/local-path
        volumeBindingMode: WaitForFirstConsumer
        ---
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          name: manual
        provisioner: kubernetes.io/no-provisioner
        allowVolumeExpansion: true
        ---
        apiVersion: storage.k8s.io/v1
        kind: CSIDriver
        metadata:
          name: hostpath.csi.k8s.io
        spec:
          podInfoOnMount: true
          volumeLifecycleModes: [Persistent, Ephemeral]
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata:
          name: pv-manual
          labels:
            type: local
        spec:
          storageClassName: manual
          capacity:
            storage: 1Gi
          accessModes: [ReadWriteOnce]
          hostPath:
            path: /tmp/pv-manual
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: data
          namespace: default
        spec:
          storageClassName: manual
          accessModes: [ReadWriteOnce]
          resources:
            requests:
              storage: 500Mi
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: local-data
          namespace: default
        spec:
          storageClassName: local-path
          accessModes: [ReadWriteOnce]
          resources:
            requests:
              storage: 2Gi

        """

    /// Every object of the manifest, as `kind/name` for get and describe.
    static let objects = [
        "networkpolicy/web-policy", "ingressclass/nginx", "ingress/web", "storageclass/local-path",
        "storageclass/manual", "csidriver/hostpath.csi.k8s.io", "pv/pv-manual", "pvc/data", "pvc/local-data",
    ]

    @Test func appliedWithBoth_boundAndWaiting_andPrintedAsKubectlDoes() async throws {
        try await withClusterHome(prefix: "storage-net") { home in
            let created = try await home.kctl(
                ["cluster", "create", "sn", "--nodes", "1"] + ClusterCommandTests.timing, defaultKubeconfig: true)
            #expect(created.status == 0, "\(created)")
            let runner = try DifferentialRunner(home: home.url)
            let file = home.url.appendingPathComponent("storage-networking.yaml")
            try Self.manifest.write(to: file, atomically: true, encoding: .utf8)

            let viaKctl = try await runner.kctl(["apply", "-f", file.path])
            #expect(viaKctl.status == 0, "\(viaKctl)")
            #expect(viaKctl.stdout.split(separator: "\n").count == 10 && !viaKctl.stdout.contains("unchanged"), "\(viaKctl)")
            #expect(viaKctl.stdout.contains("csidriver.storage.k8s.io/hostpath.csi.k8s.io created"), "\(viaKctl)")
            let viaKubectl = try await runner.kubectl(["apply", "-f", file.path])
            #expect(viaKubectl.status == 0 && viaKubectl.stderr.isEmpty, "\(viaKubectl)")
            let verbs = viaKubectl.stdout.split(separator: "\n").map { $0.split(separator: " ").last ?? "" }
            #expect(verbs.count == 10 && verbs.allSatisfy { $0 == "configured" || $0 == "unchanged" }, "\(viaKubectl)")

            // The static volume binds; the WaitForFirstConsumer claim waits, saying why.
            try await eventually(within: .seconds(20), poll: .milliseconds(300), "pvc/data bound") { () -> Bool? in
                let phases = try await runner.kubectl([
                    "get", "pv/pv-manual", "pvc/data", "-o", "jsonpath={.items[*].status.phase}",
                ])
                return phases.stdout == "Bound Bound" ? true : nil
            }
            let claims = try await runner.kubectl(["get", "pvc"])
            #expect(claims.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(4).joined(separator: " ") } == [
                "NAME STATUS VOLUME CAPACITY", "data Bound pv-manual 1Gi", "local-data Pending local-path <unset>",
            ], "\(claims)")
            let waiting = try await eventually(within: .seconds(10), poll: .milliseconds(300), "the event") { () -> CommandResult? in
                let described = try await runner.kubectl(["describe", "pvc", "local-data"])
                return described.stdout.contains("WaitForFirstConsumer") ? described : nil
            }
            #expect(waiting.stdout.contains(
                "Normal  WaitForFirstConsumer  ") && waiting.stdout.contains(
                    "persistentvolume-controller  waiting for first consumer to be created before binding"), "\(waiting)")
            let classes = try await runner.kubectl(["get", "sc"])
            #expect(classes.stdout.contains("local-path (default)   rancher.io/local-path"), "\(classes)")

            var commands: [[String]] = []
            for kind in ["networkpolicies", "ingresses", "ingressclasses", "storageclasses", "csidrivers", "pv", "pvc"] {
                commands += [["get", kind], ["get", kind, "-o", "wide"]]
            }
            commands += Self.objects.map { ["describe", $0] }
            commands += [
                ["explain", "pvc.spec.resources"], ["explain", "ingress.spec.rules.http.paths.pathType"],
                ["explain", "csidriver.spec"], ["explain", "networkpolicy.spec.ingress.from.ipBlock"],
                ["get", "pv", "pv-manual", "-o", "jsonpath={.spec.claimRef.name} {.spec.hostPath} {.status.phase}"],
                ["get", "csidriver", "-o", "jsonpath={.items[0].spec}"],
                ["patch", "storageclass", "manual", "-p", #"{"provisioner":"example.com/other"}"#],
                ["patch", "csidriver", "hostpath.csi.k8s.io", "-p", #"{"spec":{"attachRequired":false}}"#],
                ["patch", "pvc", "data", "-p", #"{"spec":{"accessModes":["ReadWriteMany"]}}"#],
            ]
            let outcomes = try await runner.compareAll(commands, parallelism: 4)
            for outcome in outcomes {
                if let difference = outcome.difference { Issue.record("kctl and kubectl differ: \(outcome.name)\n\(difference)") }
            }
            #expect(outcomes.count == commands.count)

            let immutable = try await runner.kubectl(["patch", "storageclass", "manual", "-p", #"{"provisioner":"example.com/other"}"#])
            #expect(immutable.stderr.contains(
                "The StorageClass \"manual\" is invalid: provisioner: Forbidden: updates to provisioner are forbidden."),
                "\(immutable)")
            let ingress = try await runner.kubectl(["describe", "ingress", "web"])
            #expect(ingress.stdout.contains("/api   api:http (<error: services \"api\" not found>)"), "\(ingress)")

            // kubectl create ingress sends a protobuf body (its typed client); the claim is protected while in use.
            let simple = try await runner.kubectl(["create", "ingress", "simple", "--rule=foo.com/bar=svc1:8080", "--class=nginx"])
            #expect(simple.stdout == "ingress.networking.k8s.io/simple created\n", "\(simple)")
            let rule = try await runner.kctl(["get", "ingress", "simple", "-o", "jsonpath={.spec.rules[0].http.paths[0]}"])
            #expect(rule.stdout == #"{"backend":{"service":{"name":"svc1","port":{"number":8080}}},"path":"/bar","pathType":"Exact"}"#,
                    "\(rule)")
            let finalizers = try await runner.kubectl(["get", "pvc", "data", "-o", "jsonpath={.metadata.finalizers}"])
            #expect(finalizers.stdout == #"["kubernetes.io/pvc-protection"]"#, "\(finalizers)")
        }
    }
}
